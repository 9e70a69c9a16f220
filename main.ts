/**
 * cdktf entry point: `DATALAB_ENV` (default dev) picks `config/<env>.yaml`; every stack its
 * `groups` list is synthesized into cdktf.out. Config problems are printed as one report and
 * nothing is written; so are policy violations and secret-scan findings (docs/policy.md).
 */
import { ConfigError, environmentFromEnv, loadEnvironment, UnknownEnvironmentError } from './config/loader';
import { synthChecked } from './policy/gate';
import { buildPlatform } from './stacks/platform';

function main(): void {
  let env;
  try {
    env = loadEnvironment(environmentFromEnv());
  } catch (err) {
    if (err instanceof ConfigError || err instanceof UnknownEnvironmentError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const cfg = env;
  const result = synthChecked(cfg, process.env.CDKTF_OUTDIR ?? 'cdktf.out', (app) => buildPlatform(app, cfg));
  if (!result.ok) {
    console.error(`${result.text}\nsynth failed: nothing was written`);
    process.exit(1);
  }
  console.log(result.text);
}

main();
