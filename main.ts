/**
 * cdktf entry point: `DATALAB_ENV` (default dev) picks `config/<env>.yaml`; every stack its
 * `groups` list is synthesized into cdktf.out. Config problems are printed as one report and
 * nothing is written; so are job-plan problems (docs/jobs.md), policy violations and secret-scan
 * findings (docs/policy.md).
 */
// cdktf records a stack trace per token only when debugging, DATALAB_DEBUG=1 (bin/app.js).
// Source maps serve only those traces: with them on (tsx turns them on) every module loaded has its
// inline map parsed and every trace is mapped through it, about a tenth of a synth run through tsx.
// So they are on exactly when the traces are. (Set before the imports below load any module. The
// bundled app that cdktf.json runs, bin/app.js, never turns them on.)
process.setSourceMapsEnabled(Boolean(process.env.DATALAB_DEBUG));

import { ConstructError } from './constructs/construct-error';
import { ConfigError, environmentFromEnv, loadEnvironment, UnknownEnvironmentError } from './config/loader';
import { JobPlanError } from './jobs/plan';
import { OutputDirError, synthChecked } from './policy/gate';
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
    // The config checks have already run the job plan; a plan made with other definitions (code
    // that builds its own ProcessingStack) can still fail here, and is reported the same way.
    if (err instanceof JobPlanError || err instanceof ConfigError) {
      console.error(`${err.message}\nsynth failed: nothing was written`);
      process.exit(1);
    }
    // One line each: an output directory that cannot be written; a construct refusing its props.
    if (err instanceof OutputDirError || err instanceof ConstructError) {
      console.error(err.message);
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
