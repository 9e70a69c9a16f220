/**
 * `npx datalab <command>`: operations on a platform built from the model.
 *
 *   verify [group…]   check a deployed environment (DATALAB_ENV) against the model
 *   diagram           write docs/architecture.md (Mermaid)
 *   endpoints         print host URLs per environment (--readme: update README.md)
 *   run <pipeline>    start a scheduled pipeline now and follow it (exit code = outcome)
 *   runs [pipeline]   recent pipeline runs with state and duration
 *
 * Exit codes: 0 success, 1 a check failed (or nothing is deployed to check, or a generated file is
 * stale with --check), 2 usage or config error. Errors are one line each; DATALAB_DEBUG=1 adds
 * stack traces.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError, environmentFromEnv, loadEnvironment, UnknownEnvironmentError } from '../config/loader';
import { ENVIRONMENTS } from '../config/schema';
import { JobPlanError } from '../jobs/plan';
import { NothingDeployedError } from '../ops/deployment';
import { architecturePage } from '../ops/diagram';
import { endpointsTable, readmeBlock, replaceReadmeBlock } from '../ops/endpoints';
import { modelFor } from '../ops/model';
import { progressLine, renderJson, renderTable } from '../ops/report';
import { UnknownGroupError, verify } from '../ops/verify';
import { isSuccess, PrefectClient, prefectApiUrl, requirePipelinesDeployed, requireScheduled, runPipeline, runsTable, UnknownPipelineError } from '../ops/pipelines';

export const USAGE = `Usage: npx datalab <command> [options]

Commands:
  verify [group…]   Check the deployed environment (DATALAB_ENV, default dev) against the model:
                    MinIO buckets and versioning, Kafka topics, Consul registrations and health,
                    each service's health endpoint. Default: every group of the environment.
      --json            print the report as JSON on stdout (progress still goes to stderr)
      --timeout <ms>    per-attempt timeout of each check (default 5000)
      --retries <n>     retries after a failed attempt (default 3)
      --backoff <ms>    delay before the first retry, doubled each time (default 500)
      --concurrency <n> checks run at once (default 4)
      --root <dir>      project root holding .state/ (default: nearest directory with cdktf.json)
      --quiet           no progress lines
  diagram           Write docs/architecture.md: Mermaid diagrams of stacks, services, jobs, buckets,
                    topics and who reads/writes what.
      --env <name>      environment to draw (default dev)
      --stdout          print instead of writing the file
      --check           exit 1 if the file differs from the model (writes nothing)
  endpoints         Markdown table of the host URLs of every published port, per environment.
      --readme          update the table between the markers in README.md
      --check           exit 1 if README.md's table differs (writes nothing)
  run <pipeline>    Start a pipeline of the environment (DATALAB_ENV) now through Prefect and follow
                    it to its end, step by step. Exit 0 when it completed, 1 when it failed, crashed
                    or was cancelled (or nothing is deployed).
      --poll <ms>       how often to ask Prefect (default 2000)
      --api <url>       Prefect API (default: the ml stack's published prefect-server port)
      --root <dir>      project root holding .state/ (default: nearest directory with cdktf.json)
  runs [pipeline]   Recent runs of the environment's pipelines (or one): state, start, duration.
      --limit <n>       how many (default 20)
      --api <url>, --root <dir>  as for run

Exit codes: 0 ok, 1 a check failed, nothing is deployed or a file is stale, 2 usage or configuration error.`;

class UsageError extends Error {
  override name = 'UsageError';
}

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

const defaultIo: Io = {
  out: (s) => process.stdout.write(`${s}\n`),
  err: (s) => process.stderr.write(`${s}\n`),
  env: process.env,
  cwd: process.cwd(),
};

/** The project root: the nearest directory (from `start` up) with a cdktf.json. */
export function findRoot(start: string): string {
  let dir = path.resolve(start);
  for (;;) {
    if (fs.existsSync(path.join(dir, 'cdktf.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return path.resolve(start);
    dir = up;
  }
}

function intFlag(v: string | undefined, name: string, dflt: number, min: number): number {
  if (v === undefined) return dflt;
  if (!/^\d+$/.test(v) || Number(v) < min) throw new UsageError(`--${name} expects a whole number ≥ ${min}, got "${v}"`);
  return Number(v);
}

export async function main(argv: readonly string[], io: Io = defaultIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'verify':
        return await verifyCommand(rest, io);
      case 'diagram':
        return diagramCommand(rest, io);
      case 'endpoints':
        return endpointsCommand(rest, io);
      case 'run':
        return await runCommand(rest, io);
      case 'runs':
        return await runsCommand(rest, io);
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"; commands: verify, diagram, endpoints, run, runs (npx datalab --help)`);
    }
  } catch (err) {
    // Both list every problem, one per line: the whole message is the report.
    if (err instanceof ConfigError || err instanceof JobPlanError) {
      io.err(err.message);
      return 2;
    }
    if (err instanceof UsageError || err instanceof UnknownEnvironmentError || err instanceof UnknownGroupError) {
      io.err(`datalab: ${err.message}`);
      return 2;
    }
    // Not a usage error: the environment is simply not there to check.
    if (err instanceof NothingDeployedError || err instanceof UnknownPipelineError) {
      io.err(`datalab: ${err.message}`);
      return 1;
    }
    const e = err as Error;
    io.err(`datalab: ${e?.message?.split('\n')[0] ?? String(err)}`);
    if (io.env.DATALAB_DEBUG) io.err(e?.stack ?? '');
    return 2;
  }
}

type Flags = Record<string, string | boolean | undefined>;

function parse(
  args: readonly string[],
  options: NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>,
  positionals = false,
): { values: Flags; positionals: string[] } {
  try {
    const r = parseArgs({ args: [...args], options, allowPositionals: positionals, strict: true });
    return { values: r.values as Flags, positionals: r.positionals };
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]);
  }
}

async function verifyCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      json: { type: 'boolean' },
      quiet: { type: 'boolean' },
      timeout: { type: 'string' },
      retries: { type: 'string' },
      backoff: { type: 'string' },
      concurrency: { type: 'string' },
      root: { type: 'string' },
    },
    true,
  );
  const opts = {
    timeoutMs: intFlag(values.timeout as string | undefined, 'timeout', 5000, 1),
    retries: intFlag(values.retries as string | undefined, 'retries', 3, 0),
    backoffMs: intFlag(values.backoff as string | undefined, 'backoff', 500, 0),
    concurrency: intFlag(values.concurrency as string | undefined, 'concurrency', 4, 1),
  };
  const envName = environmentFromEnv(io.env);
  const model = modelFor(loadEnvironment(envName));
  const root = values.root ? path.resolve(io.cwd, values.root as string) : findRoot(io.cwd);
  const report = await verify(model, {
    ...opts,
    groups: positionals,
    root,
    env: io.env,
    onResult: values.quiet ? undefined : (r) => io.err(progressLine(r)),
  });
  io.out(values.json ? renderJson(report) : renderTable(report));
  return report.ok ? 0 : 1;
}

/** The Prefect client of the environment, once its ml and processing stacks are known to be deployed. */
function pipelineClient(values: Flags, io: Io): { client: PrefectClient } {
  const env = loadEnvironment(environmentFromEnv(io.env));
  const model = modelFor(env);
  if (values.api) return { client: new PrefectClient(String(values.api).replace(/\/+$/, '')) };
  const root = values.root ? path.resolve(io.cwd, values.root as string) : findRoot(io.cwd);
  requirePipelinesDeployed(model, root);
  return { client: new PrefectClient(prefectApiUrl(model)) };
}

/** A pipeline the environment does not schedule is a usage error (exit 2), naming the ones it does. */
function scheduledOrUsage(io: Io, name: string | undefined): void {
  try {
    requireScheduled(loadEnvironment(environmentFromEnv(io.env)), name);
  } catch (err) {
    if (err instanceof UnknownPipelineError) throw new UsageError(err.message);
    throw err;
  }
}

async function runCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { poll: { type: 'string' }, api: { type: 'string' }, root: { type: 'string' } }, true);
  if (positionals.length !== 1) throw new UsageError('run takes one pipeline name: npx datalab run <pipeline>');
  const pollMs = intFlag(values.poll as string | undefined, 'poll', 2000, 100);
  scheduledOrUsage(io, positionals[0]);
  const { client } = pipelineClient(values, io);
  const run = await runPipeline(client, positionals[0], { pollMs, print: io.out });
  return isSuccess(run) ? 0 : 1;
}

async function runsCommand(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parse(args, { limit: { type: 'string' }, api: { type: 'string' }, root: { type: 'string' } }, true);
  if (positionals.length > 1) throw new UsageError('runs takes at most one pipeline name: npx datalab runs [pipeline]');
  const limit = intFlag(values.limit as string | undefined, 'limit', 20, 1);
  scheduledOrUsage(io, positionals[0]);
  const { client } = pipelineClient(values, io);
  io.out(runsTable(await client.recentRuns(positionals[0], limit), new Date()));
  return 0;
}

function diagramCommand(args: readonly string[], io: Io): number {
  const { values } = parse(args, { env: { type: 'string' }, stdout: { type: 'boolean' }, check: { type: 'boolean' } });
  const envName = (values.env as string | undefined) ?? 'dev';
  const page = architecturePage(modelFor(loadEnvironment(envName)));
  const root = findRoot(io.cwd);
  const file = path.join(root, 'docs', 'architecture.md');
  if (values.stdout) {
    io.out(page.trimEnd());
    return 0;
  }
  if (values.check) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (current === page) return 0;
    io.err('docs/architecture.md differs from the model: run `npx datalab diagram`');
    return 1;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, page);
  io.err(`wrote ${path.relative(io.cwd, file) || file}`);
  return 0;
}

/** The table for every environment that has a config file. */
export function allEndpoints(): string {
  return endpointsTable(ENVIRONMENTS.map((e) => modelFor(loadEnvironment(e))));
}

function endpointsCommand(args: readonly string[], io: Io): number {
  const { values } = parse(args, { readme: { type: 'boolean' }, check: { type: 'boolean' } });
  const table = allEndpoints();
  if (!values.readme && !values.check) {
    io.out(table);
    return 0;
  }
  const file = path.join(findRoot(io.cwd), 'README.md');
  const readme = fs.readFileSync(file, 'utf8');
  if (values.check) {
    if (readmeBlock(readme) === table) return 0;
    io.err('README.md endpoints table differs from the model: run `npx datalab endpoints --readme`');
    return 1;
  }
  fs.writeFileSync(file, replaceReadmeBlock(readme, table));
  io.err('updated the endpoints table in README.md');
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`datalab: ${(err as Error).message}\n`);
      process.exitCode = 2;
    },
  );
}
