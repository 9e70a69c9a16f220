/**
 * The Terraform providers, built from source at their pinned releases into a filesystem mirror
 * in the cache, in the unpacked layout both tools read:
 *   <mirror>/<host>/<namespace>/<type>/<version>/<os>_<arch>/terraform-provider-<type>_v<version>
 * under both registry hosts: a short source such as "kreuzwerker/docker" (what the synthesized
 * stacks use) means registry.opentofu.org/... to tofu and registry.terraform.io/... to terraform.
 * The second host gets a hard link to the same binary.
 *
 * Instead of building, DATALAB_E2E_PROVIDER_MIRROR may name a mirror filled elsewhere, e.g. with
 * `tofu providers mirror` on a connected machine (packed or unpacked layout): it is checked for
 * every pinned provider and used as it is.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cacheDir, cachedFile, writeFileIfChanged } from '../lib/cache';
import { run, succeeds } from '../lib/exec';
import { log, step, UserFacingError } from '../lib/log';
import { checkLicense, downloadModule, goBuild, goPlatform } from './go';
import { GitSource, GoProxySource, PROVIDERS, ProviderPin, REGISTRY_HOSTS, shortSource, TOFU_SHORT_SOURCE_HOST } from './versions';

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

function gitRoots(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.DATALAB_E2E_GIT_SOURCES ?? '').split(':').filter(Boolean);
}

/** A clone (work tree or bare) under DATALAB_E2E_GIT_SOURCES that has the pinned commit. */
async function findClone(pin: ProviderPin, source: GitSource): Promise<string> {
  const candidates = gitRoots().flatMap((root) => source.cloneNames.flatMap((n) => [path.join(root, n), path.join(root, n, 'repo'), path.join(root, `${n}.git`)]));
  for (const dir of candidates.filter((d) => fs.existsSync(d))) {
    if (await succeeds('git', ['-C', dir, 'cat-file', '-e', `${pin.commit}^{commit}`])) return dir;
  }
  throw new UserFacingError(
    `${shortSource(pin)} ${pin.version}: the Go module proxy does not serve ${pin.repository} at ${pin.tag}; ` +
      `set DATALAB_E2E_GIT_SOURCES to a folder holding a clone of it (one of ${source.cloneNames.join(', ')}) with commit ${pin.commit}, ` +
      `or DATALAB_E2E_PROVIDER_MIRROR to a provider mirror made with "tofu providers mirror" (see docs/workflow.md)`,
    2,
  );
}

/** The tag commit's tree, exported once into the cache with `git archive` (no .git, no history). */
async function exportGitSource(pin: ProviderPin, source: GitSource, logFile: string): Promise<string> {
  const dir = path.join(cacheDir('src'), `${pin.type}-${pin.version}`);
  const marker = path.join(dir, '.datalab-e2e-commit');
  if (fs.existsSync(marker) && fs.readFileSync(marker, 'utf8').trim() === pin.commit) return dir;
  const clone = await findClone(pin, source);
  log(`exporting ${pin.repository}@${pin.commit.slice(0, 12)} from ${clone}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const tar = `${dir}.tar`;
  try {
    await run('git', ['-C', clone, 'archive', '--format=tar', '-o', tar, pin.commit], { logFile });
    await run('tar', ['-xf', tar, '-C', dir], { logFile });
  } finally {
    fs.rmSync(tar, { force: true });
  }
  fs.writeFileSync(marker, `${pin.commit}\n`);
  return dir;
}

async function proxySource(pin: ProviderPin, source: GoProxySource, logFile: string): Promise<string> {
  const mod = await downloadModule(source.module, source.moduleVersion, source.sum, { checksumDb: source.inChecksumDb, cwd: cacheDir(), logFile });
  if (mod.originHash && mod.originHash !== pin.commit) {
    throw new UserFacingError(`${source.module}@${source.moduleVersion} comes from commit ${mod.originHash}, but ${pin.tag} is ${pin.commit}; not building it`);
  }
  return mod.dir;
}

function sourceKey(pin: ProviderPin): Record<string, string> {
  const s = pin.source;
  return s.kind === 'go-proxy' ? { from: 'go-proxy', module: s.module, moduleVersion: s.moduleVersion, sum: s.sum } : { from: 'git', commit: pin.commit };
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

/** Builds one provider into the mirror unless the cached binary has the same stamp. */
export async function buildProvider(pin: ProviderPin, mirror = defaultMirrorDir()): Promise<BuiltProvider> {
  const [primaryHost, ...otherHosts] = REGISTRY_HOSTS;
  const target = unpackedBinary(mirror, primaryHost, pin);
  const key = { provider: shortSource(pin), version: pin.version, commit: pin.commit, ...sourceKey(pin), platform: goPlatform(), recipe: RECIPE };
  const built = await cachedFile(`provider-${pin.namespace}-${pin.type}-${pin.version}`, target, key, async (tmp) => {
    const logFile = path.join(cacheDir('logs'), `provider-${pin.type}-${pin.version}.log`);
    const moduleDir = pin.source.kind === 'go-proxy' ? await proxySource(pin, pin.source, logFile) : await exportGitSource(pin, pin.source, logFile);
    checkLicense(moduleDir, pin.license, `${shortSource(pin)} ${pin.version}`);
    const ldflags = pin.versionVariable ? ['-X', `${pin.versionVariable}=${pin.version}`] : [];
    await goBuild({ moduleDir, mainPackage: '.', output: tmp, ldflags, logFile });
  });
  const others = otherHosts.map((host) => unpackedBinary(mirror, host, pin));
  for (const other of others) linkInto(built.path, other);
  return { pin, binaries: [built.path, ...others], reused: built.reused };
}

/** Every pinned provider, one build at a time (two cores, other builds may be running). */
export async function buildProviders(pins: readonly ProviderPin[] = PROVIDERS, mirror = defaultMirrorDir()): Promise<readonly BuiltProvider[]> {
  const built: BuiltProvider[] = [];
  for (const pin of pins) built.push(await step(`provider ${shortSource(pin)} ${pin.version}`, () => buildProvider(pin, mirror)));
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
