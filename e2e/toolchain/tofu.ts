/**
 * OpenTofu, built from its Go module at the pinned release. `go install module@version` refuses
 * it (its go.mod has a replace directive for hcl/v2), so the build runs inside the downloaded
 * module (`go mod download -json` gives its Dir) with the binary written to the cache.
 */
import * as path from 'node:path';
import { cacheDir, cachedFile } from '../lib/cache';
import { UserFacingError } from '../lib/log';
import { checkLicense, downloadModule, goBuild, goPlatform } from './go';
import { OPENTOFU, OpenTofuPin } from './versions';

/** Bump when the way the binary is built changes, so cached binaries are rebuilt. */
const RECIPE = '1';

export interface BuiltTool {
  readonly path: string;
  readonly reused: boolean;
}

export function tofuPath(pin: OpenTofuPin = OPENTOFU): string {
  return path.join(cacheDir('tofu', pin.version), 'tofu');
}

export async function buildTofu(pin: OpenTofuPin = OPENTOFU): Promise<BuiltTool> {
  const logs = cacheDir('logs');
  const key = { tool: 'opentofu', module: pin.goModule, version: pin.version, sum: pin.sum, platform: goPlatform(), recipe: RECIPE };
  const built = await cachedFile(`tofu-${pin.version}`, tofuPath(pin), key, async (tmp) => {
    const logFile = path.join(logs, `tofu-${pin.version}.log`);
    const mod = await downloadModule(pin.goModule, pin.version, pin.sum, { checksumDb: true, cwd: cacheDir(), logFile });
    checkLicense(mod.dir, pin.license, `${pin.goModule}@${pin.version}`);
    await goBuild({ moduleDir: mod.dir, mainPackage: pin.mainPackage, output: tmp, ldflags: pin.ldflags, logFile });
  });
  return { path: built.path, reused: built.reused };
}

/**
 * `tofu version -json` must name the pinned release (not "-dev"): catches a stale or foreign
 * binary in the cache and a build without the release linker flags.
 */
export function checkTofuVersion(versionJson: string, pin: OpenTofuPin = OPENTOFU): void {
  let reported = '(no JSON)';
  try {
    reported = String((JSON.parse(versionJson) as { terraform_version?: unknown }).terraform_version);
  } catch {
    // reported stays "(no JSON)"
  }
  if (`v${reported}` !== pin.version) throw new UserFacingError(`${tofuPath(pin)} reports version ${reported}, expected ${pin.version}: delete ${path.dirname(tofuPath(pin))} and prepare again`);
}
