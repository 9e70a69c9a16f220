/**
 * Facts about the upstream images the project images are built FROM, which no registry this
 * machine reaches can tell (there is no container registry): the Python a base runs, the glibc its
 * wheels must fit, the Spark it carries and what it already pip-installed. Each rule says where its
 * facts come from. A base image that no rule knows is reported by `npm run check:pins` (add a rule
 * here after reading that image's Dockerfile); the check never guesses.
 *
 * These are facts about other projects' images, not pins of this one: the pins stay in the
 * Dockerfiles and config, and the check reads them from there.
 */

export interface BaseImageFacts {
  /** `major.minor` of the base's Python, e.g. `3.10`. */
  readonly python: string;
  /** glibc of the base's OS, `2.35`: wheels must be manylinux_2_N with N at most this. */
  readonly glibc: string;
  /** The Spark distribution the base carries, if any. */
  readonly spark?: { readonly version: string; readonly scalaBinary: string };
  /** What the base has pip-installed already; pins must resolve together with it. */
  readonly pipProvided: readonly string[];
  /** Where the facts come from. */
  readonly source: string;
}

/** glibc of the Debian / Ubuntu releases the bases use (each release's libc6 package). */
const GLIBC: Readonly<Record<string, string>> = {
  bullseye: '2.31',
  bookworm: '2.36',
  trixie: '2.41',
  jammy: '2.35',
};

interface Rule {
  readonly pattern: RegExp;
  readonly facts: (m: RegExpExecArray) => BaseImageFacts | string;
}

const RULES: readonly Rule[] = [
  {
    // Docker's official python images: the tag names the Python and the Debian release.
    pattern: /^(?:docker\.io\/)?(?:library\/)?python:(\d+\.\d+)(?:\.\d+)?(?:-slim)?-(bullseye|bookworm|trixie)(?:@.*)?$/,
    facts: (m) => ({ python: m[1], glibc: GLIBC[m[2]], pipProvided: [], source: `the tag (Python ${m[1]} on Debian ${m[2]})` }),
  },
  {
    // apache/spark-docker 3.5.x/scala<S>-java<J>-python3-ubuntu: FROM spark:…-ubuntu, which is
    // FROM eclipse-temurin:<J>-jammy, plus Ubuntu's python3 (jammy: 3.10). Spark from the tag,
    // installed from spark-<v>-bin-hadoop3.tgz.
    pattern: /^(?:docker\.io\/)?apache\/spark:(3\.5\.\d+)-scala(\d+\.\d+)-java\d+-python3-ubuntu(?:@.*)?$/,
    facts: (m) => ({
      python: '3.10',
      glibc: GLIBC.jammy,
      spark: { version: m[1], scalaBinary: m[2] },
      pipProvided: [],
      source: 'apache/spark-docker 3.5.x: eclipse-temurin jammy with Ubuntu python3 3.10, spark-<version>-bin-hadoop3',
    }),
  },
  {
    // mlflow/mlflow docker/Dockerfile: `FROM python:3.10-slim-bullseye` and `pip install
    // mlflow==$VERSION` for the 3.x releases up to 3.12; a later release moved to
    // python:3.11-slim-trixie (mlflow PR 24961, August 2026), so later tags need their own rule.
    pattern: /^ghcr\.io\/mlflow\/mlflow:v(3\.(\d+)\.\d+)(?:@.*)?$/,
    facts: (m) =>
      Number(m[2]) <= 12
        ? { python: '3.10', glibc: GLIBC.bullseye, pipProvided: [`mlflow==${m[1]}`], source: 'mlflow docker/Dockerfile (python:3.10-slim-bullseye, pip install mlflow==<tag>)' }
        : `MLflow images after v3.12 are built on another Python (mlflow PR 24961); read mlflow's docker/Dockerfile at that tag and add its facts`,
  },
];

/** The facts of a base image, or why there are none. */
export function baseImageFacts(image: string): BaseImageFacts | { problem: string } {
  for (const rule of RULES) {
    const m = rule.pattern.exec(image);
    if (!m) continue;
    const facts = rule.facts(m);
    return typeof facts === 'string' ? { problem: `base image ${image}: ${facts} (scripts/pins/base-images.ts)` } : facts;
  }
  return { problem: `base image ${image}: its Python, glibc and Spark are unknown to check:pins; read that image's Dockerfile and add a rule to scripts/pins/base-images.ts` };
}

/**
 * The Scala build a pip-installed pyspark carries in its jars/: Spark 3.x publishes its PyPI
 * package from the Scala 2.12 build, Spark 4 from the only (2.13) one.
 */
export function pysparkScalaBinary(sparkVersion: string): string {
  return sparkVersion.startsWith('3.') ? '2.12' : '2.13';
}
