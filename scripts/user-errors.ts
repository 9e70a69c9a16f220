/**
 * For the project's scripts: a problem the user can fix (a config file, an unknown environment, a
 * job that reads what nothing provides, a construct refusing its props) is printed as its message
 * (every problem, no stack trace) and exits 1; anything else is a bug and keeps its stack trace.
 */
import { ConfigError, UnknownEnvironmentError } from '../config/loader';
import { ConstructError } from '../constructs/construct-error';
import { JobPlanError } from '../jobs/plan';

export function exitOnUserError(err: unknown): never {
  if (err instanceof ConfigError || err instanceof UnknownEnvironmentError || err instanceof JobPlanError || err instanceof ConstructError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
