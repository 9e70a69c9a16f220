/**
 * `npm run plan:capacity`: the capacity table of `DATALAB_ENV` (default dev), read from the
 * platform as it is built (policy/capacity.ts): the services' limits, the one-shot tasks and the
 * peak. An environment whose memory or ports do not fit still gets its table, followed by the
 * problems (each naming its config path); exit 1 when there are any. Any other problem of the
 * file is reported as synth reports it, without a table.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { App } from 'cdktf';
import { parse } from 'yaml';
import { checkConfig, CONFIG_CHECKS, hostPortsUnique, memoryFitsHost, serviceMemoryFitsHost } from '../config/checks';
import { CONFIG_DIR, ConfigError, environmentFromEnv, parseEnvironment, UnknownEnvironmentError } from '../config/loader';
import { envConfigSchema } from '../config/schema';
import { JobPlanError } from '../jobs/plan';
import { capacityPlan, formatCapacityPlan } from '../policy/capacity';
import { buildPlatform } from '../stacks/platform';

/** The checks the plan itself reports (memoryFitsHost is superseded by the peak it measures). */
const CAPACITY_CHECKS = [memoryFitsHost, serviceMemoryFitsHost, hostPortsUnique];

function main(): number {
  let env: string;
  try {
    env = environmentFromEnv();
  } catch (err) {
    if (err instanceof UnknownEnvironmentError) return console.error(err.message), 1;
    throw err;
  }
  const file = path.join(CONFIG_DIR, `${env}.yaml`);
  const text = fs.readFileSync(file, 'utf8');
  let raw: unknown;
  try {
    raw = parse(text);
  } catch {
    raw = undefined;
  }
  const parsed = envConfigSchema.safeParse(raw);
  const other = parsed.success ? checkConfig(parsed.data, CONFIG_CHECKS.filter((c) => !CAPACITY_CHECKS.includes(c))) : [];
  if (!parsed.success || other.length > 0 || parsed.data.environment !== env) {
    // Let the loader render the precise report (file:line:col path: message).
    try {
      parseEnvironment(text, path.relative(process.cwd(), file), env);
    } catch (err) {
      if (err instanceof ConfigError) return console.error(err.message), 1;
      throw err;
    }
    return 1;
  }
  const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-capacity-')), stackTraces: false, skipValidation: true });
  try {
    buildPlatform(app, parsed.data, { checkCapacity: false });
  } catch (err) {
    if (err instanceof ConfigError || err instanceof JobPlanError) return console.error(err.message), 1;
    throw err;
  } finally {
    fs.rmSync(app.outdir, { recursive: true, force: true });
  }
  const plan = capacityPlan(app, parsed.data);
  console.log(formatCapacityPlan(plan));
  return plan.problems.length ? 1 : 0;
}

process.exit(main());
