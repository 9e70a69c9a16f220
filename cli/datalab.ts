/**
 * `npx datalab <command>`: operations on a platform built from the model.
 *
 *   verify [group…]   check a deployed environment (DATALAB_ENV) against the model
 *   diagram           write docs/architecture.md (Mermaid)
 *   endpoints         print host URLs per environment (--readme: update README.md)
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
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        io.out(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command "${command}"; commands: verify, diagram, endpoints (npx datalab --help)`);
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
    if (err instanceof NothingDeployedError) {
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
