import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEnvironment } from '../config/loader';
import { baseImageFacts, pysparkScalaBinary } from '../scripts/pins/base-images';
import {
  coordinateOfJarPath,
  effectiveArgs,
  instructions,
  jarPaths,
  npmInstalls,
  parseDockerfile,
  parseNpmSpec,
  parseRequirement,
  pipInstalls,
  Requirement,
  requirementLines,
  shellCommands,
  substitute,
} from '../scripts/pins/dockerfile';
import { baseFactsThrough, discoverImages, environmentBuildArgs, imageVariants, readVariant } from '../scripts/pins/images';
import { classifyMavenFailure, keyOfMavenArtifact, parseEffectivePom } from '../scripts/pins/maven';
import { classifyPipFailure, manylinuxPlatforms, summariseCauses } from '../scripts/pins/pip';
import { pins, pinsMatchImage } from '../scripts/pins/test-requirements';
import {
  argsMatchBase,
  deltaPipMatchesJars,
  ImageFacts,
  inDistribution,
  JarPom,
  jarDependencies,
  jarsFitSpark,
  pipPinned,
  pysparkMatchesSpark,
  sameSparkAndDelta,
} from '../scripts/pins/rules';

const ROOT = path.join(__dirname, '..');
const fixture = (name: string) => fs.readFileSync(path.join(__dirname, 'fixtures', 'pins', name), 'utf8');
const req = (t: string) => {
  const r = parseRequirement(t);
  if ('problem' in r) throw new Error(r.problem);
  return r;
};

describe('reading a Dockerfile', () => {
  const text = [
    '# comment',
    'ARG BASE=python:3.10-slim-bookworm',
    'FROM ${BASE} AS app',
    'ARG BASE',
    'ARG SPARK_VERSION=3.5.7 OTHER="a b"',
    'RUN pip install --no-cache-dir \\',
    '# a comment line inside the continuation is dropped, as Docker does',
    '      "pyspark==${SPARK_VERSION}" \\',
    '      -r requirements.txt \\',
    '  && echo done',
  ].join('\n');

  it('joins continuation lines, drops comment lines and keeps the first line number', () => {
    const ins = instructions(text);
    expect(ins.map((i) => i.keyword)).toEqual(['ARG', 'FROM', 'ARG', 'ARG', 'RUN']);
    expect(ins[4].line).toBe(6);
    expect(ins[4].args).not.toContain('comment');
    expect(ins[4].args).toContain('"pyspark==${SPARK_VERSION}"');
  });

  it('separates global ARGs (FROM) from stage ARGs; a bare stage ARG inherits the global default', () => {
    const m = parseDockerfile(text, 'x/Dockerfile');
    expect(m.from).toBe('${BASE}');
    expect([...m.globalArgs]).toEqual([['BASE', 'python:3.10-slim-bookworm']]);
    expect([...m.stageArgs]).toEqual([['BASE', 'python:3.10-slim-bookworm'], ['SPARK_VERSION', '3.5.7'], ['OTHER', 'a b']]);
    expect(substitute(m.from, effectiveArgs(m.globalArgs, { BASE: 'python:3.12-slim-bookworm', UNDECLARED: 'x' }))).toBe('python:3.12-slim-bookworm');
    expect(effectiveArgs(m.stageArgs, { UNDECLARED: 'x' }).has('UNDECLARED')).toBe(false);
  });

  it('fails clearly without a FROM', () => {
    expect(() => parseDockerfile('ARG A=1\n', 'images/x/Dockerfile')).toThrow('images/x/Dockerfile: no FROM instruction');
  });

  it('substitutes ARGs in every form and leaves shell variables alone', () => {
    const vars = new Map<string, string | undefined>([['V', '1.2'], ['EMPTY', undefined]]);
    expect(substitute('a-$V-${V}-${EMPTY:-dflt}-${V:+set}-${EMPTY:+set}-${jar}-$path', vars)).toBe('a-1.2-1.2-dflt-set--${jar}-$path');
  });

  it('finds pip installs in every spelling, skipping option values', () => {
    const run = substitute(instructions(text)[4].args, new Map([['SPARK_VERSION', '3.5.7']]));
    const cmds = shellCommands(run);
    expect(cmds.map(pipInstalls).flat()).toEqual([{ requirements: ['pyspark==3.5.7'], requirementFiles: ['requirements.txt'] }]);
    expect(pipInstalls('python3 -m pip install --index-url https://x/simple -c c.txt "a==1" b[x]==2 --upgrade')).toEqual([{ requirements: ['a==1', 'b[x]==2'], requirementFiles: [] }]);
    expect(pipInstalls('/usr/local/bin/pip3.10 install --requirement=r.txt')).toEqual([{ requirements: [], requirementFiles: ['r.txt'] }]);
    expect(pipInstalls('apt-get install -y pip')).toEqual([]);
    expect(shellCommands('a && b || c; d | e')).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(shellCommands('echo "a && b"')).toEqual(['echo "a && b"']);
  });

  it('finds the packages npm install names, skipping options and their values, and tells pinned from loose', () => {
    expect(npmInstalls('npm install -g configurable-http-proxy@4.6.3')).toEqual(['configurable-http-proxy@4.6.3']);
    expect(npmInstalls('/usr/bin/npm i --registry http://m/ --omit dev @scope/pkg@1.2.3-rc.1 left-pad')).toEqual(['@scope/pkg@1.2.3-rc.1', 'left-pad']);
    expect(npmInstalls('npm ci')).toEqual([]);
    expect(npmInstalls('npm cache clean --force')).toEqual([]);
    expect(parseNpmSpec('configurable-http-proxy@4.6.3')).toEqual({ text: 'configurable-http-proxy@4.6.3', name: 'configurable-http-proxy', range: '4.6.3', pinned: '4.6.3' });
    expect(parseNpmSpec('@scope/pkg@^1.2')).toEqual({ text: '@scope/pkg@^1.2', name: '@scope/pkg', range: '^1.2' });
    expect(parseNpmSpec('left-pad')).toEqual({ text: 'left-pad', name: 'left-pad', range: '' });
    expect(parseNpmSpec('Bad Name')).toEqual({ problem: expect.stringContaining('not an npm package') });
  });

  it('reads Maven coordinates from repository paths and URLs, and says why a path is not one', () => {
    expect(coordinateOfJarPath('io/delta/delta-spark_2.12/3.3.1/delta-spark_2.12-3.3.1.jar')).toEqual({ groupId: 'io.delta', artifactId: 'delta-spark_2.12', version: '3.3.1' });
    expect(coordinateOfJarPath('https://repo1.maven.org/maven2/org/apache/hadoop/hadoop-aws/3.3.4/hadoop-aws-3.3.4.jar')).toEqual({ groupId: 'org.apache.hadoop', artifactId: 'hadoop-aws', version: '3.3.4' });
    expect(coordinateOfJarPath('org/x/lib/1.0/lib-1.0-tests.jar')).toEqual({ groupId: 'org.x', artifactId: 'lib', version: '1.0', classifier: 'tests' });
    expect(coordinateOfJarPath('org/x/lib/1.0/lib-2.0.jar')).toEqual({ problem: expect.stringContaining('does not match artifact lib version 1.0') });
    expect(coordinateOfJarPath('org/x/lib/${V}/lib-${V}.jar')).toEqual({ problem: expect.stringContaining('unresolved variable') });
    expect(jarPaths('for p in "a/b/c/1/c-1.jar" \'d/e/2/e-2.jar\'; do wget "$p"; done; chmod 0644 /opt/spark/jars/*.jar')).toEqual(['a/b/c/1/c-1.jar', 'd/e/2/e-2.jar']);
  });

  it('reads requirement lines: pins, extras, markers; unpinned and malformed ones are told apart', () => {
    expect(req('PySpark==3.5.7')).toEqual({ text: 'PySpark==3.5.7', name: 'pyspark', specifier: '==3.5.7', pinned: '3.5.7' });
    expect(req('s3fs[boto3] == 2025.3.2 ; python_version >= "3.9"')).toMatchObject({ name: 's3fs', pinned: '2025.3.2' });
    expect(req('Zope.Interface>=5,<6')).toEqual({ text: 'Zope.Interface>=5,<6', name: 'zope-interface', specifier: '>=5,<6' });
    expect(parseRequirement('pandas=2.2')).toEqual({ problem: expect.stringContaining('not a version specifier') });
    expect(requirementLines('# c\na==1  # pinned\n-r other.txt\n--index-url https://x\nb==2 \\\n  ; python_version < "4"\n')).toEqual({
      requirements: ['a==1', 'b==2    ; python_version < "4"'],
      includes: ['other.txt'],
      options: ['--index-url https://x'],
    });
  });
});

describe('the project images as check:pins reads them', () => {
  const images = discoverImages(ROOT);
  const spark = images.find((i) => i.image === 'images/spark')!;

  it('finds every image and app Dockerfile', () => {
    expect(images.map((i) => i.image)).toEqual(expect.arrayContaining(['images/spark', 'images/jupyterhub', 'images/mlflow', 'apps/streamlit']));
  });

  it('reads the Spark image jars from its ARGs, and follows a build argument into FROM', () => {
    const dockerfile = parseDockerfile(fs.readFileSync(path.join(spark.dir, 'Dockerfile'), 'utf8'), 'Dockerfile');
    const v = readVariant(ROOT, spark, {}, ['Dockerfile defaults'])!;
    expect(v.problems).toEqual([]);
    expect(v.from).toBe(dockerfile.globalArgs.get('SPARK_BASE_IMAGE'));
    const sparkVersion = dockerfile.stageArgs.get('SPARK_VERSION');
    expect(v.jars).toContainEqual({ groupId: 'org.apache.spark', artifactId: 'spark-sql-kafka-0-10_2.12', version: sparkVersion });
    expect(v.jars).toContainEqual({ groupId: 'io.delta', artifactId: 'delta-storage', version: dockerfile.stageArgs.get('DELTA_VERSION') });
    expect(readVariant(ROOT, spark, { SPARK_BASE_IMAGE: 'apache/spark:3.5.1-scala2.12-java17-python3-ubuntu' }, ['x'])!.from).toBe('apache/spark:3.5.1-scala2.12-java17-python3-ubuntu');
  });

  it('reads pip pins from RUN lines and from the requirements file an image installs', () => {
    const hub = readVariant(ROOT, images.find((i) => i.image === 'images/jupyterhub')!, {}, ['d'])!;
    expect(hub.pip.find((r) => r.name === 'pyspark')?.pinned).toBe(hub.args.get('SPARK_VERSION'));
    const app = readVariant(ROOT, images.find((i) => i.image === 'apps/streamlit')!, {}, ['d'])!;
    const file = requirementLines(fs.readFileSync(path.join(ROOT, 'apps', 'streamlit', 'requirements.txt'), 'utf8')).requirements;
    expect(app.pip.map((r) => r.text)).toEqual(file);
  });

  it('reads the hub image\'s npm package at its CHP_VERSION pin, and its jars from ${MAVEN}', () => {
    const hub = readVariant(ROOT, images.find((i) => i.image === 'images/jupyterhub')!, {}, ['d'])!;
    expect(hub.problems).toEqual([]);
    expect(hub.npm).toEqual([expect.objectContaining({ name: 'configurable-http-proxy', pinned: hub.args.get('CHP_VERSION') })]);
    expect(hub.jars.map((c) => c.artifactId).sort()).toEqual(['aws-java-sdk-bundle', 'delta-spark_2.12', 'delta-storage', 'hadoop-aws', 'wildfly-openssl']);
    expect(readVariant(ROOT, images.find((i) => i.image === 'images/spark')!, {}, ['d'])!.npm).toEqual([]);
  });

  it('uses the build arguments the stacks pass, per environment, and skips defaults that cannot build', () => {
    const dev = loadEnvironment('dev');
    const args = environmentBuildArgs(dev);
    expect(args.get('images/spark')).toEqual({ SPARK_BASE_IMAGE: dev.processing!.spark.baseImage });
    expect(args.get('images/mlflow')).toEqual({ BASE_IMAGE: dev.ml!.mlflow.image });
    const variants = imageVariants(ROOT, images, [{ name: 'dev', buildArgs: args }]);
    // The MLflow Dockerfile has no default base: only the environment's variant exists.
    expect(variants.filter((v) => v.image === 'images/mlflow').map((v) => v.contexts)).toEqual([['dev']]);
    const other = new Map(args);
    other.set('images/spark', { SPARK_BASE_IMAGE: 'apache/spark:3.5.1-scala2.12-java17-python3-ubuntu' });
    const split = imageVariants(ROOT, images, [{ name: 'dev', buildArgs: args }, { name: 'other', buildArgs: other }]).filter((v) => v.image === 'images/spark');
    expect(split.map((v) => v.contexts)).toEqual([['Dockerfile defaults', 'dev'], ['other']]);
  });
});

describe('the pipeline workers\' image', () => {
  const images = discoverImages(ROOT);
  it('is checked where an environment schedules pipelines, with the build arguments its stack passes', () => {
    const prod = loadEnvironment('prod');
    expect(environmentBuildArgs(prod).get('images/spark-pipelines')).toEqual({ SPARK_IMAGE: prod.processing!.spark.image, PREFECT_VERSION: '3.4.24' });
    expect(environmentBuildArgs(loadEnvironment('dev')).has('images/spark-pipelines')).toBe(false);
    const v = readVariant(ROOT, images.find((i) => i.image === 'images/spark-pipelines')!, environmentBuildArgs(prod).get('images/spark-pipelines')!, ['prod'])!;
    expect(v.problems).toEqual([]);
    expect(v.pip.find((r) => r.name === 'prefect')?.pinned).toBe('3.4.24');
  });

  it('runs on the base of the project image it is built FROM, with what that image installs', () => {
    const prod = loadEnvironment('prod');
    const spark = readVariant(ROOT, images.find((i) => i.image === 'images/spark')!, environmentBuildArgs(prod).get('images/spark')!, ['prod'])!;
    const through = baseFactsThrough(prod.processing!.spark.image, new Map([[prod.processing!.spark.image, { ...spark, pip: [parseRequirement('numpy==1.26.4') as Requirement] }]]));
    expect(through).toMatchObject({ python: '3.10', glibc: '2.35', spark: { version: '3.5.7' }, pipProvided: ['numpy==1.26.4'] });
    expect(baseFactsThrough(prod.processing!.spark.image, new Map())).toHaveProperty('problem');
  });
});

describe('base image facts', () => {
  it('reads Python and glibc from python tags, Spark from apache/spark tags, MLflow up to 3.12', () => {
    expect(baseImageFacts('python:3.12-slim-bookworm')).toMatchObject({ python: '3.12', glibc: '2.36', pipProvided: [] });
    expect(baseImageFacts('apache/spark:3.5.7-scala2.12-java17-python3-ubuntu')).toMatchObject({ python: '3.10', glibc: '2.35', spark: { version: '3.5.7', scalaBinary: '2.12' } });
    expect(baseImageFacts('ghcr.io/mlflow/mlflow:v3.12.0')).toMatchObject({ python: '3.10', pipProvided: ['mlflow==3.12.0'] });
  });

  it('refuses to guess: an unknown base or a later MLflow is a problem naming the file to extend', () => {
    expect(baseImageFacts('ghcr.io/mlflow/mlflow:v3.13.0')).toEqual({ problem: expect.stringContaining('scripts/pins/base-images.ts') });
    expect(baseImageFacts('python:3.12')).toEqual({ problem: expect.stringContaining('unknown to check:pins') });
    expect(baseImageFacts('apache/spark:4.0.1-scala2.13-java17-python3-ubuntu')).toHaveProperty('problem');
    expect(pysparkScalaBinary('3.5.7')).toBe('2.12');
    expect(pysparkScalaBinary('4.0.1')).toBe('2.13');
  });
});

describe('consistency rules', () => {
  const spark = { version: '3.5.7', scalaBinary: '2.12', hadoop: '3.3.4', source: 'base image apache/spark:3.5.7', distributionJars: ['scala-library-2.12.18.jar', 'spark-tags_2.12-3.5.7.jar', 'zstd-jni-1.5.5-4.jar', 'hadoop-client-runtime-3.3.4.jar'] };
  const c = (s: string) => {
    const [groupId, artifactId, version] = s.split(':');
    return { groupId, artifactId, version };
  };
  const facts = (over: Partial<ImageFacts>): ImageFacts => ({ image: 'images/x [dev]', args: new Map(), spark, jars: [], pip: [], ...over });
  const dep = (s: string, scope = 'compile', optional = false) => ({ ...c(s), scope, optional });
  const poms = (...list: Array<[string, ReturnType<typeof dep>[]]>) => new Map<string, JarPom>(list.map(([k, deps]) => [k, { coordinate: c(k), dependencies: deps }]));

  it('ARG SPARK_VERSION and SCALA_BINARY must be the base image\'s', () => {
    const f = facts({ args: new Map([['SPARK_VERSION', '3.5.8'], ['SCALA_BINARY', '2.12']]) });
    expect(argsMatchBase(f, { version: '3.5.7', scalaBinary: '2.12' })).toEqual([{ image: 'images/x [dev]', subject: 'ARG SPARK_VERSION=3.5.8', constraint: 'the base image carries Spark 3.5.7' }]);
    expect(argsMatchBase(f, { version: '3.5.8', scalaBinary: '2.12' })).toEqual([]);
    expect(argsMatchBase(f, undefined)).toEqual([]);
  });

  it('pyspark equals the image\'s Spark; every pip requirement is pinned', () => {
    expect(pysparkMatchesSpark(facts({ pip: [req('pyspark==3.5.8')] }))).toEqual([{ image: 'images/x [dev]', subject: 'pyspark==3.5.8', constraint: "the image's Spark is 3.5.7 (base image apache/spark:3.5.7)" }]);
    expect(pysparkMatchesSpark(facts({ pip: [req('pyspark==3.5.7')] }))).toEqual([]);
    expect(pipPinned(facts({ pip: [req('pandas>=2'), req('numpy==2.2.6')] })).map((x) => x.subject)).toEqual(['pandas>=2']);
  });

  it('pinned jars: Scala suffix, Spark modules at the exact Spark version, Hadoop modules at its Hadoop', () => {
    const f = facts({ jars: [c('io.delta:delta-spark_2.13:3.3.1'), c('org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.6'), c('org.apache.hadoop:hadoop-aws:3.3.6'), c('org.apache.kafka:kafka-clients:3.4.1')] });
    expect(jarsFitSpark(f).map((x) => `${x.subject}: ${x.constraint}`)).toEqual([
      "io.delta:delta-spark_2.13:3.3.1: built for Scala 2.13; the image's Spark 3.5.7 is Scala 2.12 (base image apache/spark:3.5.7)",
      "org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.6: a Spark module must be the image's Spark version 3.5.7 (base image apache/spark:3.5.7)",
      "org.apache.hadoop:hadoop-aws:3.3.6: a Hadoop module must be Spark 3.5.7's Hadoop 3.3.4",
    ]);
    expect(jarsFitSpark(facts({ spark: undefined, jars: [c('io.delta:delta-spark_2.12:3.3.1')] }))[0].constraint).toBe('a Spark jar in an image that runs no Spark');
  });

  it('a jar\'s dependencies: other pins must be the version its POM names', () => {
    const f = facts({ jars: [c('org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.7'), c('org.apache.kafka:kafka-clients:3.5.0'), c('org.apache.commons:commons-pool2:2.11.1')] });
    const p = poms(['org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.7', [dep('org.apache.kafka:kafka-clients:3.4.1'), dep('org.apache.commons:commons-pool2:2.11.1'), dep('org.apache.kafka:kafka_2.12:3.4.1', 'test')]]);
    expect(jarDependencies(f, p)).toEqual([
      { image: 'images/x [dev]', subject: 'org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.7', constraint: 'needs org.apache.kafka:kafka-clients:3.4.1 (compile), the image pins 3.5.0' },
    ]);
  });

  it('a jar\'s dependencies: Spark exactly when Spark asks, the same minor line when a third-party jar asks', () => {
    const delta = (sparkVersion: string) => poms(['io.delta:delta-spark_2.12:3.3.1', [dep(`org.apache.spark:spark-sql_2.12:${sparkVersion}`, 'provided'), dep('org.scala-lang:scala-library:2.12.18')]]);
    const f = facts({ jars: [c('io.delta:delta-spark_2.12:3.3.1')] });
    expect(jarDependencies(f, delta('3.5.3'))).toEqual([]);
    expect(jarDependencies(f, delta('3.4.1'))[0].constraint).toBe("needs org.apache.spark:spark-sql_2.12:3.4.1 (provided); the image's Spark is 3.5.7 (base image apache/spark:3.5.7), not 3.4.x");
    const kafka = facts({ jars: [c('org.apache.spark:spark-token-provider-kafka-0-10_2.12:3.5.7')] });
    const tokenPom = (v: string) => poms(['org.apache.spark:spark-token-provider-kafka-0-10_2.12:3.5.7', [dep(`org.apache.spark:spark-core_2.12:${v}`, 'provided')]]);
    expect(jarDependencies(kafka, tokenPom('3.5.7'))).toEqual([]);
    expect(jarDependencies(kafka, tokenPom('3.5.3'))[0].constraint).toBe("needs org.apache.spark:spark-core_2.12:3.5.3 (provided); the image's Spark is 3.5.7 (base image apache/spark:3.5.7)");
    const wrongScala = poms(['io.delta:delta-spark_2.12:3.3.1', [dep('org.apache.spark:spark-sql_2.13:3.5.3', 'provided')]]);
    expect(jarDependencies(f, wrongScala)[0].constraint).toContain('a Scala 2.13 build');
    const scala213 = poms(['io.delta:delta-spark_2.12:3.3.1', [dep('org.scala-lang:scala-library:2.13.8')]]);
    expect(jarDependencies(f, scala213)[0].constraint).toBe("needs org.scala-lang:scala-library:2.13.8 (compile); the image's Spark is Scala 2.12");
  });

  it('a jar\'s dependencies: Hadoop exactly for Hadoop and Spark modules, and each compile/runtime one on the classpath', () => {
    const f = facts({ jars: [c('org.apache.hadoop:hadoop-aws:3.3.4'), c('com.amazonaws:aws-java-sdk-bundle:1.12.262')] });
    const p = (common: string) =>
      poms(['org.apache.hadoop:hadoop-aws:3.3.4', [dep(`org.apache.hadoop:hadoop-common:${common}`, 'provided'), dep('com.amazonaws:aws-java-sdk-bundle:1.12.262'), dep('org.wildfly.openssl:wildfly-openssl:1.0.7.Final', 'runtime'), dep('org.x:opt:1', 'compile', true), dep('junit:junit:4.13.2', 'test')]]);
    expect(jarDependencies(f, p('3.3.4')).map((x) => x.constraint)).toEqual([
      "needs org.wildfly.openssl:wildfly-openssl:1.0.7.Final (runtime), which is neither pinned in the image nor in Spark 3.5.7's jars/",
    ]);
    expect(jarDependencies(f, p('3.3.6')).map((x) => x.constraint)).toContain("needs org.apache.hadoop:hadoop-common:3.3.6 (provided); the image's Hadoop (Spark 3.5.7) is 3.3.4");
    const pinnedWildfly = facts({ jars: [...f.jars, c('org.wildfly.openssl:wildfly-openssl:1.0.7.Final')] });
    expect(jarDependencies(pinnedWildfly, p('3.3.4'))).toEqual([]);
    // Spark's own jars are on the classpath in whatever version Spark ships.
    const token = facts({ jars: [c('org.apache.spark:spark-token-provider-kafka-0-10_2.12:3.5.7')] });
    expect(jarDependencies(token, poms(['org.apache.spark:spark-token-provider-kafka-0-10_2.12:3.5.7', [dep('com.github.luben:zstd-jni:1.5.2-1', 'runtime'), dep('org.apache.spark:spark-tags_2.12:3.5.7'), dep('org.apache.hadoop:hadoop-client-runtime:3.3.4')]]))).toEqual([]);
    expect(inDistribution('zstd-jni', ['zstd-jni-1.5.5-4.jar'])).toBe(true);
    expect(inDistribution('zstd', ['zstd-jni-1.5.5-4.jar'])).toBe(false);
  });

  it('delta-spark from pip is the Delta jar\'s release', () => {
    const f = facts({ jars: [c('io.delta:delta-spark_2.12:3.3.1')], pip: [req('delta-spark==3.2.0')] });
    expect(deltaPipMatchesJars(f)).toEqual([{ image: 'images/x [dev]', subject: 'delta-spark==3.2.0', constraint: "the image's Delta jar is io.delta:delta-spark_2.12:3.3.1; the Python API must be the same release" }]);
    expect(deltaPipMatchesJars(facts({ jars: [c('io.delta:delta-spark_2.12:3.3.1')], pip: [req('delta-spark==3.3.1')] }))).toEqual([]);
  });

  it('one Spark and one Delta across images, compared per environment', () => {
    const cluster = { facts: facts({ image: 'images/spark [dev, prod]', jars: [c('io.delta:delta-spark_2.12:3.3.1')] }), contexts: ['dev', 'prod'] };
    const hubDev = { facts: facts({ image: 'images/jupyterhub [dev]', spark: { ...spark, version: '3.5.8' }, pip: [req('delta-spark==3.3.1')] }), contexts: ['dev'] };
    const hubProd = { facts: facts({ image: 'images/jupyterhub [prod]', pip: [req('delta-spark==3.3.1')] }), contexts: ['prod'] };
    const found = sameSparkAndDelta([cluster, hubDev, hubProd]);
    expect(found.map((x) => `${x.image}: ${x.subject}: ${x.constraint}`)).toEqual([
      'images/spark [dev, prod]: Spark 3.5.7: dev: other images run images/jupyterhub 3.5.8; the platform must run one Spark',
      'images/jupyterhub [dev]: Spark 3.5.8: dev: other images run images/spark 3.5.7; the platform must run one Spark',
    ]);
  });
});

describe('reading mvn and pip', () => {
  it('names every artifact Maven Central does not serve', () => {
    const r = classifyMavenFailure(fixture('mvn-missing.txt'));
    expect(r).toEqual({ missing: ['org.apache.spark:spark-sql-kafka-0-10_2.12:jar:3.5.8', 'org.apache.spark:spark-token-provider-kafka-0-10_2.12:jar:3.5.8'] });
    expect(keyOfMavenArtifact('org.apache.spark:spark-sql-kafka-0-10_2.12:jar:3.5.8')).toBe('org.apache.spark:spark-sql-kafka-0-10_2.12:3.5.8');
    expect(keyOfMavenArtifact('org.x:lib:jar:tests:1.0')).toBe('org.x:lib:1.0:tests');
  });

  it('tells an unreachable Maven Central from a missing artifact', () => {
    const r = classifyMavenFailure(fixture('mvn-unreachable.txt'));
    expect(r).toEqual({ unreachable: 'x (http://127.0.0.1:9/maven2): Connection refused' });
  });

  it('reads the project-level dependencies and properties of an effective POM', () => {
    const pom = `<?xml version="1.0"?><!-- Effective POM for project 'a:b:jar:1' --><project>
      <parent><groupId>p</groupId><artifactId>parent</artifactId><version>9</version></parent>
      <groupId>a</groupId><artifactId>b</artifactId><version>1</version>
      <properties><hadoop.version>3.3.4</hadoop.version></properties>
      <dependencyManagement><dependencies><dependency><groupId>m</groupId><artifactId>managed</artifactId><version>2</version></dependency></dependencies></dependencyManagement>
      <dependencies>
        <dependency><groupId>x</groupId><artifactId>y</artifactId><version>1.0</version><scope>provided</scope>
          <exclusions><exclusion><groupId>e</groupId><artifactId>f</artifactId></exclusion></exclusions></dependency>
        <dependency><groupId>x</groupId><artifactId>z</artifactId><version>2.0</version><classifier>tests</classifier><optional>true</optional></dependency>
      </dependencies>
      <build><plugins><plugin><dependencies><dependency><groupId>q</groupId><artifactId>plugin-dep</artifactId><version>1</version></dependency></dependencies></plugin></plugins></build>
    </project>`;
    expect(parseEffectivePom(pom)).toEqual({
      coordinate: { groupId: 'a', artifactId: 'b', version: '1' },
      dependencies: [
        { groupId: 'x', artifactId: 'y', version: '1.0', scope: 'provided', optional: false },
        { groupId: 'x', artifactId: 'z', version: '2.0', scope: 'compile', optional: true, classifier: 'tests' },
      ],
      properties: { 'hadoop.version': '3.3.4' },
    });
  });

  it('tells an unreachable PyPI from a package that does not exist', () => {
    expect(classifyPipFailure(fixture('pip-unreachable.txt'))).toEqual({ kind: 'unreachable', detail: 'http://127.0.0.1:9/simple: Failed to establish a new connection: [Errno 111] Connection refused' });
    expect(classifyPipFailure(fixture('pip-no-distribution.txt'))).toEqual({ kind: 'no-distribution', requirement: 'numpy==1.21.0', versions: expect.stringMatching(/^1\.26\.0, .*2\.2\.6$/) });
  });

  it('reads a pip conflict, folding the versions pip tried of one package into one line', () => {
    const r = classifyPipFailure(fixture('pip-conflict.txt'));
    expect(r).toEqual({
      kind: 'conflict',
      summary: 'boto3==1.37.38 and s3fs',
      causes: ['boto3 1.37.38 depends on botocore<1.38.0 and >=1.37.38', 'aiobotocore 2.26.0 … 2.5.4 (3 versions tried): none depends on a range that fits (2.26.0: botocore<1.41.6 and >=1.41.0)'],
    });
    expect(summariseCauses(['The user requested pyspark==3.6.0', 'delta-spark 3.3.1 depends on pyspark<3.6.0 and >=3.5.3'])).toEqual(['The user requested pyspark==3.6.0', 'delta-spark 3.3.1 depends on pyspark<3.6.0 and >=3.5.3']);
  });

  it('offers every manylinux platform up to the base\'s glibc', () => {
    const p = manylinuxPlatforms('2.35');
    expect(p[0]).toBe('manylinux_2_35_x86_64');
    expect(p).toContain('manylinux_2_17_x86_64');
    expect(p).toContain('manylinux2014_x86_64');
    expect(p).not.toContain('manylinux_2_36_x86_64');
    expect(manylinuxPlatforms('2.12')).not.toContain('manylinux2014_x86_64');
  });
});

describe('the PySpark job tests run the image\'s Spark and Delta (npm run test:jobs)', () => {
  const dockerfile = fs.readFileSync(path.join(ROOT, 'images', 'spark', 'Dockerfile'), 'utf8');

  it('pins pyspark and delta-spark to the Spark image\'s SPARK_VERSION and DELTA_VERSION', () => {
    const testPins = pins(fs.readFileSync(path.join(ROOT, 'jobs', 'pyspark', 'requirements-test.txt'), 'utf8'));
    expect(pinsMatchImage(testPins, dockerfile)).toEqual([]);
    // Every test requirement is pinned: the environment is the same on every machine.
    const lines = requirementLines(fs.readFileSync(path.join(ROOT, 'jobs', 'pyspark', 'requirements-test.txt'), 'utf8')).requirements;
    expect(lines.length).toBe(testPins.size);
  });

  it('names the file, the package and the image\'s version when they differ', () => {
    expect(pinsMatchImage(new Map([['pyspark', '3.5.1'], ['delta-spark', '3.3.1']]), 'FROM x\nARG SPARK_VERSION=3.5.7\nARG DELTA_VERSION=3.3.1\n')).toEqual([
      "jobs/pyspark/requirements-test.txt: pyspark==3.5.1, but images/spark/Dockerfile has SPARK_VERSION=3.5.7; the tests must run the jobs' Spark and Delta",
    ]);
    expect(pinsMatchImage(new Map([['pyspark', '3.5.7']]), 'FROM x\nARG SPARK_VERSION=3.5.7\nARG DELTA_VERSION=3.3.1\n')[0]).toContain('delta-spark==(not pinned)');
  });
});
