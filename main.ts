/**
 * cdktf entry point: `DATALAB_ENV` (default dev) picks `config/<env>.yaml`; every stack its
 * `groups` list is synthesized into cdktf.out. Config problems are printed as one report and
 * nothing is written; so are job-plan problems (docs/jobs.md), policy violations and secret-scan
 * findings (docs/policy.md).
 */
// cdktf records a stack trace for every token it creates. With source maps enabled (tsx turns
// them on) each of those traces is mapped through the inline source maps of cdktf's own files,
// which costs about 90 ms of a 0.8 s synth and is never shown: DataLab reports errors as messages.
process.setSourceMapsEnabled(false);

import { ConfigError, environmentFromEnv, loadEnvironment, UnknownEnvironmentError } from './config/loader';
import { JobPlanError } from './jobs/plan';
import { synthChecked } from './policy/gate';
import { localStateReachable } from './stacks/backend';
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
  const outdir = process.env.CDKTF_OUTDIR ?? 'cdktf.out';
  let result;
  try {
    result = synthChecked(cfg, outdir, (app) => buildPlatform(app, cfg));
  } catch (err) {
    // Problems found while building (the job plan: references to topics and buckets of the config
    // file, job code, resources) are reported like config problems: every one, no stack trace.
    if (err instanceof JobPlanError || err instanceof ConfigError) {
      console.error(`${err.message}\nsynth failed: nothing was written`);
      process.exit(1);
    }
    throw err;
  }
  if (!result.ok) {
    console.error(`${result.text}\nsynth failed: nothing was written`);
    process.exit(1);
  }
  console.log(result.text);
  if (cfg.state.backend === 'local' && !localStateReachable(outdir)) {
    console.error(`warning: ${outdir} is outside the project, so the local state paths in it do not reach .state/; synthesize inside the project before running terraform there`);
  }
}

main();
