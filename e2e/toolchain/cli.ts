/**
 * `node --import tsx e2e/toolchain/cli.ts [--env]`: builds (or finds in the cache) OpenTofu and
 * the providers, writes the mirror-only CLI config, and prints what was prepared with timings.
 * With --env, stdout gets `export NAME=value` lines for a shell (`eval "$(… --env)"`).
 * Exit 0 prepared, 1 a build failed, 2 cannot run here (no Go, source not available).
 */
import { formatMs, runEntryPoint, stepTimings, timingTable, UserFacingError } from '../lib/log';
import { cacheRoot } from '../lib/cache';
import { prepareToolchain } from './index';

const USAGE = 'usage: node --import tsx e2e/toolchain/cli.ts [--env]';

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

runEntryPoint(async () => {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--env');
  if (unknown.length) throw new UserFacingError(`unknown argument "${unknown[0]}"; ${USAGE}`, 2);
  const started = Date.now();
  const tc = await prepareToolchain();
  process.stderr.write(
    [
      '',
      timingTable(stepTimings()),
      `total ${formatMs(Date.now() - started)}`,
      '',
      `cache       ${cacheRoot()}`,
      `tofu        ${tc.tofuBinary}`,
      `mirror      ${tc.mirrorDir}`,
      `CLI config  ${tc.cliConfigFile}`,
      '',
    ].join('\n'),
  );
  if (args.includes('--env')) {
    for (const name of ['TERRAFORM_BINARY_NAME', 'TF_CLI_CONFIG_FILE', 'CHECKPOINT_DISABLE', 'CDKTF_DISABLE_PLUGIN_CACHE_ENV', 'PATH'] as const) {
      process.stdout.write(`export ${name}=${shellQuote(tc.env[name] ?? '')}\n`);
    }
    process.stdout.write('unset TF_PLUGIN_CACHE_DIR\n');
  }
  return 0;
});
