/**
 * The PySpark jobs' test requirements (jobs/pyspark/requirements-test.txt) against the Spark image:
 * `npm run test:jobs` tests with the image's Spark and Delta, or refuses to run.
 */
import { parseDockerfile, parseRequirement, requirementLines } from './dockerfile';

/** The pinned versions of the requirements file, by normalised name. */
export function pins(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of requirementLines(text).requirements) {
    const r = parseRequirement(line);
    if (!('problem' in r) && r.pinned) out.set(r.name, r.pinned);
  }
  return out;
}

/** Problems when the test pins are not the Spark image's Spark and Delta. */
export function pinsMatchImage(testPins: ReadonlyMap<string, string>, dockerfileText: string): string[] {
  const args = parseDockerfile(dockerfileText, 'images/spark/Dockerfile').stageArgs;
  const problems: string[] = [];
  for (const [pkg, arg] of [['pyspark', 'SPARK_VERSION'], ['delta-spark', 'DELTA_VERSION']] as const) {
    if (testPins.get(pkg) !== args.get(arg)) {
      problems.push(`jobs/pyspark/requirements-test.txt: ${pkg}==${testPins.get(pkg) ?? '(not pinned)'}, but images/spark/Dockerfile has ${arg}=${args.get(arg)}; the tests must run the jobs' Spark and Delta`);
    }
  }
  return problems;
}
