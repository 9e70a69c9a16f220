/**
 * `npm run test:jobs`: the PySpark jobs' transformations tested with real Spark and Delta in local
 * mode (jobs/pyspark/tests, pytest).
 *
 * 1. A Python virtual environment with jobs/pyspark/requirements-test.txt, kept outside the clone
 *    in ${XDG_CACHE_HOME:-~/.cache}/datalab/jobs-venv/<hash>, the hash of the requirements file and
 *    the Python it was made with: an unchanged file reuses it, a changed one makes a new one (and
 *    removes the old ones). A venv is used only once its installation completed.
 * 2. The Delta jars (delta-spark_<scala>, delta-storage) of the pinned delta-spark, fetched with
 *    Maven into ${XDG_CACHE_HOME:-~/.cache}/datalab/jobs-jars/ and passed to Spark as spark.jars:
 *    nothing is downloaded by Spark (Ivy) at test time.
 * 3. pytest, with the arguments given (`npm run test:jobs -- -k silver`).
 *
 * The pins must be the Spark image's (images/spark/Dockerfile SPARK_VERSION, DELTA_VERSION): the
 * tests exercise the Spark and Delta the jobs run on, or nothing.
 * Exit: pytest's, except 5 (no test ran), which is a failure here; 2 when the environment cannot be
 * made (a Python, pip, Maven or registry problem, said in one line).
 */
import { spawnSync, SpawnSyncOptions } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pins, pinsMatchImage } from './pins/test-requirements';

const ROOT = path.resolve(__dirname, '..');
const JOBS = path.join(ROOT, 'jobs', 'pyspark');
const REQUIREMENTS = path.join(JOBS, 'requirements-test.txt');
const SPARK_DOCKERFILE = path.join(ROOT, 'images', 'spark', 'Dockerfile');
const PYTHON = process.env.DATALAB_PYTHON || 'python3';
const CACHE = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'datalab');

class SetupError extends Error {}

function run(cmd: string, args: string[], opts: SpawnSyncOptions = {}): { code: number; out: string } {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.error) {
    if ((r.error as NodeJS.ErrnoException).code === 'ENOENT') throw new SetupError(`cannot run "${cmd}": not found on PATH`);
    throw r.error;
  }
  return { code: r.status ?? 1, out: `${r.stdout ?? ''}\n${r.stderr ?? ''}` };
}

const lastLines = (out: string, n = 4) => out.trim().split('\n').slice(-n).join(' | ');

function venv(requirements: string): string {
  const py = run(PYTHON, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2], sys.executable)']);
  if (py.code !== 0) throw new SetupError(`cannot run ${PYTHON}: ${lastLines(py.out)}`);
  const pyId = py.out.trim().split('\n')[0];
  const hash = createHash('sha256').update(requirements).update(`\0${pyId}`).digest('hex').slice(0, 16);
  const base = path.join(CACHE, 'jobs-venv');
  const dir = path.join(base, hash);
  const done = path.join(dir, '.datalab-complete');
  if (fs.existsSync(done)) return dir;
  fs.mkdirSync(base, { recursive: true });
  // Environments of other requirements files or Pythons stay: another checkout (a branch, a
  // worktree) may be using one right now. Each is a few hundred MB; the folder can be emptied by hand.
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`test:jobs: creating the Python environment ${dir} (${pyId})`);
  const mk = run(PYTHON, ['-m', 'venv', dir]);
  if (mk.code !== 0) throw new SetupError(`${PYTHON} -m venv failed: ${lastLines(mk.out)}`);
  const pip = path.join(dir, 'bin', 'pip');
  const inst = run(pip, ['install', '--disable-pip-version-check', '--no-input', '--progress-bar', 'off', '-r', REQUIREMENTS], { stdio: ['ignore', 'pipe', 'pipe'] });
  if (inst.code !== 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw new SetupError(`pip install -r jobs/pyspark/requirements-test.txt failed: ${lastLines(inst.out)}`);
  }
  fs.writeFileSync(done, `${new Date().toISOString()}\n`);
  return dir;
}

/** delta-spark_<scala> and delta-storage of the pinned Delta, from Maven Central (cached). */
function deltaJars(delta: string, sparkVersion: string): string[] {
  // Spark 3.x's PyPI package is the Scala 2.12 build; Spark 4's the 2.13 one.
  const scala = sparkVersion.startsWith('3.') ? '2.12' : '2.13';
  const dir = path.join(CACHE, 'jobs-jars', `delta-${delta}_${scala}`);
  const jars = [`delta-spark_${scala}-${delta}.jar`, `delta-storage-${delta}.jar`].map((j) => path.join(dir, j));
  if (jars.every((j) => fs.existsSync(j))) return jars;
  fs.mkdirSync(dir, { recursive: true });
  const artifacts = [`io.delta:delta-spark_${scala}:${delta}`, `io.delta:delta-storage:${delta}`];
  for (const a of artifacts) {
    const r = run('mvn', ['-B', '-q', '--no-transfer-progress', 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy', `-Dartifact=${a}`, `-DoutputDirectory=${dir}`], { cwd: os.tmpdir() });
    if (r.code !== 0) throw new SetupError(`mvn could not fetch ${a} from Maven Central: ${lastLines(r.out, 3)}`);
  }
  const missing = jars.filter((j) => !fs.existsSync(j));
  if (missing.length) throw new SetupError(`mvn fetched no ${missing.map((m) => path.basename(m)).join(', ')}`);
  return jars;
}

/** A Spark installation of the user's (SPARK_HOME) must not replace the pinned pyspark. */
function withoutSparkHome(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out = { ...env };
  delete out.SPARK_HOME;
  return out;
}

function main(): number {
  const started = Date.now();
  const requirements = fs.readFileSync(REQUIREMENTS, 'utf8');
  const testPins = pins(requirements);
  const mismatch = pinsMatchImage(testPins, fs.readFileSync(SPARK_DOCKERFILE, 'utf8'));
  if (mismatch.length) {
    for (const m of mismatch) console.error(m);
    return 1;
  }
  let env: string;
  let jars: string[];
  try {
    env = venv(requirements);
    jars = deltaJars(testPins.get('delta-spark')!, testPins.get('pyspark')!);
  } catch (err) {
    if (err instanceof SetupError) {
      console.error(`test:jobs: ${err.message}`);
      return 2;
    }
    throw err;
  }
  const ready = Date.now();
  const python = path.join(env, 'bin', 'python');
  const r = spawnSync(python, ['-m', 'pytest', path.join(JOBS, 'tests'), '-p', 'no:cacheprovider', ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: 'inherit',
    env: {
      ...withoutSparkHome(process.env),
      DATALAB_TEST_JARS: jars.join(','),
      // Executors in local mode run this Python too.
      PYSPARK_PYTHON: python,
      PYSPARK_DRIVER_PYTHON: python,
      PYTHONDONTWRITEBYTECODE: '1',
    },
  });
  const code = r.status ?? 1;
  console.log(`test:jobs: environment ${((ready - started) / 1000).toFixed(1)} s, pytest ${((Date.now() - ready) / 1000).toFixed(1)} s`);
  if (code === 5) {
    console.error('test:jobs: pytest collected no test (jobs/pyspark/tests); that is a failure');
    return 1;
  }
  return code;
}

process.exitCode = main();
