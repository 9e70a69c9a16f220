/**
 * The base of every stand-in image: a Debian minbase root filesystem made with debootstrap and
 * imported into the engine (`docker import`), since no image can be pulled.
 *
 * Two suites, chosen by the JDK major of the real image a stand-in replaces: trixie's
 * openjdk-21 for apache/kafka (eclipse-temurin 21), bookworm's openjdk-17 for apache/spark
 * (eclipse-temurin 17). The rootfs tarball is kept in the cache, so a wiped engine re-imports it in
 * seconds instead of running debootstrap again.
 */
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { artifactDir, fileExists, HASH_LABEL, imageLabel, logDir, run, sha256, STANDIN_LABEL } from './lib';

export type DebianSuite = 'trixie' | 'bookworm';
export const DEBIAN_SUITE: DebianSuite = 'trixie';
/** The base image of a suite. */
export const baseImage = (suite: DebianSuite = DEBIAN_SUITE): string => `datalab-e2e/debian:${suite}`;
export const BASE_IMAGE = baseImage(DEBIAN_SUITE);

let mirror: string | undefined;

/**
 * Debian's package mirror as this machine's apt knows it (`$DATALAB_E2E_DEBIAN_MIRROR` overrides):
 * the first `…/debian` URI of /etc/apt/sources.list.d/*.sources or /etc/apt/sources.list. Used
 * for debootstrap, the base image's apt source, and the private apt configuration that fetches
 * Consul's package. Plain HTTP, so nothing in an image needs a CA store.
 */
export function debianMirror(): string {
  if (mirror) return mirror;
  const fromEnv = process.env.DATALAB_E2E_DEBIAN_MIRROR;
  const texts: string[] = [];
  const dir = '/etc/apt/sources.list.d';
  try {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.sources') || n.endsWith('.list'))) texts.push(readFileSync(`${dir}/${f}`, 'utf8'));
  } catch {
    // no sources.list.d
  }
  try {
    texts.push(readFileSync('/etc/apt/sources.list', 'utf8'));
  } catch {
    // no sources.list
  }
  const uris = texts
    .join('\n')
    .split('\n')
    .filter((l) => !l.trim().startsWith('#'))
    .flatMap((l) => l.match(/https?:\/\/\S+/g) ?? [])
    .map((u) => u.replace(/\/+$/, ''));
  const found = fromEnv || uris.find((u) => u.startsWith('http://') && u.endsWith('/debian'));
  if (!found) throw new Error('no plain-HTTP Debian mirror (…/debian) in this machine\'s apt sources; set DATALAB_E2E_DEBIAN_MIRROR');
  mirror = found;
  return mirror;
}

/** Changes applied to the debootstrapped tree before it is packed; part of the image's hash. */
const tweaks = (suite: DebianSuite): Record<string, string> => ({
  // apt inside `docker build`: no recommends, no cache kept.
  'etc/apt/apt.conf.d/90datalab-e2e': [
    'APT::Install-Recommends "false";',
    'APT::Install-Suggests "false";',
    'Acquire::Languages "none";',
    'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };',
    '',
  ].join('\n'),
  // Smaller layers: no manuals, docs or translations, but every package's copyright file stays.
  'etc/dpkg/dpkg.cfg.d/90datalab-e2e': [
    'path-exclude=/usr/share/man/*',
    'path-exclude=/usr/share/info/*',
    'path-exclude=/usr/share/locale/*',
    'path-include=/usr/share/locale/locale.alias',
    'path-exclude=/usr/share/doc/*',
    'path-include=/usr/share/doc/*/copyright',
    '',
  ].join('\n'),
  'etc/apt/sources.list': `deb ${debianMirror()} ${suite} main\n`,
});

/**
 * Run on the tree after the tweaks ($1 = the tree): no package lists or caches (each image runs its
 * own apt-get update), no manuals, docs or translations (copyright files stay). The emptied manual
 * folders are kept: update-alternatives (run by the JRE's package) fails without man1.
 */
const CLEANUP = [
  'rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*.bin "$1"/var/cache/apt/archives/*.deb "$1"/var/log/*.log "$1"/var/log/apt/* "$1"/debootstrap',
  'find "$1"/usr/share/info "$1"/usr/share/locale -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +',
  'find "$1"/usr/share/man -type f -delete',
  'find "$1"/usr/share/doc -mindepth 2 ! -name copyright ! -type d -delete',
  'find "$1"/usr/share/doc -mindepth 1 -type d -empty -delete',
  'mkdir -p "$1"/usr/share/man/man1',
].join('\n');

const RECIPE_VERSION = '2';

export function baseHash(suite: DebianSuite = DEBIAN_SUITE): string {
  return sha256('debian-base', RECIPE_VERSION, suite, debianMirror(), 'minbase', JSON.stringify(tweaks(suite)), CLEANUP);
}

/** Builds (or finds) `datalab-e2e/debian:<suite>`. Returns true when something was done. */
export async function prepareBase(log: (line: string) => void, suite: DebianSuite = DEBIAN_SUITE): Promise<boolean> {
  const hash = baseHash(suite);
  const image = baseImage(suite);
  if ((await imageLabel(image, HASH_LABEL)) === hash) return false;

  const dir = artifactDir('debian', suite);
  const tarball = join(dir, `rootfs-${hash.slice(0, 16)}.tar`);
  const logFile = join(logDir(), `debian-${suite}.log`);
  if (!fileExists(tarball)) {
    log(`debian: debootstrap --variant=minbase ${suite} (log: ${logFile})`);
    const root = mkdtempSync(join(dir, 'rootfs-'));
    try {
      await run('debootstrap', ['--variant=minbase', suite, root, debianMirror()], { logFile });
      for (const [path, content] of Object.entries(tweaks(suite))) writeFileSync(join(root, path), content);
      await run('sh', ['-ec', CLEANUP, 'sh', root], { logFile });
      await run('tar', ['--numeric-owner', '-C', root, '-cf', `${tarball}.tmp`, '.'], { logFile });
      renameSync(`${tarball}.tmp`, tarball);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  }
  log(`debian: docker import ${image}`);
  await run(
    'docker',
    [
      'import',
      '--change', `LABEL ${HASH_LABEL}=${hash}`,
      '--change', `LABEL ${STANDIN_LABEL}=debian:${suite}-minbase`,
      '--change', 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      '--change', 'CMD ["bash"]',
      tarball,
      image,
    ],
    { logFile },
  );
  return true;
}
