/**
 * Stand-in images for the e2e environment, tagged with the real image names so the stacks use them
 * unchanged (the docker provider pulls only when a name is absent locally). Built from the upstream
 * programs (see docs/images.md for each image's contract and what differs):
 *
 *   datalab-e2e/debian:trixie      debootstrap minbase, imported: the base of the others
 *   datalab-e2e/debian:bookworm    the same for bookworm (OpenJDK 17): the base of the Spark stand-in
 *   chrislusf/seaweedfs:4.53       weed from the seaweedfs Go module (the e2e's S3 lake)
 *   hashicorp/consul:1.8.7         Debian bullseye's consul 1.8.7 (MPL-2.0)
 *   hashicorp/consul:1.14.3        consul from its Go module at v1.14.3 (MPL-2.0): what works with our stack
 *   hashicorp/consul-esm:0.7.1     consul-esm from its Go module at v0.7.1
 *   apache/kafka:4.1.1             Kafka 4.1.1's jars from Maven Central on Debian's OpenJDK 21
 *   apache/spark:3.5.7-scala2.12-java17-python3-ubuntu
 *                                  Spark 3.5.7's distribution as PyPI's pyspark 3.5.7 sdist carries it, on
 *                                  Debian's OpenJDK 17 and Python 3 (the base the project Spark image builds on)
 *   prom/prometheus:v3.5.0         prometheus + promtool from the Go module v0.305.0 (= 3.5.0) with its web UI
 *                                  built with npm, on a busybox root file system from Debian's busybox-static
 *   postgres:17.11                 Debian trixie's postgresql-17 with our docker-library-style entrypoint
 *
 * Idempotent and fast when cached: artifacts are kept under `${DATALAB_E2E_CACHE:-~/.cache/datalab-e2e}/images`
 * with a stamp of their recipe, and `docker build` is skipped when the image exists with a label
 * carrying the hash of its Dockerfile, context files, artifacts and base image.
 * There is no stand-in for Kafka UI (ghcr.io/kafbat/kafka-ui): its jar is not on Maven Central.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  Artifact,
  consulArtifact,
  consulEsmArtifact,
  consulModuleArtifact,
  kafkaArtifact,
  postgresArtifact,
  prometheusArtifact,
  seaweedfsArtifact,
  SourceUnavailableError,
  sparkArtifact,
} from './artifacts';
import { baseHash, baseImage, DEBIAN_SUITE, DebianSuite, prepareBase } from './debian';
import { mirrorBuildArgs } from '../../stacks/build-mirrors';
import { PypiMirror, servePypiMirror } from '../scenario/pypi-mirror';
import { artifactDir, HASH_LABEL, imageLabel, logDir, run, secondsSince, sha256, sha256Dir, STANDIN_LABEL, withCacheLock } from './lib';

export { BASE_IMAGE } from './debian';

export interface StandIn {
  /** Short name used on the command line. */
  readonly name: string;
  /** Recipe folder under e2e/images/. @default name */
  readonly dir?: string;
  /** `docker build --build-arg`s. */
  readonly buildArgs?: Readonly<Record<string, string>>;
  /** The image reference the stacks use. */
  readonly image: string;
  /** The Debian suite of its base (by the JDK major of the real image). @default trixie */
  readonly base?: DebianSuite;
  /** What it is built from, for logs and labels. */
  readonly from: string;
  readonly artifact: (log: (line: string) => void) => Promise<Artifact>;
  /** Another stand-in (its short name) this one is built FROM instead of a Debian base: BASE names its image. */
  readonly onStandIn?: string;
  /**
   * Installs Python packages: built while the e2e's PyPI mirror serves them, with PIP_INDEX_URL and
   * PIP_TRUSTED_HOST (not part of the inputs hash: the mirror's URL is fixed, its wheels follow
   * from the Dockerfile's pins).
   */
  readonly pip?: boolean;
}

/** Made by `docker build` alone (Debian packages, or wheels from the PyPI mirror): nothing to prepare on the host. */
const builtInDocker = (what: string) => async (): Promise<Artifact> => ({ files: {}, hash: sha256('docker build', what), summary: what });

export const STAND_INS: readonly StandIn[] = [
  { name: 'seaweedfs', image: 'chrislusf/seaweedfs:4.53', from: 'seaweedfs Go module 4.53 (7506e5f9)', artifact: seaweedfsArtifact },
  { name: 'consul', image: 'hashicorp/consul:1.8.7', from: 'Debian bullseye consul 1.8.7+dfsg1-2+b3', artifact: consulArtifact, buildArgs: { CONSUL_VERSION: '1.8.7' } },
  // Consul 1.8.7 rejects what our consul provider and consul-esm 0.7.1 send (docs/images.md): 1.14.3 accepts it.
  { name: 'consul-1.14', dir: 'consul', image: 'hashicorp/consul:1.14.3', from: 'consul Go module v1.14.3', artifact: consulModuleArtifact, buildArgs: { CONSUL_VERSION: '1.14.3' } },
  { name: 'consul-esm', image: 'hashicorp/consul-esm:0.7.1', from: 'consul-esm Go module v0.7.1', artifact: consulEsmArtifact },
  { name: 'kafka', image: 'apache/kafka:4.1.1', from: 'Kafka 4.1.1 jars from Maven Central', artifact: kafkaArtifact },
  {
    name: 'spark',
    image: 'apache/spark:3.5.7-scala2.12-java17-python3-ubuntu',
    from: 'Spark 3.5.7 distribution from the PyPI pyspark 3.5.7 sdist',
    artifact: sparkArtifact,
    base: 'bookworm',
  },
  { name: 'prometheus', image: 'prom/prometheus:v3.5.0', from: 'prometheus Go module v0.305.0 (3.5.0) with its web UI', artifact: prometheusArtifact },
  { name: 'postgres', image: 'postgres:17.11', from: 'Debian trixie postgresql-17', artifact: postgresArtifact, buildArgs: { PG_MAJOR: '17' } },
  // No CPython 3.10 or 3.12 can be had here: both tags are bookworm's Python 3.11 (docs/images.md).
  { name: 'python-3.10', dir: 'python', image: 'python:3.10-slim-bookworm', from: "Debian bookworm's python3 3.11.2", artifact: builtInDocker("Debian bookworm's python3 (installed by docker build)"), base: 'bookworm' },
  { name: 'python-3.12', dir: 'python', image: 'python:3.12-slim-bookworm', from: "Debian bookworm's python3 3.11.2", artifact: builtInDocker("Debian bookworm's python3 (installed by docker build)"), base: 'bookworm' },
  // The ml group's images: python slim + the PyPI release, wheels from the e2e's PyPI mirror.
  { name: 'mlflow', image: 'ghcr.io/mlflow/mlflow:v3.12.0', from: 'mlflow 3.12.0 from PyPI', artifact: builtInDocker('mlflow 3.12.0 wheels (installed by docker build)'), onStandIn: 'python-3.12', pip: true },
  { name: 'prefect', image: 'prefecthq/prefect:3.4.24-python3.12', from: 'prefect 3.4.24 from PyPI', artifact: builtInDocker('prefect 3.4.24 wheels (installed by docker build)'), onStandIn: 'python-3.12', pip: true },
  {
    name: 'airflow',
    image: 'apache/airflow:3.1.7-python3.12',
    from: 'apache-airflow[postgres,fab] 3.1.7 from PyPI',
    artifact: builtInDocker('apache-airflow[postgres,fab] 3.1.7 wheels (installed by docker build)'),
    onStandIn: 'python-3.12',
    pip: true,
  },
];

/** Images the e2e environment cannot have, and why (the environment switches them off). */
export const NOT_AVAILABLE: Readonly<Record<string, string>> = {
  'ghcr.io/kafbat/kafka-ui': 'Kafka UI is published only as a container image and GitHub release jar, not on Maven Central',
};

export interface ImageResult {
  readonly name: string;
  readonly image: string;
  /** false: found in the engine with matching inputs. */
  readonly built: boolean;
  readonly seconds: number;
  readonly detail: string;
  /** Set when the image cannot be made here (its program's source is not reachable): why. */
  readonly unavailable?: string;
}

export interface PrepareOptions {
  /** Subset by short name (`seaweedfs`, `consul`, `consul-esm`, `kafka`, `prometheus`, `postgres`, `debian`, …); default: all. */
  readonly only?: readonly string[];
  /** Progress lines. @default console.log */
  readonly log?: (line: string) => void;
  /** Called once per image with what was done and how long it took. */
  readonly onResult?: (result: ImageResult) => void;
}

const RECIPES_DIR = __dirname;

/**
 * Builds every stand-in image (and the base) that is missing or out of date, one at a time.
 * Returns the references of the images that are ready, base first. An image whose program cannot
 * be had here (consul-esm when the Go proxy refuses it and no binary is supplied) is left out
 * and reported through `onResult` with `unavailable`; any other failure throws.
 */
export async function prepareImages(opts: PrepareOptions = {}): Promise<string[]> {
  const log = opts.log ?? ((l: string) => console.log(l));
  return withCacheLock(log, () => prepareLocked(opts, log));
}

async function prepareLocked(opts: PrepareOptions, log: (line: string) => void): Promise<string[]> {
  const known = ['debian', ...STAND_INS.map((s) => s.name)];
  const unknown = (opts.only ?? []).filter((n) => !known.includes(n));
  if (unknown.length) throw new Error(`unknown image ${unknown.join(', ')}; known: ${known.join(', ')}`);
  // A stand-in built on another needs that one first (STAND_INS lists bases before their users).
  const named = new Set(opts.only?.length ? opts.only : STAND_INS.map((s) => s.name));
  for (const s of [...STAND_INS].reverse()) if (named.has(s.name) && s.onStandIn) named.add(s.onStandIn);
  const wanted = STAND_INS.filter((s) => named.has(s.name));
  const images: string[] = [];

  // The default base is always prepared; another suite only when a wanted stand-in needs it.
  let start = process.hrtime.bigint();
  const suites = [...new Set<DebianSuite>([DEBIAN_SUITE, ...wanted.map((s) => s.base ?? DEBIAN_SUITE)])];
  for (const suite of suites) {
    start = process.hrtime.bigint();
    const baseBuilt = await prepareBase(log, suite);
    images.push(baseImage(suite));
    report({ name: 'debian', image: baseImage(suite), built: baseBuilt, seconds: secondsSince(start), detail: `debootstrap minbase ${suite}` });
  }

  // The PyPI mirror serves while a stand-in that installs Python packages is built (started on
  // the first such build: images found up to date need none).
  let pypi: PypiMirror | undefined;
  const mirrorArgs = async () => {
    pypi ??= await servePypiMirror(join(RECIPES_DIR, '..', '..'), join(logDir(), 'pypi-mirror.log'), log);
    return mirrorBuildArgs({ python: pypi.index }, ['python']);
  };
  try {
    for (const s of wanted) {
      start = process.hrtime.bigint();
      let artifact: Artifact;
      try {
        artifact = await s.artifact(log);
      } catch (e) {
        if (!(e instanceof SourceUnavailableError)) throw e;
        report({ name: s.name, image: s.image, built: false, seconds: secondsSince(start), detail: 'not available', unavailable: e.message });
        continue;
      }
      const built = await buildStandIn(s, artifact, log, mirrorArgs);
      images.push(s.image);
      report({ name: s.name, image: s.image, built, seconds: secondsSince(start), detail: artifact.summary });
    }
  } finally {
    await (pypi as PypiMirror | undefined)?.close();
  }
  // Earlier builds of these images, now untagged, go (only ours: by label; only dangling ones).
  await run('docker', ['image', 'prune', '-f', '--filter', `label=${STANDIN_LABEL}`], { allowFail: true });
  return images;

  function report(r: ImageResult) {
    log(r.unavailable ? `${r.image}: NOT AVAILABLE: ${r.unavailable}` : `${r.image}: ${r.built ? 'built' : 'up to date'} in ${r.seconds}s`);
    opts.onResult?.(r);
  }
}

/** Hash of what the image is made of: recipe folder, artifacts, base image. */
export async function inputsHash(s: StandIn, artifact: Artifact): Promise<string> {
  return sha256(s.name, s.image, JSON.stringify(s.buildArgs ?? {}), await sha256Dir(join(RECIPES_DIR, s.dir ?? s.name)), artifact.hash, await baseOf(s).hash());
}

/** The image a stand-in is built FROM, and the hash that changes when that image does. */
function baseOf(s: StandIn): { readonly image: string; readonly hash: () => Promise<string> } {
  if (!s.onStandIn) return { image: baseImage(s.base ?? DEBIAN_SUITE), hash: async () => baseHash(s.base ?? DEBIAN_SUITE) };
  const base = STAND_INS.find((b) => b.name === s.onStandIn);
  if (!base) throw new Error(`stand-in ${s.name} is built on "${s.onStandIn}", which is no stand-in`);
  return { image: base.image, hash: async () => (await imageLabel(base.image, HASH_LABEL)) ?? `${base.image} missing` };
}

async function buildStandIn(s: StandIn, artifact: Artifact, log: (l: string) => void, mirrorArgs: () => Promise<Readonly<Record<string, string>>>): Promise<boolean> {
  const hash = await inputsHash(s, artifact);
  if ((await imageLabel(s.image, HASH_LABEL)) === hash) return false;

  const logFile = join(logDir(), `${s.name}-docker-build.log`);
  log(`${s.name}: docker build -t ${s.image} (log: ${logFile})`);
  // A small context: the recipe folder plus the artifacts (hard links where possible).
  const ctx = mkdtempSync(join(artifactDir('tmp'), `${s.name}-context-`));
  try {
    await run('cp', ['-a', `${join(RECIPES_DIR, s.dir ?? s.name)}/.`, ctx], { logFile });
    for (const [name, path] of Object.entries(artifact.files)) {
      const linked = await run('cp', ['-al', path, join(ctx, name)], { logFile, allowFail: true });
      if (linked.code !== 0) await run('cp', ['-a', path, join(ctx, name)], { logFile });
    }
    await run(
      'docker',
      [
        'build', '--label', `${HASH_LABEL}=${hash}`, '--label', `${STANDIN_LABEL}=${s.from}`, '--build-arg', `BASE=${baseOf(s).image}`,
        ...Object.entries({ ...(s.pip ? await mirrorArgs() : {}), ...(s.buildArgs ?? {}) }).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]),
        '-t', s.image, ctx,
      ],
      { logFile, env: { ...process.env, DOCKER_BUILDKIT: '0' } },
    );
  } finally {
    rmSync(ctx, { recursive: true, force: true });
  }
  return true;
}
