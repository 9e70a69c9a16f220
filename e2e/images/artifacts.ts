/**
 * The programs inside the stand-in images, made on the host (the only place with registry access
 * and the right clients): Go binaries from their Go modules, Consul from Debian bullseye's package,
 * Kafka's jars from Maven Central. Each lands under `<cache>/images/<name>/<version>/` with a stamp
 * saying what it was made from; a matching stamp means nothing is done.
 */
import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { debianMirror } from './debian';
import { artifactDir, fileExists, listFiles, logDir, readStamp, run, sha256, sha256Dir, sha256File, writeStamp } from './lib';

export interface Artifact {
  /** Files or directories to place in the build context: context name → host path. */
  files: Record<string, string>;
  /** Content hash of everything in `files`. */
  hash: string;
  /** One line for the report. */
  summary: string;
}

interface Stamp {
  recipe: string;
  hash: string;
  summary: string;
}

async function cached(dir: string, recipe: string, files: Record<string, string>, make: () => Promise<string>): Promise<Artifact> {
  const stampPath = join(dir, 'stamp.json');
  const stamp = readStamp<Stamp>(stampPath);
  if (stamp && stamp.recipe === recipe && Object.values(files).every(fileExists)) {
    return { files, hash: stamp.hash, summary: stamp.summary };
  }
  const summary = await make();
  const parts: string[] = [];
  for (const [name, path] of Object.entries(files).sort()) {
    parts.push(`${name}=${await hashPath(path)}`);
  }
  const hash = sha256(...parts);
  writeStamp(stampPath, { recipe, hash, summary } satisfies Stamp);
  return { files, hash, summary };
}

function hashPath(path: string): Promise<string> {
  return statSync(path).isDirectory() ? sha256Dir(path) : sha256File(path);
}

// ---------------------------------------------------------------------------------------------
// Go modules

function goEnv(): NodeJS.ProcessEnv {
  // -modcacherw: the module cache stays deletable; -buildvcs=false: module dirs are not VCS trees.
  return { ...process.env, CGO_ENABLED: '0', GOFLAGS: '-modcacherw -buildvcs=false', GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? 'local' };
}

/** Directory of a module version in the module cache (downloading it through the Go proxy if needed). */
export async function goModuleDir(modulePath: string, version: string, logFile: string): Promise<string> {
  const r = await run('go', ['mod', 'download', '-json', `${modulePath}@${version}`], { env: goEnv(), logFile });
  const info = JSON.parse(r.stdout) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`go mod download ${modulePath}@${version}: ${info.Error ?? 'no Dir'}`);
  return info.Dir;
}

/**
 * Modules that must not end up in an image: not open-source (AGPL, BSL, vendor terms), from the
 * project's package lists. Consul itself is MPL-2.0 only before v1.17.0 (BSL from then on).
 */
const DENIED_GO_MODULES = [
  'github.com/hashicorp/consul/envoyextensions',
  'github.com/hashicorp/consul/troubleshoot',
  'github.com/hashicorp/nomad',
  'github.com/grafana/grafana',
  'github.com/grafana/loki/v3',
  'github.com/aminueza/terraform-provider-minio',
  'github.com/minio/minio',
  'github.com/cockroachdb/cockroach',
  'go.k6.io/k6',
];

/** Fails when the build list of the module in `dir` holds a denied module or a BSL Consul. */
export async function checkGoLicences(dir: string, logFile: string): Promise<string[]> {
  const r = await run('go', ['list', '-m', 'all'], { cwd: dir, env: goEnv(), logFile });
  const mods = r.stdout.trim().split('\n').map((l) => l.trim().split(/\s+/));
  const problems: string[] = [];
  for (const [path, version] of mods) {
    if (DENIED_GO_MODULES.includes(path)) problems.push(`${path} ${version} is not open-source`);
    if (path === 'github.com/hashicorp/consul' && version && compareSemver(version, 'v1.17.0') >= 0) {
      problems.push(`${path} ${version} is under the BSL (MPL-2.0 only before v1.17.0)`);
    }
  }
  if (problems.length) throw new Error(`licence check of ${dir}:\n  ${problems.join('\n  ')}`);
  return mods.map(([p, v]) => `${p} ${v ?? ''}`.trim());
}

function compareSemver(a: string, b: string): number {
  const nums = (v: string) => v.replace(/^v/, '').split(/[-+]/)[0].split('.').map(Number);
  const [x, y] = [nums(a), nums(b)];
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

// --- SeaweedFS

export const SEAWEEDFS = {
  module: 'github.com/seaweedfs/seaweedfs',
  version: 'v0.0.0-20261109003541-7506e5f91cd6',
  commit: '7506e5f9',
  release: '4.53',
};

export async function seaweedfsArtifact(log: (l: string) => void): Promise<Artifact> {
  const s = SEAWEEDFS;
  const dir = artifactDir('seaweedfs', `${s.release}-${s.commit}`);
  const weed = join(dir, 'weed');
  const ldflags = `-s -w -X ${s.module}/weed/util/version.COMMIT=${s.commit}`;
  const recipe = `${s.module}@${s.version} CGO_ENABLED=0 go build -trimpath -ldflags "${ldflags}" ./weed`;
  return cached(dir, recipe, { weed }, async () => {
    const logFile = join(logDir(), 'seaweedfs-go-build.log');
    log(`seaweedfs: go build ./weed from ${s.module}@${s.version} (log: ${logFile})`);
    const modDir = await goModuleDir(s.module, s.version, logFile);
    const mods = await checkGoLicences(modDir, logFile);
    await run('go', ['build', '-trimpath', '-ldflags', ldflags, '-o', `${weed}.tmp`, './weed'], { cwd: modDir, env: goEnv(), logFile });
    renameSync(`${weed}.tmp`, weed);
    const version = (await run(weed, ['version'])).stdout.trim();
    if (!version.includes(` ${s.release} `)) throw new Error(`weed version says "${version}", expected ${s.release}`);
    writeFileSync(join(dir, 'go-modules.txt'), `${mods.join('\n')}\n`);
    return `weed from ${s.module}@${s.version}: ${version.split('\n')[0]}`;
  });
}

// --- consul-esm

export const CONSUL_ESM = {
  module: 'github.com/hashicorp/consul-esm',
  version: 'v0.7.1',
  /** `git rev-parse --short v0.7.1` of hashicorp/consul-esm (ee122384c2bb…). */
  commit: 'ee12238',
};

/** The program cannot be had here: the image is not available (the environment must do without). */
export class SourceUnavailableError extends Error {}

/**
 * consul-esm v0.7.1 is built from its Go module when the module proxy serves it. The proxy this
 * workplace reaches answers 403 for every version of github.com/hashicorp/consul-esm (its
 * dependencies, consul v1.14.3, api v1.18.0 and sdk v0.13.0, it serves). Nothing here builds it
 * from elsewhere: a release binary (MPL-2.0, e.g. from HashiCorp's release site on a connected
 * machine) may be supplied with DATALAB_E2E_CONSUL_ESM_BINARY, and its `-version` must say v0.7.1.
 */
export async function consulEsmArtifact(log: (l: string) => void): Promise<Artifact> {
  const e = CONSUL_ESM;
  const dir = artifactDir('consul-esm', e.version.slice(1));
  const bin = join(dir, 'consul-esm');
  const supplied = process.env.DATALAB_E2E_CONSUL_ESM_BINARY?.trim();
  // The release Makefile's LD_FLAGS.
  const ldflags = `-s -w -X ${e.module}/version.Name=consul-esm -X ${e.module}/version.GitCommit=${e.commit} -X ${e.module}/version.GitDescribe=${e.version}`;
  const recipe = supplied ? `supplied binary ${supplied}` : `${e.module}@${e.version} CGO_ENABLED=0 go build -trimpath -ldflags "${ldflags}" .`;
  return cached(dir, recipe, { 'consul-esm': bin }, async () => {
    const logFile = join(logDir(), 'consul-esm-go-build.log');
    let from: string;
    if (supplied) {
      if (!fileExists(supplied)) throw new SourceUnavailableError(`DATALAB_E2E_CONSUL_ESM_BINARY=${supplied} does not exist`);
      copyFileSync(supplied, `${bin}.tmp`);
      chmodSync(`${bin}.tmp`, 0o755);
      from = `supplied binary ${supplied}`;
    } else {
      let modDir: string;
      try {
        modDir = await goModuleDir(e.module, e.version, logFile);
      } catch (err) {
        const why = (err as Error).message.split('\n').find((l) => /403|404|not available/.test(l))?.trim() ?? 'see log';
        throw new SourceUnavailableError(
          `consul-esm ${e.version}: the Go module proxy refuses ${e.module}@${e.version} (${why}); supply a release binary with DATALAB_E2E_CONSUL_ESM_BINARY`,
        );
      }
      log(`consul-esm: go build from Go module ${e.module}@${e.version} (log: ${logFile})`);
      const mods = await checkGoLicences(modDir, logFile);
      await run('go', ['build', '-trimpath', '-ldflags', ldflags, '-o', `${bin}.tmp`, '.'], { cwd: modDir, env: goEnv(), logFile });
      writeFileSync(join(dir, 'go-modules.txt'), `${mods.join('\n')}\n`);
      from = `Go module ${e.module}@${e.version}`;
    }
    const v = await run(`${bin}.tmp`, ['-version'], { allowFail: true });
    const version = `${v.stdout}${v.stderr}`.trim();
    if (!version.includes(e.version)) throw new Error(`consul-esm -version says "${version}", expected ${e.version}`);
    renameSync(`${bin}.tmp`, bin);
    return `consul-esm from ${from}: ${version.split('\n')[0]}`;
  });
}

// --- Prometheus

/**
 * Prometheus v3.5.0 is the Go module github.com/prometheus/prometheus at v0.305.0 (3.x releases are
 * tagged v0.3XX.Y for Go; its VERSION file says 3.5.0). Built as the release is (`promu`:
 * `-tags netgo,builtinassets`, version ldflags) with its web UI: the module carries the front
 * end's sources and npm lock file (web/ui), so the UI is compiled here with npm from the npm
 * registry, as `make assets` does, and embedded (`scripts/compress_assets.sh`). Only the current
 * UI (mantine-ui and the modules it uses) is built; the old React UI
 * (`--enable-feature=old-ui`), a separate npm project, is not.
 */
export const PROMETHEUS = {
  module: 'github.com/prometheus/prometheus',
  version: 'v0.305.0',
  release: '3.5.0',
  /** The commit of tag v3.5.0 in prometheus/prometheus ("Prepare release 3.5.0"): the release's Revision. */
  commit: '8be3a9560fbdd18a94dedec4b747c35178177202',
};

/** npm licences that must not end up in an image (the project's rule: open-source, no AGPL). */
const DENIED_NPM_LICENCE = /AGPL|SSPL|BUSL|Commons[- ]Clause|Elastic-2|PolyForm/i;

/** Fails when a package under `nodeModules` declares a denied licence; returns how many were read. */
export function checkNpmLicences(nodeModules: string): number {
  const problems: string[] = [];
  let count = 0;
  const visit = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory() || e.name === '.bin' || e.name === '.cache') continue;
      const pkgDir = join(dir, e.name);
      if (e.name.startsWith('@')) {
        visit(pkgDir);
        continue;
      }
      const pj = readStamp<{ name?: string; version?: string; license?: unknown; licenses?: unknown }>(join(pkgDir, 'package.json'));
      if (pj) {
        count++;
        const lic = JSON.stringify(pj.license ?? pj.licenses ?? '');
        if (DENIED_NPM_LICENCE.test(lic)) problems.push(`${pj.name}@${pj.version}: ${lic}`);
      }
      const nested = join(pkgDir, 'node_modules');
      if (fileExists(nested)) visit(nested);
    }
  };
  visit(nodeModules);
  if (problems.length) throw new Error(`licence check of ${nodeModules}:\n  ${problems.join('\n  ')}`);
  return count;
}

export async function prometheusArtifact(log: (l: string) => void): Promise<Artifact> {
  const p = PROMETHEUS;
  const dir = artifactDir('prometheus', p.release);
  const out = {
    prometheus: join(dir, 'prometheus'),
    promtool: join(dir, 'promtool'),
    'prometheus.yml': join(dir, 'prometheus.yml'),
    LICENSE: join(dir, 'LICENSE'),
    NOTICE: join(dir, 'NOTICE'),
    'npm_licenses.tar.bz2': join(dir, 'npm_licenses.tar.bz2'),
  };
  const tags = 'netgo,builtinassets';
  const recipe = [
    `${p.module}@${p.version} copied out of the module cache`,
    'web/ui: npm ci --ignore-scripts; npm run build -w @prometheus-io/lezer-promql, codemirror-promql, mantine-ui; dist -> static/mantine-ui; scripts/compress_assets.sh',
    `CGO_ENABLED=0 go build -trimpath -tags ${tags} -ldflags "-s -w -X common/version.{Version,Revision=${p.commit},Branch,BuildUser,BuildDate}" ./cmd/prometheus ./cmd/promtool`,
  ].join('\n');
  return cached(dir, recipe, out, async () => {
    const logFile = join(logDir(), 'prometheus-build.log');
    log(`prometheus: go build ${p.module}@${p.version} with its web UI (npm) (log: ${logFile})`);
    const info = JSON.parse((await run('go', ['mod', 'download', '-json', `${p.module}@${p.version}`], { env: goEnv(), logFile })).stdout) as {
      Dir?: string;
      Info?: string;
      Error?: string;
      Origin?: { Hash?: string };
    };
    if (!info.Dir) throw new Error(`go mod download ${p.module}@${p.version}: ${info.Error ?? 'no Dir'}`);
    const versionFile = readFileSync(join(info.Dir, 'VERSION'), 'utf8').trim();
    if (versionFile !== p.release) throw new Error(`${p.module}@${p.version} has VERSION ${versionFile}, expected ${p.release}`);
    const mods = await checkGoLicences(info.Dir, logFile);

    // The UI build writes into the tree (node_modules, static/, embed.go): a copy, not the cache.
    const src = join(dir, 'src');
    rmSync(src, { recursive: true, force: true });
    await run('cp', ['-a', `${info.Dir}/.`, src], { logFile });
    await run('chmod', ['-R', 'u+w', src], { logFile });
    const ui = join(src, 'web', 'ui');
    await run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: ui, logFile });
    const npmPackages = checkNpmLicences(join(ui, 'node_modules'));
    for (const w of ['@prometheus-io/lezer-promql', '@prometheus-io/codemirror-promql', '@prometheus-io/mantine-ui']) {
      await run('npm', ['run', 'build', '-w', w], { cwd: ui, logFile, env: { ...process.env, CI: '' } });
    }
    mkdirSync(join(ui, 'static'), { recursive: true });
    renameSync(join(ui, 'mantine-ui', 'dist'), join(ui, 'static', 'mantine-ui'));
    if (!fileExists(join(ui, 'static', 'mantine-ui', 'index.html'))) throw new Error('the mantine-ui build left no index.html');
    await run('bash', ['scripts/compress_assets.sh'], { cwd: src, logFile });
    // As `make npm_licenses`: every licence file of the UI's node_modules.
    await run('sh', ['-c', `find web/ui/node_modules -iname 'license*' | tar cjf '${out['npm_licenses.tar.bz2']}.tmp' --transform 's,^,npm_licenses/,' --files-from=-`], { cwd: src, logFile });

    const time = info.Info ? (JSON.parse(readFileSync(info.Info, 'utf8')) as { Time?: string }).Time : undefined;
    const buildDate = time ? time.replace(/^(\d{4})-(\d\d)-(\d\d)T(\d\d:\d\d:\d\d).*$/, '$1$2$3-$4') : 'unknown';
    const v = 'github.com/prometheus/common/version';
    const ldflags = [
      '-s', '-w',
      '-X', `${v}.Version=${p.release}`,
      // The proxy gives no origin for this module: the tag's commit, read from the repository.
      '-X', `${v}.Revision=${info.Origin?.Hash ?? p.commit}`,
      '-X', `${v}.Branch=HEAD`,
      '-X', `${v}.BuildUser=datalab-e2e`,
      '-X', `${v}.BuildDate=${buildDate}`,
    ].join(' ');
    for (const bin of ['prometheus', 'promtool'] as const) {
      await run('go', ['build', '-trimpath', '-tags', tags, '-ldflags', ldflags, '-o', `${out[bin]}.tmp`, `./cmd/${bin}`], { cwd: src, env: goEnv(), logFile });
    }
    for (const bin of ['prometheus', 'promtool'] as const) {
      const said = (await run(`${out[bin]}.tmp`, ['--version'])).stdout;
      if (!said.includes(`version ${p.release} `)) throw new Error(`${bin} --version says "${said.split('\n')[0]}", expected ${p.release}`);
      renameSync(`${out[bin]}.tmp`, out[bin]);
    }
    renameSync(`${out['npm_licenses.tar.bz2']}.tmp`, out['npm_licenses.tar.bz2']);
    copyFileSync(join(src, 'documentation', 'examples', 'prometheus.yml'), out['prometheus.yml']);
    copyFileSync(join(src, 'LICENSE'), out.LICENSE);
    copyFileSync(join(src, 'NOTICE'), out.NOTICE);
    writeFileSync(join(dir, 'go-modules.txt'), `${mods.join('\n')}\n`);
    rmSync(src, { recursive: true, force: true });
    const version = (await run(out.prometheus, ['--version'])).stdout.split('\n')[0];
    return `prometheus and promtool from ${p.module}@${p.version} with the UI (${npmPackages} npm packages): ${version}`;
  });
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL from Debian trixie

/**
 * PostgreSQL 17 as Debian trixie ships it, installed by `docker build` from the Debian mirror:
 * nothing is made on the host. The real postgres:17.11 image installs PGDG's 17.11; trixie's
 * minor is whatever its point release carries (17.12 when this was written); the image logs and
 * the smoke test report it.
 */
export const POSTGRES = { suite: 'trixie', major: '17', image: '17.11' };

export async function postgresArtifact(): Promise<Artifact> {
  const p = POSTGRES;
  return { files: {}, hash: sha256('debian', p.suite, `postgresql-${p.major}`), summary: `postgresql-${p.major} from Debian ${p.suite} (installed by docker build)` };
}

// ---------------------------------------------------------------------------------------------
// Consul from Debian bullseye

export const CONSUL = { suite: 'bullseye', package: 'consul', version: '1.8.7+dfsg1-2+b3', upstream: '1.8.7' };

export async function consulArtifact(log: (l: string) => void): Promise<Artifact> {
  const c = CONSUL;
  const dir = artifactDir('consul', c.upstream);
  const bin = join(dir, 'consul');
  const recipe = `debian ${c.suite} ${c.package}=${c.version} usr/bin/consul`;
  return cached(dir, recipe, { consul: bin }, async () => {
    const logFile = join(logDir(), 'consul-deb.log');
    log(`consul: apt-get download ${c.package}=${c.version} from Debian ${c.suite} (log: ${logFile})`);
    // A private apt configuration: the host's own sources and state stay untouched.
    const apt = join(dir, 'apt');
    for (const d of ['lists/partial', 'cache/archives/partial', 'debs']) mkdirSync(join(apt, d), { recursive: true });
    writeFileSync(join(apt, 'sources.list'), `deb ${debianMirror()} ${c.suite} main\n`);
    const opts = [
      '-o', `Dir::Etc::SourceList=${join(apt, 'sources.list')}`,
      '-o', 'Dir::Etc::SourceParts=/dev/null',
      '-o', `Dir::State::Lists=${join(apt, 'lists')}`,
      '-o', `Dir::Cache=${join(apt, 'cache')}`,
      '-o', 'Dir::State::Status=/dev/null',
      '-o', 'APT::Sandbox::User=root',
    ];
    await run('apt-get', [...opts, 'update'], { logFile });
    await run('apt-get', [...opts, 'download', `${c.package}=${c.version}`], { cwd: join(apt, 'debs'), logFile });
    const deb = readdirSync(join(apt, 'debs')).find((f) => f.startsWith(`${c.package}_`) && f.endsWith('.deb'));
    if (!deb) throw new Error(`no ${c.package} .deb downloaded`);
    const x = join(apt, 'x');
    rmSync(x, { recursive: true, force: true });
    await run('dpkg-deb', ['-x', join(apt, 'debs', deb), x], { logFile });
    await run('cp', [join(x, 'usr/bin/consul'), `${bin}.tmp`], { logFile });
    await run('cp', [join(x, 'usr/share/doc/consul/copyright'), join(dir, 'copyright')], { logFile });
    chmodSync(`${bin}.tmp`, 0o755);
    renameSync(`${bin}.tmp`, bin);
    rmSync(x, { recursive: true, force: true });
    const version = (await run(bin, ['version'])).stdout.trim().split('\n')[0];
    if (version !== `Consul v${c.upstream}`) throw new Error(`consul version says "${version}", expected v${c.upstream}`);
    return `consul from Debian ${c.suite} ${deb}: ${version}`;
  });
}

// --- Consul 1.14.3 from its Go module

/**
 * Consul v1.14.3 (MPL-2.0, December 2022): the consul module that consul-esm v0.7.1 itself
 * requires, with the same api v1.18.0 / sdk v0.13.0 / proto-public v0.2.1. Its go.mod replaces
 * those nested modules with relative paths that a module download does not contain, so the
 * binary is built from a small wrapper module that requires consul@v1.14.3 (a dependency's
 * replace directives do not apply) and builds its main package. The web UI is in the module
 * (agent/uiserver/dist).
 */
export const CONSUL_MODULE = { module: 'github.com/hashicorp/consul', version: 'v1.14.3' };

export async function consulModuleArtifact(log: (l: string) => void): Promise<Artifact> {
  const c = CONSUL_MODULE;
  const dir = artifactDir('consul', c.version.slice(1));
  const bin = join(dir, 'consul');
  const wrapper = [
    'module datalab.e2e/consul-build',
    '',
    'go 1.19',
    '',
    `require ${c.module} ${c.version}`,
    '',
    '// From consul\'s own go.mod (a non-module path it needs replaced).',
    'replace launchpad.net/gocheck => github.com/go-check/check v0.0.0-20140225173054-eb6ee6f84d0a',
    '',
  ].join('\n');
  const recipe = `wrapper go.mod:\n${wrapper}\nCGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X version.GitCommit=<tag commit> -X version.BuildDate=<tag time>" ${c.module}`;
  return cached(dir, recipe, { consul: bin }, async () => {
    const logFile = join(logDir(), `consul-${c.version}-go-build.log`);
    log(`consul: go build ${c.module}@${c.version} through a wrapper module (log: ${logFile})`);
    const info = JSON.parse((await run('go', ['mod', 'download', '-json', `${c.module}@${c.version}`], { env: goEnv(), logFile })).stdout) as {
      Dir?: string;
      Info?: string;
      Error?: string;
      Origin?: { Hash?: string };
    };
    if (!info.Dir) throw new Error(`go mod download ${c.module}@${c.version}: ${info.Error ?? 'no Dir'}`);
    const time = info.Info ? (JSON.parse(readFileSync(info.Info, 'utf8')) as { Time?: string }).Time : undefined;
    const w = join(dir, 'wrapper');
    rmSync(w, { recursive: true, force: true });
    mkdirSync(w, { recursive: true });
    writeFileSync(join(w, 'go.mod'), wrapper);
    // go get records the checksums of every package the consul command imports.
    await run('go', ['get', `${c.module}@${c.version}`], { cwd: w, env: goEnv(), logFile });
    const mods = await checkGoLicences(w, logFile);
    const ldflags = [
      '-s', '-w',
      ...(info.Origin?.Hash ? ['-X', `${c.module}/version.GitCommit=${info.Origin.Hash.slice(0, 8)}`] : []),
      ...(time ? ['-X', `${c.module}/version.BuildDate=${time}`] : []),
    ].join(' ');
    await run('go', ['build', '-trimpath', '-ldflags', ldflags, '-o', `${bin}.tmp`, c.module], { cwd: w, env: goEnv(), logFile });
    renameSync(`${bin}.tmp`, bin);
    const version = (await run(bin, ['version'])).stdout.trim().split('\n')[0];
    if (version !== `Consul ${c.version}`) throw new Error(`consul version says "${version}", expected ${c.version}`);
    writeFileSync(join(dir, 'go-modules.txt'), `${mods.join('\n')}\n`);
    return `consul from ${c.module}@${c.version} (commit ${info.Origin?.Hash?.slice(0, 8) ?? '?'}): ${version}`;
  });
}

// ---------------------------------------------------------------------------------------------
// Kafka jars from Maven Central

export const KAFKA = {
  version: '4.1.1',
  /** log4j2 as Kafka 4.1.1's build resolves it; the slf4j binding and 1.x bridge the distribution ships. */
  log4j: '2.24.3',
};

function kafkaPom(): string {
  const dep = (g: string, a: string, v: string) => `    <dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>`;
  return [
    '<project xmlns="http://maven.apache.org/POM/4.0.0">',
    '  <modelVersion>4.0.0</modelVersion>',
    '  <groupId>datalab.e2e</groupId><artifactId>kafka-standin-libs</artifactId><version>1</version><packaging>pom</packaging>',
    '  <dependencies>',
    dep('org.apache.kafka', 'kafka_2.13', KAFKA.version),
    dep('org.apache.kafka', 'kafka-tools', KAFKA.version),
    dep('org.apache.logging.log4j', 'log4j-slf4j-impl', KAFKA.log4j),
    dep('org.apache.logging.log4j', 'log4j-1.2-api', KAFKA.log4j),
    '  </dependencies>',
    '</project>',
    '',
  ].join('\n');
}

export async function kafkaArtifact(log: (l: string) => void): Promise<Artifact> {
  const dir = artifactDir('kafka', KAFKA.version);
  const libs = join(dir, 'libs');
  const pom = kafkaPom();
  return cached(dir, `maven runtime closure of\n${pom}`, { libs }, async () => {
    const logFile = join(logDir(), 'kafka-maven.log');
    log(`kafka: mvn dependency:copy-dependencies (kafka_2.13 + kafka-tools ${KAFKA.version}) (log: ${logFile})`);
    const resolve = join(dir, 'resolve');
    mkdirSync(resolve, { recursive: true });
    writeFileSync(join(resolve, 'pom.xml'), pom);
    rmSync(`${libs}.tmp`, { recursive: true, force: true });
    await run('mvn', ['-B', '-q', 'dependency:copy-dependencies', '-DincludeScope=runtime', `-DoutputDirectory=${libs}.tmp`], { cwd: resolve, logFile });
    for (const need of [`kafka_2.13-${KAFKA.version}.jar`, `kafka-tools-${KAFKA.version}.jar`, `kafka-clients-${KAFKA.version}.jar`]) {
      if (!fileExists(join(`${libs}.tmp`, need))) throw new Error(`maven did not resolve ${need}`);
    }
    rmSync(libs, { recursive: true, force: true });
    renameSync(`${libs}.tmp`, libs);
    const jars = listFiles(libs);
    writeFileSync(join(dir, 'jars.txt'), `${jars.join('\n')}\n`);
    return `kafka ${KAFKA.version}: ${jars.length} jars from Maven Central`;
  });
}

// --- Spark

/**
 * Spark's binary distribution is published on Apache's download mirrors, which this machine does
 * not reach; PyPI's pyspark sdist is built from that same distribution and carries its jars (253,
 * Hadoop 3.3.4 client included), bin/ and part of sbin/, the Python package and py4j. Pinned by
 * the sdist's sha256 so pip verifies what it fetched.
 */
export const SPARK = {
  version: '3.5.7',
  hadoop: '3.3.4',
  py4j: '0.10.9.7',
  sdistSha256: '80e36514e0c5c126d35a26adf4f405cd4a69de96a8ea8a3c1e9a65fce2fb4eaa',
};

export async function sparkArtifact(log: (l: string) => void): Promise<Artifact> {
  const s = SPARK;
  const dir = artifactDir('spark', s.version);
  const dist = join(dir, 'dist');
  const recipe = `pip download pyspark==${s.version} --hash=sha256:${s.sdistSha256}; jars bin sbin python/pyspark python/lib`;
  return cached(dir, recipe, { dist }, async () => {
    const logFile = join(logDir(), 'spark-pip.log');
    log(`spark: pip download pyspark==${s.version} (the sdist, about 318 MB) (log: ${logFile})`);
    const download = join(dir, 'download');
    mkdirSync(download, { recursive: true });
    const req = join(download, 'requirements.txt');
    writeFileSync(req, `pyspark==${s.version} --hash=sha256:${s.sdistSha256}\n`);
    await run('python3', ['-m', 'pip', 'download', '--no-deps', '--no-binary', ':all:', '--require-hashes', '-r', req, '-d', download], { logFile });
    const sdist = join(download, `pyspark-${s.version}.tar.gz`);
    if (!fileExists(sdist)) throw new Error(`pip did not leave ${sdist}`);

    const unpack = join(dir, 'unpack');
    rmSync(unpack, { recursive: true, force: true });
    mkdirSync(unpack, { recursive: true });
    await run('tar', ['-xzf', sdist, '-C', unpack, '--strip-components=1'], { logFile });
    // The distribution's layout: /opt/spark/{jars,bin,sbin,python/pyspark,python/lib/*.zip,RELEASE}.
    const out = `${dist}.tmp`;
    rmSync(out, { recursive: true, force: true });
    mkdirSync(join(out, 'python', 'lib'), { recursive: true });
    for (const d of ['jars', 'bin', 'sbin']) renameSync(join(unpack, 'deps', d), join(out, d));
    for (const f of readdirSync(join(out, 'bin')).filter((n) => n.endsWith('.cmd'))) rmSync(join(out, 'bin', f));
    renameSync(join(unpack, 'pyspark'), join(out, 'python', 'pyspark'));
    copyFileSync(join(unpack, 'lib', `py4j-${s.py4j}-src.zip`), join(out, 'python', 'lib', `py4j-${s.py4j}-src.zip`));
    // python/lib/pyspark.zip is what spark-submit puts on a Python driver's and executor's path.
    await run('python3', ['-c', 'import shutil,sys; shutil.make_archive(sys.argv[1], "zip", sys.argv[2], "pyspark")', join(out, 'python', 'lib', 'pyspark'), join(out, 'python')], { logFile });
    writeFileSync(join(out, 'RELEASE'), `Spark ${s.version} built for Hadoop ${s.hadoop}\n(stand-in: the distribution as the PyPI pyspark ${s.version} sdist carries it)\n`);
    for (const need of [`jars/spark-core_2.12-${s.version}.jar`, `jars/hadoop-client-runtime-${s.hadoop}.jar`, 'bin/spark-class', 'bin/spark-submit', 'sbin/spark-daemon.sh']) {
      if (!fileExists(join(out, need))) throw new Error(`pyspark ${s.version} sdist has no ${need}`);
    }
    rmSync(dist, { recursive: true, force: true });
    renameSync(out, dist);
    rmSync(unpack, { recursive: true, force: true });
    const jars = listFiles(join(dist, 'jars'));
    return `spark ${s.version}: ${jars.length} jars, bin, sbin and python from the pyspark sdist`;
  });
}
