import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseEnvironment } from '../config/loader';
import { parseDockerfile } from '../scripts/pins/dockerfile';
import { environmentBuildArgs } from '../scripts/pins/images';
import { mirrorBuildArgs } from '../stacks/build-mirrors';
import { configErrorOf, devYamlWith, ENVS, platformFor, resourceAt, synthJson } from './helpers';
import { loadEnvironment } from '../config/loader';

type ImageJson = { build: { build_args?: Record<string, string> }; triggers: { content_sha256: string } };
const ROOT = path.resolve(__dirname, '..');
const MIRROR_ARGS = ['PIP_INDEX_URL', 'PIP_TRUSTED_HOST', 'NPM_CONFIG_REGISTRY', 'MAVEN'];

/** The build arguments of every project image the environment builds, by image directory. */
function projectImageArgs(env: ReturnType<typeof parseEnvironment>): Record<string, Record<string, string>> {
  const { platform } = platformFor(env);
  const args = (stack: Parameters<typeof synthJson>[0] | undefined, id: string) => (stack ? ((resourceAt(synthJson(stack), 'docker_image', id) as ImageJson).build.build_args ?? {}) : undefined);
  const out: Record<string, Record<string, string>> = {};
  const put = (k: string, v: Record<string, string> | undefined) => v && (out[k] = v);
  put('images/spark', args(platform.processing, 'spark-image'));
  put('images/mlflow', args(platform.ml, 'mlflow-image'));
  put('images/jupyterhub', args(platform.visualization, 'jupyterhub-image'));
  put('apps/streamlit', args(platform.visualization, 'streamlit-image'));
  if (platform.processing?.pipelines) put('images/spark-pipelines', args(platform.processing, 'pipelines/worker-image'));
  return out;
}

const declaredArgs = (image: string): string[] => {
  const m = parseDockerfile(fs.readFileSync(path.join(ROOT, image, 'Dockerfile'), 'utf8'), `${image}/Dockerfile`);
  return [...m.globalArgs.keys(), ...m.stageArgs.keys()];
};

const withMirrors = (mirrors: Record<string, string>, edit?: (d: import('yaml').Document) => void) =>
  parseEnvironment(
    devYamlWith((d) => {
      d.setIn(['buildMirrors'], d.createNode(mirrors));
      edit?.(d);
    }),
    'config/test.yaml',
    'dev',
  );

describe('buildMirrors: the package mirrors of project image builds', () => {
  it.each(ENVS)('%s sets no mirror, so every image keeps its Dockerfile\'s registries (no mirror build argument)', (name) => {
    const env = loadEnvironment(name);
    expect(env.buildMirrors).toBeUndefined();
    const images = projectImageArgs(env);
    expect(Object.keys(images).length).toBeGreaterThan(0);
    for (const [image, args] of Object.entries(images)) {
      for (const k of MIRROR_ARGS) expect({ image, [k]: args[k] }).toEqual({ image, [k]: undefined });
    }
  });

  it('passes each project image build the mirrors it installs from, the http index with its trusted host', () => {
    const env = withMirrors({ python: 'http://10.1.2.3:8081/simple', npm: 'http://10.1.2.3:4873/', maven: 'http://10.1.2.3:8081/maven2/' });
    const images = projectImageArgs(env);
    expect(Object.keys(images).sort()).toEqual(['apps/streamlit', 'images/jupyterhub', 'images/mlflow', 'images/spark']);
    const python = { PIP_INDEX_URL: 'http://10.1.2.3:8081/simple/', PIP_TRUSTED_HOST: '10.1.2.3:8081' };
    const mirrorsOf = (args: Record<string, string>) => Object.fromEntries(Object.entries(args).filter(([k]) => MIRROR_ARGS.includes(k)));
    expect(mirrorsOf(images['images/spark'])).toEqual({ MAVEN: 'http://10.1.2.3:8081/maven2' });
    expect(mirrorsOf(images['images/mlflow'])).toEqual(python);
    expect(mirrorsOf(images['apps/streamlit'])).toEqual(python);
    expect(mirrorsOf(images['images/jupyterhub'])).toEqual({ ...python, NPM_CONFIG_REGISTRY: 'http://10.1.2.3:4873/', MAVEN: 'http://10.1.2.3:8081/maven2' });
    // Both ways, for every project image (prod adds the pipeline workers' image): an image is given
    // a mirror exactly when its Dockerfile declares that mirror's ARG. An undeclared argument would
    // only change the content hash (a rebuild, every container on it re-created); a missing one
    // would send the build to the public registry behind the user's proxy.
    const prod = parseEnvironment(
      fs.readFileSync(path.join(ROOT, 'config', 'prod.yaml'), 'utf8').replace(/^environment: prod$/m, 'environment: prod\nbuildMirrors:\n  python: http://10.1.2.3:8081/simple\n  npm: http://10.1.2.3:4873/\n  maven: http://10.1.2.3:8081/maven2/'),
      'config/prod.yaml',
      'prod',
    );
    const all = { ...images, ...projectImageArgs(prod) };
    expect(Object.keys(all)).toContain('images/spark-pipelines');
    for (const [image, args] of Object.entries(all)) {
      const declared = declaredArgs(image);
      expect({ image, given: Object.keys(args).filter((k) => MIRROR_ARGS.includes(k)).sort() }).toEqual({ image, given: MIRROR_ARGS.filter((k) => declared.includes(k)).sort() });
      expect({ image, undeclared: Object.keys(args).filter((k) => !declared.includes(k)) }).toEqual({ image, undeclared: [] });
    }
    // check:pins reads the images with the same arguments the stacks pass.
    const pins = environmentBuildArgs(env);
    for (const [image, args] of Object.entries(images)) expect(pins.get(image)).toEqual(args);
  });

  it('trusts no host for an https index; a mirror changes the images that use it, and only those', () => {
    expect(mirrorBuildArgs({ python: 'https://nexus.example.org/repository/pypi/simple' }, ['python'])).toEqual({ PIP_INDEX_URL: 'https://nexus.example.org/repository/pypi/simple/' });
    expect(mirrorBuildArgs({ python: 'https://nexus.example.org/repository/pypi/simple' }, ['maven'])).toEqual({});
    const before = platformFor(loadEnvironment('dev')).platform;
    const after = platformFor(withMirrors({ python: 'https://nexus.example.org/repository/pypi/simple' })).platform;
    const hash = (s: Parameters<typeof synthJson>[0], id: string) => (resourceAt(synthJson(s), 'docker_image', id) as ImageJson).triggers.content_sha256;
    expect(hash(after.ml!, 'mlflow-image')).not.toBe(hash(before.ml!, 'mlflow-image'));
    // The Spark image installs no Python package: a PyPI mirror leaves it (and every Spark container and job) as it was.
    expect(hash(after.processing!, 'spark-image')).toBe(hash(before.processing!, 'spark-image'));
  });

  it('lets processing.spark.mavenRepository win over buildMirrors.maven for the Spark image only', () => {
    const env = withMirrors({ maven: 'http://central-proxy.example.org/maven2' }, (d) => d.setIn(['processing', 'spark', 'mavenRepository'], 'http://spark-only.example.org/m2'));
    const images = projectImageArgs(env);
    expect(images['images/spark'].MAVEN).toBe('http://spark-only.example.org/m2');
    expect(images['images/jupyterhub'].MAVEN).toBe('http://central-proxy.example.org/maven2');
  });

  it('gives the pipeline worker image (built where pipelines are scheduled: prod) the python mirror', () => {
    const prod = parseEnvironment(
      fs.readFileSync(path.join(ROOT, 'config', 'prod.yaml'), 'utf8').replace(/^environment: prod$/m, 'environment: prod\nbuildMirrors:\n  python: http://10.1.2.3:8081/simple'),
      'config/prod.yaml',
      'prod',
    );
    const worker = resourceAt(synthJson(platformFor(prod).platform.processing!), 'docker_image', 'pipelines/worker-image') as ImageJson;
    expect(worker.build.build_args).toMatchObject({ PIP_INDEX_URL: 'http://10.1.2.3:8081/simple/', PIP_TRUSTED_HOST: '10.1.2.3:8081' });
    const plain = resourceAt(synthJson(platformFor(loadEnvironment('prod')).platform.processing!), 'docker_image', 'pipelines/worker-image') as ImageJson;
    expect(Object.keys(plain.build.build_args ?? {}).filter((k) => MIRROR_ARGS.includes(k))).toEqual([]);
    expect(declaredArgs('images/spark-pipelines').filter((a) => a.startsWith('PIP_'))).toEqual(['PIP_INDEX_URL', 'PIP_TRUSTED_HOST']);
  });

  it('is declared as an ARG by each Dockerfile that installs from that registry', () => {
    const uses = (image: string, re: RegExp) => re.test(fs.readFileSync(path.join(ROOT, image, 'Dockerfile'), 'utf8'));
    for (const image of ['images/mlflow', 'images/jupyterhub', 'apps/streamlit', 'images/spark']) {
      const declared = declaredArgs(image);
      if (uses(image, /\bpip install\b/)) expect({ image, pip: declared.filter((a) => a.startsWith('PIP_')) }).toEqual({ image, pip: ['PIP_INDEX_URL', 'PIP_TRUSTED_HOST'] });
      if (uses(image, /\bnpm install\b/)) expect({ image, npm: declared.includes('NPM_CONFIG_REGISTRY') }).toEqual({ image, npm: true });
      if (uses(image, /\.jar\b/)) expect({ image, maven: declared.includes('MAVEN') }).toEqual({ image, maven: true });
    }
    // Maven Central stays the default, and no Dockerfile names it in a download but through MAVEN.
    for (const image of ['images/jupyterhub', 'images/spark']) {
      const text = fs.readFileSync(path.join(ROOT, image, 'Dockerfile'), 'utf8');
      expect(text).toMatch(/^ARG MAVEN=https:\/\/repo1\.maven\.org\/maven2$/m);
      expect(text.replace(/^ARG MAVEN=.*$/m, '')).not.toContain('repo1.maven.org');
    }
  });

  it('rejects a mirror that is not an http(s) URL, and an unknown key, naming the file and the path', () => {
    expect(configErrorOf(devYamlWith((d) => d.setIn(['buildMirrors'], d.createNode({ python: 'ftp://mirror.example.org/simple' }))), 'config/test.yaml').message).toMatch(
      /config\/test\.yaml:\d+:\d+ +buildMirrors\.python: expected an http\(s\) URL of a PEP 503 simple index/,
    );
    expect(configErrorOf(devYamlWith((d) => d.setIn(['buildMirrors'], d.createNode({ cargo: 'http://x.example.org/' }))), 'config/test.yaml').message).toMatch(
      /config\/test\.yaml:\d+:\d+ +buildMirrors: unknown key "cargo"; allowed: python, npm, maven/,
    );
  });
});
