/**
 * `npm run validate`: synthesizes every environment (or only `DATALAB_ENV` when set) into a
 * temporary directory and validates every resource, data source and provider block against the
 * provider schemas in `.gen/schemas`. Exit 1 on any finding. Leaves cdktf.out alone.
 */
import { Testing } from 'cdktf';
import { availableEnvironments, environmentFromEnv, loadEnvironment } from '../config/loader';
import { synthStacks } from '../policy/gate';
import { formatValidation, loadSchemas, validateStacks } from '../policy/schema-validate';
import { buildPlatform } from '../stacks/platform';
import { exitOnUserError } from './user-errors';

if (process.argv.length > 2) {
  console.error(`unknown argument "${process.argv[2]}"; usage: [DATALAB_ENV=<env>] npm run validate`);
  process.exit(2);
}
try {
  const envs = process.env.DATALAB_ENV ? [environmentFromEnv()] : availableEnvironments();
  const schemas = loadSchemas();
  let failed = false;
  for (const env of envs) {
    const app = Testing.app();
    buildPlatform(app, loadEnvironment(env));
    const report = validateStacks(synthStacks(app), schemas);
    console.log(`${env}: ${formatValidation(report)}`);
    failed ||= report.findings.length > 0;
  }
  process.exit(failed ? 1 : 0);
} catch (err) {
  exitOnUserError(err);
}
