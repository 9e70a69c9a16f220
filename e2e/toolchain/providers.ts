/**
 * The Terraform providers, built from source at their pinned releases into a filesystem mirror
 * in the cache, in the unpacked layout both tools read:
 *   <mirror>/<host>/<namespace>/<type>/<version>/<os>_<arch>/terraform-provider-<type>_v<version>
 * under both registry hosts: a short source such as "kreuzwerker/docker" (what the synthesized
 * stacks use) means registry.opentofu.org/... to tofu and registry.terraform.io/... to terraform.
 * The second host gets a hard link to the same binary.
 *
 * Only providers the Go module proxy serves are built. The others (see versions.ts) come from a
 * mirror made elsewhere with `tofu providers mirror` on a connected machine and named by
 * DATALAB_E2E_PROVIDER_MIRROR; a mirror that holds every pinned provider is used as it is.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir, cachedFile, writeFileIfChanged } from '../lib/cache';
import { step, UserFacingError } from '../lib/log';
import { checkLicense, downloadModule, goBuild, goPlatform } from './go';
import { GoProxySource, PROVIDERS, ProviderPin, REGISTRY_HOSTS, shortSource, TOFU_SHORT_SOURCE_HOST } from './versions';

/** Bump when the way providers are built changes, so cached binaries are rebuilt. */
const RECIPE = '1';

export interface BuiltProvider {
  readonly pin: ProviderPin;
  /** The binary under each registry host of the mirror. */
  readonly binaries: readonly string[];
  readonly reused: boolean;
}

export function defaultMirrorDir(): string {
  return cacheDir('mirror');
}

export function binaryName(pin: ProviderPin): string {
  return `terraform-provider-${pin.type}_v${pin.version}`;
}

export function unpackedBinary(mirror: string, host: string, pin: ProviderPin, platform = goPlatform()): string {
  return path.join(mirror, host, pin.namespace, pin.type, pin.version, platform, binaryName(pin));
}

function packedArchive(mirror: string, host: string, pin: ProviderPin, platform = goPlatform()): string {
  return path.join(mirror, host, pin.namespace, pin.type, `terraform-provider-${pin.type}_${pin.version}_${platform}.zip`);
}

async function proxySource(pin: ProviderPin, source: GoProxySource, logFile: string): Promise<string> {
  const mod = await downloadModule(source.module, source.moduleVersion, source.sum, { checksumDb: source.inChecksumDb, cwd: cacheDir(), logFile });
  if (mod.originHash && mod.originHash !== pin.commit) {
    throw new UserFacingError(`${source.module}@${source.moduleVersion} comes from commit ${mod.originHash}, but ${pin.tag} is ${pin.commit}; not building it`);
  }
  return mod.dir;
}


/** Hard link (same bytes, no extra space), replaced when it points at an older build. */
function linkInto(source: string, target: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (fs.existsSync(target) && fs.statSync(target).ino === fs.statSync(source).ino) return;
  fs.rmSync(target, { force: true });
  try {
    fs.linkSync(source, target);
  } catch {
    fs.copyFileSync(source, target);
    fs.chmodSync(target, 0o755);
  }
}

/**
 * Puts one provider into the mirror: built from its Go module unless the cached binary has the
 * same stamp, or, for one the proxy does not serve, linked from the supplied mirror.
 */
export async function buildProvider(pin: ProviderPin, mirror = defaultMirrorDir(), supplied?: string): Promise<BuiltProvider> {
  const [primaryHost, ...otherHosts] = REGISTRY_HOSTS;
  const target = unpackedBinary(mirror, primaryHost, pin);
  const others = otherHosts.map((host) => unpackedBinary(mirror, host, pin));
  const source = pin.source;
  if (source.kind === 'mirror') {
    const given = supplied ? unpackedBinary(supplied, TOFU_SHORT_SOURCE_HOST, pin) : undefined;
    if (!given || !fs.existsSync(given)) {
      throw new UserFacingError(
        `${shortSource(pin)} ${pin.version} cannot be built here: the Go module proxy does not serve it (${source.refused}). ` +
          `Make a provider mirror on a connected machine (tofu providers mirror -platform=${goPlatform()} <dir>, unpacked) and set DATALAB_E2E_PROVIDER_MIRROR=<dir> (docs/workflow.md)` +
          (supplied ? `; ${supplied} has no ${path.relative(supplied, given!)}` : ''),
        2,
      );
    }
    for (const t of [target, ...others]) linkInto(given, t);
    return { pin, binaries: [target, ...others], reused: true };
  }
  const key = { provider: shortSource(pin), version: pin.version, commit: pin.commit, from: 'go-proxy', module: source.module, moduleVersion: source.moduleVersion, sum: source.sum, platform: goPlatform(), recipe: RECIPE };
  const built = await cachedFile(`provider-${pin.namespace}-${pin.type}-${pin.version}`, target, key, async (tmp) => {
    const logFile = path.join(cacheDir('logs'), `provider-${pin.type}-${pin.version}.log`);
    const moduleDir = await proxySource(pin, source, logFile);
    checkLicense(moduleDir, pin.license, `${shortSource(pin)} ${pin.version}`);
    const ldflags = pin.versionVariable ? ['-X', `${pin.versionVariable}=${pin.version}`] : [];
    await goBuild({ moduleDir, mainPackage: '.', output: tmp, ldflags, logFile });
  });
  for (const other of others) linkInto(built.path, other);
  return { pin, binaries: [built.path, ...others], reused: built.reused };
}

/** Every pinned provider, one build at a time (two cores, other builds may be running). */
export async function buildProviders(pins: readonly ProviderPin[] = PROVIDERS, mirror = defaultMirrorDir(), supplied?: string): Promise<readonly BuiltProvider[]> {
  const built: BuiltProvider[] = [];
  for (const pin of pins) built.push(await step(`provider ${shortSource(pin)} ${pin.version}`, () => buildProvider(pin, mirror, supplied)));
  return built;
}

/**
 * Pinned providers a given mirror lacks for this platform, in either layout, under the host tofu
 * resolves short sources to. (`terraform providers mirror` writes registry.terraform.io instead,
 * which tofu would not find for "kreuzwerker/docker".)
 */
export function missingFromMirror(mirror: string, pins: readonly ProviderPin[] = PROVIDERS): readonly ProviderPin[] {
  const host = TOFU_SHORT_SOURCE_HOST;
  return pins.filter((pin) => !fs.existsSync(unpackedBinary(mirror, host, pin)) && !fs.existsSync(packedArchive(mirror, host, pin)));
}

/**
 * The CLI configuration: providers come from the mirror and nowhere else. With a
 * provider_installation block, only the methods it lists are used, so leaving out `direct`
 * means no registry is ever contacted (a missing provider fails init instead of downloading).
 */
export function cliConfig(mirror: string): string {
  return [
    '# Written by e2e/toolchain (datalab e2e). Providers come only from the filesystem mirror below;',
    '# there is no "direct" method, so nothing is downloaded from a registry.',
    'disable_checkpoint = true',
    '',
    'provider_installation {',
    '  filesystem_mirror {',
    `    path = ${JSON.stringify(mirror)}`,
    '  }',
    '}',
    '',
  ].join('\n');
}

export function writeCliConfig(mirror: string, file = path.join(cacheDir(), 'tofurc')): string {
  writeFileIfChanged(file, cliConfig(mirror));
  return file;
}
