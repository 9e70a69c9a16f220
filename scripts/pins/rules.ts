/**
 * Consistency rules of `npm run check:pins`, as small pure functions: each takes what was read
 * from the Dockerfiles and resolved from Maven Central and returns the conflicts it finds. One
 * conflict is one line: the image, the package, the constraint it breaks.
 */
import { Coordinate, coordinateKey, Requirement } from './dockerfile';

export interface Conflict {
  /** `images/spark [dev, prod]`. */
  readonly image: string;
  /** `org.apache.kafka:kafka-clients:3.4.1`, `pyspark==3.5.8`. */
  readonly subject: string;
  readonly constraint: string;
}

export function formatConflict(c: Conflict): string {
  return `${c.image}: ${c.subject}: ${c.constraint}`;
}

/** A dependency as an effective POM declares it. */
export interface PomDependency {
  readonly groupId: string;
  readonly artifactId: string;
  readonly version: string;
  readonly scope: string;
  readonly optional: boolean;
  readonly classifier?: string;
}

export interface JarPom {
  readonly coordinate: Coordinate;
  readonly dependencies: readonly PomDependency[];
}

/** The Spark a image runs: from its base image or its pip-installed pyspark. */
export interface SparkRuntime {
  readonly version: string;
  readonly scalaBinary: string;
  /** Spark's Hadoop (spark-parent's hadoop.version). */
  readonly hadoop?: string;
  /** File names of the jars the Spark distribution puts on the classpath (jars/). */
  readonly distributionJars?: readonly string[];
  /** `base image apache/spark:…`, `pyspark==3.5.8`. */
  readonly source: string;
}

export interface ImageFacts {
  readonly image: string;
  /** ARG values the build sees. */
  readonly args: ReadonlyMap<string, string | undefined>;
  readonly spark?: SparkRuntime;
  readonly jars: readonly Coordinate[];
  readonly pip: readonly Requirement[];
}

const majorMinor = (v: string) => v.split('.').slice(0, 2).join('.');
/** `delta-spark_2.12` → `2.12`. */
export const scalaSuffix = (artifactId: string) => /_(2\.1[0-3]|3)$/.exec(artifactId)?.[1];
const ga = (c: { groupId: string; artifactId: string }) => `${c.groupId}:${c.artifactId}`;

/** ARG SPARK_VERSION / SCALA_BINARY of a Spark-based image must be its base's. */
export function argsMatchBase(f: ImageFacts, base: { version: string; scalaBinary: string } | undefined): Conflict[] {
  if (!base) return [];
  const out: Conflict[] = [];
  const spark = f.args.get('SPARK_VERSION');
  if (spark !== undefined && spark !== base.version) {
    out.push({ image: f.image, subject: `ARG SPARK_VERSION=${spark}`, constraint: `the base image carries Spark ${base.version}` });
  }
  const scala = f.args.get('SCALA_BINARY');
  if (scala !== undefined && scala !== base.scalaBinary) {
    out.push({ image: f.image, subject: `ARG SCALA_BINARY=${scala}`, constraint: `the base image's Spark is built for Scala ${base.scalaBinary}` });
  }
  return out;
}

/** A pyspark pin equals the image's Spark version. */
export function pysparkMatchesSpark(f: ImageFacts): Conflict[] {
  if (!f.spark) return [];
  return f.pip
    .filter((r) => r.name === 'pyspark' && r.pinned !== undefined && r.pinned !== f.spark!.version)
    .map((r) => ({ image: f.image, subject: r.text, constraint: `the image's Spark is ${f.spark!.version} (${f.spark!.source})` }));
}

/** Every pip requirement of an image is pinned to one version (==). */
export function pipPinned(f: ImageFacts): Conflict[] {
  return f.pip.filter((r) => r.pinned === undefined).map((r) => ({ image: f.image, subject: r.text, constraint: 'not pinned to one version (name==version): the image would change with every build' }));
}

/** Pinned jars fit the image's Spark: Scala suffix, Spark modules at its version, Hadoop modules at its Hadoop. */
export function jarsFitSpark(f: ImageFacts): Conflict[] {
  const out: Conflict[] = [];
  for (const j of f.jars) {
    const subject = coordinateKey(j);
    if (!f.spark) {
      if (j.groupId === 'org.apache.spark' || scalaSuffix(j.artifactId)) out.push({ image: f.image, subject, constraint: 'a Spark jar in an image that runs no Spark' });
      continue;
    }
    const suffix = scalaSuffix(j.artifactId);
    if (suffix && suffix !== f.spark.scalaBinary) {
      out.push({ image: f.image, subject, constraint: `built for Scala ${suffix}; the image's Spark ${f.spark.version} is Scala ${f.spark.scalaBinary} (${f.spark.source})` });
    }
    if (j.groupId === 'org.apache.spark' && j.version !== f.spark.version) {
      out.push({ image: f.image, subject, constraint: `a Spark module must be the image's Spark version ${f.spark.version} (${f.spark.source})` });
    }
    if (j.groupId === 'org.apache.hadoop' && f.spark.hadoop && j.version !== f.spark.hadoop) {
      out.push({ image: f.image, subject, constraint: `a Hadoop module must be Spark ${f.spark.version}'s Hadoop ${f.spark.hadoop}` });
    }
  }
  return out;
}

/** Is a jar of this artifact in the Spark distribution (any version: Spark's wins)? */
export function inDistribution(artifactId: string, jars: readonly string[]): boolean {
  return jars.some((n) => n.startsWith(`${artifactId}-`) && /^\d/.test(n.slice(artifactId.length + 1)) && n.endsWith('.jar'));
}

/**
 * Each pinned jar's POM-declared dependencies (test and optional ones left out) against the
 * image: another pinned jar must be the version the POM names; Spark modules must be the image's
 * Scala build and version (exactly, when a Spark or Hadoop module asks; the same minor line when a
 * third-party jar built against some 3.5.x asks); Hadoop likewise; scala-library the Scala binary;
 * and a compile or runtime dependency must be on the classpath: pinned, or in Spark's jars/.
 */
export function jarDependencies(f: ImageFacts, poms: ReadonlyMap<string, JarPom>): Conflict[] {
  const out: Conflict[] = [];
  const pinned = new Map(f.jars.filter((j) => !j.classifier).map((j) => [ga(j), j]));
  for (const j of f.jars) {
    const pom = poms.get(coordinateKey(j));
    if (!pom) continue;
    const subject = coordinateKey(j);
    const strict = j.groupId === 'org.apache.spark' || j.groupId === 'org.apache.hadoop';
    for (const d of pom.dependencies) {
      if (d.scope === 'test' || d.scope === 'system' || d.optional || d.classifier) continue;
      const need = `${ga(d)}:${d.version} (${d.scope})`;
      const other = pinned.get(ga(d));
      if (other && other.version !== d.version) {
        out.push({ image: f.image, subject, constraint: `needs ${need}, the image pins ${other.version}` });
        continue;
      }
      const s = f.spark;
      if (s && d.groupId === 'org.apache.spark') {
        const suffix = scalaSuffix(d.artifactId);
        if (suffix && suffix !== s.scalaBinary) out.push({ image: f.image, subject, constraint: `needs ${need}, a Scala ${suffix} build; the image's Spark is Scala ${s.scalaBinary}` });
        else if (strict ? d.version !== s.version : majorMinor(d.version) !== majorMinor(s.version)) {
          out.push({ image: f.image, subject, constraint: `needs ${need}; the image's Spark is ${s.version} (${s.source})${strict ? '' : `, not ${majorMinor(d.version)}.x`}` });
        }
      } else if (s?.hadoop && d.groupId === 'org.apache.hadoop') {
        if (strict ? d.version !== s.hadoop : majorMinor(d.version) !== majorMinor(s.hadoop)) {
          out.push({ image: f.image, subject, constraint: `needs ${need}; the image's Hadoop (Spark ${s.version}) is ${s.hadoop}` });
        }
      } else if (s && ga(d) === 'org.scala-lang:scala-library' && majorMinor(d.version) !== s.scalaBinary) {
        out.push({ image: f.image, subject, constraint: `needs ${need}; the image's Spark is Scala ${s.scalaBinary}` });
      }
      if ((d.scope === 'compile' || d.scope === 'runtime') && !other && s?.distributionJars && !inDistribution(d.artifactId, s.distributionJars)) {
        out.push({ image: f.image, subject, constraint: `needs ${need}, which is neither pinned in the image nor in Spark ${s.version}'s jars/` });
      }
    }
  }
  return out;
}

/** A pip delta-spark pin equals the Delta jars of the same image. */
export function deltaPipMatchesJars(f: ImageFacts): Conflict[] {
  const jar = f.jars.find((j) => j.groupId === 'io.delta' && j.artifactId.startsWith('delta-spark_'));
  if (!jar) return [];
  return f.pip
    .filter((r) => r.name === 'delta-spark' && r.pinned !== undefined && r.pinned !== jar.version)
    .map((r) => ({ image: f.image, subject: r.text, constraint: `the image's Delta jar is ${coordinateKey(jar)}; the Python API must be the same release` }));
}

/** One platform, one Spark and one Delta: every image that runs them, per build context (environment). */
export function sameSparkAndDelta(images: ReadonlyArray<{ facts: ImageFacts; contexts: readonly string[] }>): Conflict[] {
  const out: Conflict[] = [];
  const contexts = [...new Set(images.flatMap((i) => i.contexts))];
  const seen = new Set<string>();
  for (const ctx of contexts) {
    const here = images.filter((i) => i.contexts.includes(ctx));
    const pick = (what: string, value: (f: ImageFacts) => string | undefined) => {
      const withValue = here.map((i) => ({ i, v: value(i.facts) })).filter((x) => x.v !== undefined);
      const values = [...new Set(withValue.map((x) => x.v))];
      if (values.length < 2) return;
      for (const { i, v } of withValue) {
        const others = withValue.filter((x) => x.v !== v).map((x) => `${x.i.facts.image.replace(/ \[.*$/, '')} ${x.v}`);
        const line = { image: i.facts.image, subject: `${what} ${v}`, constraint: `${ctx}: other images run ${others.join(', ')}; the platform must run one ${what}` };
        const key = JSON.stringify(line);
        if (!seen.has(key)) out.push(line);
        seen.add(key);
      }
    };
    pick('Spark', (f) => f.spark?.version);
    pick('Delta', (f) => f.jars.find((j) => j.groupId === 'io.delta' && j.artifactId.startsWith('delta-spark_'))?.version ?? f.pip.find((r) => r.name === 'delta-spark')?.pinned);
  }
  return out;
}
