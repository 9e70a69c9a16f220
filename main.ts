/**
 * cdktf entry point: `DATALAB_ENV` (default dev) picks `config/<env>.yaml`; every stack its
 * `groups` list is synthesized into cdktf.out. Config problems are printed as one report and
 * nothing is written.
 */
import { App } from 'cdktf';
import { ConfigError, environmentFromEnv, loadEnvironment, UnknownEnvironmentError } from './config/loader';
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
  const app = new App();
  buildPlatform(app, env);
  app.synth();
}

main();
