/**
 * `npm run plan:capacity`: the capacity table of `DATALAB_ENV` (default dev). Reads the file with
 * the schema only, so an environment that does not fit still gets its table, followed by the
 * problems (each naming its config path); exit 1 when there are any.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { CONFIG_DIR, ConfigError, environmentFromEnv, parseEnvironment, UnknownEnvironmentError } from '../config/loader';
import { envConfigSchema } from '../config/schema';
import { capacityPlan, formatCapacityPlan } from '../policy/capacity';

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
  if (!parsed.success) {
    // Let the loader render the precise report (file:line:col path: message).
    try {
      parseEnvironment(text, path.relative(process.cwd(), file), env);
    } catch (err) {
      if (err instanceof ConfigError) return console.error(err.message), 1;
      throw err;
    }
    return 1;
  }
  const plan = capacityPlan(parsed.data);
  console.log(formatCapacityPlan(plan));
  return plan.problems.length ? 1 : 0;
}

process.exit(main());
