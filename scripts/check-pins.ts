/**
 * `npm run check:pins`: resolves every pin of every project image (images/<name>/Dockerfile,
 * apps/<name>/Dockerfile and the requirements files they install) against Maven Central and PyPI,
 * as each image is built — with its Dockerfile defaults and with the build arguments every
 * environment's stacks pass — and checks that the pins fit each other and the image: the jars'
 * POM-declared dependencies against the image's Spark, Scala and Hadoop and the other pinned jars,
 * pyspark and delta-spark against the Spark and Delta jars, one Spark and one Delta across images.
 * See docs/images.md ("Checking the pins").
 *
 * Exit 0: everything resolves and fits. 1: conflicts, one line each (image, package, constraint).
 * 2: Maven Central or PyPI could not be reached. 3: mvn or python3/pip is missing.
 */
import * as path from 'node:path';
import { availableEnvironments, loadEnvironment } from '../config/loader';
import { BaseImageFacts, pysparkScalaBinary } from './pins/base-images';
import { Coordinate, coordinateKey, normaliseName } from './pins/dockerfile';
import { baseFactsThrough, discoverImages, environmentBuildArgs, ImageVariant, imageVariants, label } from './pins/images';
import { RegistryUnreachableError, resolveMaven, ToolMissingError } from './pins/maven';
import { pysparkJars, resolvePip } from './pins/pip';
import {
  argsMatchBase,
  Conflict,
  deltaPipMatchesJars,
  formatConflict,
  ImageFacts,
  jarDependencies,
  jarsFitSpark,
  pipPinned,
  pysparkMatchesSpark,
  sameSparkAndDelta,
  SparkRuntime,
} from './pins/rules';
import { exitOnUserError } from './user-errors';

const ROOT = path.resolve(__dirname, '..');

interface Checked {
  readonly variant: ImageVariant;
  readonly base?: BaseImageFacts;
  readonly facts: ImageFacts;
}

function sparkOf(v: ImageVariant, base: BaseImageFacts | undefined): Omit<SparkRuntime, 'hadoop' | 'distributionJars'> | undefined {
  if (base?.spark) return { ...base.spark, source: `base image ${v.from}` };
  const py = v.pip.find((r) => r.name === 'pyspark' && r.pinned);
  if (py?.pinned) return { version: py.pinned, scalaBinary: pysparkScalaBinary(py.pinned), source: `pyspark==${py.pinned}` };
  return undefined;
}

const sparkParent = (s: { version: string; scalaBinary: string }): Coordinate => ({ groupId: 'org.apache.spark', artifactId: `spark-parent_${s.scalaBinary}`, version: s.version });

async function check(): Promise<number> {
  const started = Date.now();
  let envs: Array<{ name: string; buildArgs: Map<string, Record<string, string>>; sparkImage?: string }>;
  try {
    envs = availableEnvironments().map((name) => {
      const env = loadEnvironment(name);
      return { name, buildArgs: environmentBuildArgs(env), sparkImage: env.processing?.spark.image };
    });
  } catch (err) {
    exitOnUserError(err);
  }
  const variants = imageVariants(ROOT, discoverImages(ROOT), envs);
  const conflicts: Conflict[] = [];

  // An image built FROM a project image (images/spark-pipelines FROM the environment's images/spark)
  // runs that image's base with what that image installs on top.
  // Per environment: two environments may tag differently built Spark images alike.
  const projectImagesOf = new Map<string, Map<string, ImageVariant>>();
  for (const e of envs) {
    const spark = variants.find((x) => x.image === 'images/spark' && x.contexts.includes(e.name));
    projectImagesOf.set(e.name, new Map(e.sparkImage && spark ? [[e.sparkImage, spark]] : []));
  }
  const factsOf = (v: ImageVariant) => baseFactsThrough(v.from, projectImagesOf.get(v.contexts.find((c) => projectImagesOf.get(c)?.has(v.from)) ?? '') ?? new Map());

  // What each variant is built on.
  const prepared = variants.map((v) => {
    for (const p of v.problems) conflicts.push({ image: label(v), subject: 'Dockerfile', constraint: p });
    const base = factsOf(v);
    if ('problem' in base) {
      conflicts.push({ image: label(v), subject: `FROM ${v.from}`, constraint: base.problem });
      return { v, base: undefined, spark: sparkOf(v, undefined) };
    }
    return { v, base, spark: sparkOf(v, base) };
  });

  // Maven Central: every pinned jar, and spark-parent of every Spark an image runs (its Hadoop).
  const jars = new Map<string, Coordinate>();
  for (const { v } of prepared) for (const j of v.jars) jars.set(coordinateKey(j), j);
  const parents = new Map<string, Coordinate>();
  for (const { spark } of prepared) if (spark) parents.set(coordinateKey(sparkParent(spark)), sparkParent(spark));
  const maven = resolveMaven([...jars.values()], [...parents.values()]);
  const mavenDone = Date.now();

  // The Spark distribution's jars/, for images that pin jars (pyspark's wheel carries the same build).
  const distribution = new Map<string, string[] | undefined>();
  const checked: Checked[] = [];
  for (const { v, base, spark } of prepared) {
    let runtime: SparkRuntime | undefined;
    if (spark) {
      const parentKey = coordinateKey(sparkParent(spark));
      const hadoop = maven.poms.get(parentKey)?.properties['hadoop.version'];
      if (maven.missing.has(parentKey)) conflicts.push({ image: label(v), subject: parentKey, constraint: `not served by Maven Central: Spark ${spark.version}'s Hadoop version cannot be read` });
      if (v.jars.length > 0 && !distribution.has(spark.version)) {
        const listed = await pysparkJars(spark.version);
        if (listed.problem) conflicts.push({ image: label(v), subject: `Spark ${spark.version}`, constraint: listed.problem });
        distribution.set(spark.version, listed.jars);
      }
      runtime = { ...spark, ...(hadoop ? { hadoop } : {}), ...(distribution.get(spark.version) ? { distributionJars: distribution.get(spark.version) } : {}) };
    }
    const facts: ImageFacts = { image: label(v), args: v.args, ...(runtime ? { spark: runtime } : {}), jars: v.jars, pip: v.pip };
    for (const j of v.jars) {
      if (maven.missing.has(coordinateKey(j))) conflicts.push({ image: label(v), subject: coordinateKey(j), constraint: 'not served by Maven Central (the image build would fail downloading it)' });
    }
    checked.push({ variant: v, ...(base ? { base } : {}), facts });
  }

  const jarsListed = Date.now();

  // PyPI: each variant's requirements with what its base has installed, for its Python.
  const installedBy = new Map<Checked, ReadonlyMap<string, string>>();
  const pipSeconds = new Map<Checked, number>();
  // All images at once: a resolution mostly waits for PyPI and parses metadata.
  const resolutions = await Promise.all(
    checked.map(async (c) => {
      if (c.variant.pip.length === 0 || !c.base) return undefined;
      const requirements = [...c.base.pipProvided, ...c.variant.pip.map((r) => r.text)];
      const t = Date.now();
      const r = await resolvePip(requirements, { python: c.base.python, glibc: c.base.glibc });
      pipSeconds.set(c, (Date.now() - t) / 1000);
      return r;
    }),
  );
  checked.forEach((c, i) => {
    const r = resolutions[i];
    if (!r || !c.base) return;
    const image = c.facts.image;
    if (r.installed) installedBy.set(c, r.installed);
    else if (r.failure?.kind === 'no-distribution') {
      const why = r.failure.ignoredPythons ? `; versions for other Pythons only: ${r.failure.ignoredPythons}` : '';
      conflicts.push({ image, subject: r.failure.requirement, constraint: `nothing on PyPI installs on Python ${c.base.python} (glibc ${c.base.glibc}, x86_64): ${r.failure.versions || 'no versions'}${why}` });
    } else if (r.failure?.kind === 'conflict') {
      // pip names the requirements without their pins (`boto3==1.37.38 and s3fs`): add them.
      const summary = r.failure.summary
        .split(/, | and /)
        .map((item) => c.variant.pip.find((q) => q.name === normaliseName(item.trim()))?.text ?? item.trim())
        .join(' and ');
      for (const cause of r.failure.causes.length ? r.failure.causes : ['(pip named no cause)']) {
        conflicts.push({ image, subject: summary, constraint: `cannot be installed together on Python ${c.base.python}: ${cause}` });
      }
    } else if (r.failure) conflicts.push({ image, subject: 'pip', constraint: r.failure.detail });
  });
  const pipDone = Date.now();

  // Consistency rules.
  for (const c of checked) {
    const f = c.facts;
    conflicts.push(...argsMatchBase(f, c.base?.spark), ...pysparkMatchesSpark(f), ...pipPinned(f), ...jarsFitSpark(f), ...jarDependencies(f, maven.poms), ...deltaPipMatchesJars(f));
    const resolvedPyspark = installedBy.get(c)?.get('pyspark');
    if (f.spark && resolvedPyspark && resolvedPyspark !== f.spark.version && !f.pip.some((r) => r.name === 'pyspark')) {
      conflicts.push({ image: f.image, subject: `pyspark ${resolvedPyspark} (pulled in by another requirement)`, constraint: `the image's Spark is ${f.spark.version}; pin pyspark==${f.spark.version}` });
    }
  }
  conflicts.push(...sameSparkAndDelta(checked.map((c) => ({ facts: c.facts, contexts: c.variant.contexts }))));

  for (const c of checked) {
    const s = c.facts.spark;
    const base = c.base ? `Python ${c.base.python}, glibc ${c.base.glibc}` : 'base unknown';
    const spark = s ? `, Spark ${s.version} (Scala ${s.scalaBinary}${s.hadoop ? `, Hadoop ${s.hadoop}` : ''})` : '';
    const resolved = installedBy.get(c);
    console.log(`${c.facts.image}: FROM ${c.variant.from} (${base}${spark}); ${c.variant.jars.length} jar(s); ${c.variant.pip.length} pip pin(s)${resolved ? `, ${resolved.size} package(s) resolved` : ''}${pipSeconds.has(c) ? ` (${pipSeconds.get(c)!.toFixed(1)} s)` : ''}`);
  }
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `check:pins: ${checked.length} image variant(s); Maven Central: ${jars.size} jar(s) (${seconds(mavenDone - started)}); ` +
      `Spark's jars/ from pyspark (${seconds(jarsListed - mavenDone)}); PyPI (${seconds(pipDone - jarsListed)}); total ${seconds(Date.now() - started)}`,
  );
  if (conflicts.length > 0) {
    const unique = [...new Set(conflicts.map(formatConflict))];
    console.error(`\n${unique.length} conflict(s):`);
    for (const line of unique) console.error(line);
    return 1;
  }
  console.log('check:pins: every pin resolves and fits its image');
  return 0;
}

async function main(): Promise<void> {
  try {
    process.exitCode = await check();
  } catch (err) {
    if (err instanceof RegistryUnreachableError) {
      console.error(`check:pins: ${err.message}\ncheck:pins: no verdict on the pins (the registry was not reached)`);
      process.exitCode = 2;
    } else if (err instanceof ToolMissingError) {
      console.error(`check:pins: ${err.message}`);
      process.exitCode = 3;
    } else throw err;
  }
}

void main();
