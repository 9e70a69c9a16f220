/**
 * The Go steps the toolchain needs: download one module version, and build one main package.
 * Builds are static (CGO off), stripped and path-independent, one at a time: the machines have
 * two cores and other builds may be running.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CommandError, run, which } from '../lib/exec';
import { UserFacingError } from '../lib/log';
import type { License } from './versions';

export interface DownloadedModule {
  readonly path: string;
  readonly version: string;
  readonly dir: string;
  readonly sum: string;
  /** The commit the proxy recorded for this version, when it says. */
  readonly originHash?: string;
}

/** The Go platform of this machine, as in a provider mirror's `<os>_<arch>` folder. */
export function goPlatform(): string {
  const arch: Record<string, string> = { x64: 'amd64', arm64: 'arm64', ia32: '386', arm: 'arm' };
  return `${process.platform}_${arch[process.arch] ?? process.arch}`;
}

export function goBinary(env: NodeJS.ProcessEnv = process.env): string {
  const go = which('go', env) ?? which('/usr/local/go/bin/go', env);
  if (!go) throw new UserFacingError('the Go toolchain is needed to build OpenTofu and the providers: "go" is not on PATH', 2);
  return go;
}

/**
 * The environment for go commands. -modcacherw keeps the module cache deletable; GOTOOLCHAIN
 * stays local unless the caller chose otherwise, so a module asking for a newer Go fails loudly
 * instead of fetching a toolchain behind the user's back.
 */
export function goEnv(base: NodeJS.ProcessEnv = process.env, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const goflags = [base.GOFLAGS, '-modcacherw'].filter(Boolean).join(' ');
  return { ...base, GO111MODULE: 'on', CGO_ENABLED: '0', GOFLAGS: goflags, GOTOOLCHAIN: base.GOTOOLCHAIN || 'local', ...extra };
}

interface ModDownloadJson {
  readonly Path: string;
  readonly Version: string;
  readonly Dir?: string;
  readonly Sum?: string;
  readonly Error?: string;
  readonly Origin?: { readonly Hash?: string };
}

/**
 * `go mod download -json module@version`, from a folder outside any module. Checks the sum
 * against the pin; `checksumDb: false` skips the checksum database for this module only.
 */
export async function downloadModule(module: string, version: string, expectedSum: string, opts: { readonly checksumDb: boolean; readonly cwd: string; readonly logFile: string }): Promise<DownloadedModule> {
  const extra: NodeJS.ProcessEnv = opts.checksumDb ? {} : { GONOSUMDB: [process.env.GONOSUMDB, module].filter(Boolean).join(',') };
  const result = await run(goBinary(), ['mod', 'download', '-json', `${module}@${version}`], { cwd: opts.cwd, env: goEnv(process.env, extra), okCodes: [0, 1], logFile: opts.logFile, timeoutMs: 20 * 60_000 });
  let info: ModDownloadJson;
  try {
    info = JSON.parse(result.stdout) as ModDownloadJson;
  } catch {
    throw new CommandError(`go mod download -json ${module}@${version}`, result.code, 'no JSON on stdout', result.stderr.trim().split('\n').slice(-10));
  }
  if (info.Error || !info.Dir || !info.Sum) throw new UserFacingError(`go mod download ${module}@${version}: ${info.Error ?? 'no Dir or Sum in the answer'}`);
  if (info.Sum !== expectedSum) throw new UserFacingError(`${module}@${version}: downloaded module has sum ${info.Sum}, the pin in e2e/toolchain/versions.ts says ${expectedSum}; not building it`);
  return { path: info.Path, version: info.Version, dir: info.Dir, sum: info.Sum, originHash: info.Origin?.Hash };
}

/**
 * Reads the LICENSE at the top of a source tree and refuses anything but the expected licence.
 * Only the head of the file is matched: a licence's title is there, while the MPL's own text
 * names the AGPL further down (as a "Secondary License").
 */
export function checkLicense(sourceDir: string, expected: License, what: string): void {
  const file = ['LICENSE', 'LICENSE.txt', 'LICENSE.md', 'COPYING'].map((f) => path.join(sourceDir, f)).find((f) => fs.existsSync(f));
  if (!file) throw new UserFacingError(`${what}: no LICENSE file in ${sourceDir}; not building it`);
  const head = fs.readFileSync(file, 'utf8').slice(0, 1000);
  // Refused whatever else the file says: copyleft over the network, or source-available terms.
  if (/GNU AFFERO GENERAL PUBLIC LICENSE|Business Source License|Server Side Public License/i.test(head)) {
    throw new UserFacingError(`${what}: ${file} is not an open-source licence this project builds (AGPL/BSL/SSPL); not building it`);
  }
  const matches = expected === 'MPL-2.0' ? /Mozilla Public License,? Version 2\.0/i.test(head) : /MIT License|Permission is hereby granted, free of charge/i.test(head);
  if (!matches) throw new UserFacingError(`${what}: ${file} does not read as ${expected}, which versions.ts expects; not building it`);
}

export interface GoBuild {
  /** Folder of the main module (the build runs there, so its go.mod replace directives apply). */
  readonly moduleDir: string;
  readonly mainPackage: string;
  readonly output: string;
  /** Extra linker arguments after -s -w (e.g. ['-X', 'main.version=1.2.3']). */
  readonly ldflags: readonly string[];
  readonly logFile: string;
}

/** One `go build`, output streamed to the log file only (a provider build prints little). */
export async function goBuild(b: GoBuild): Promise<void> {
  const ldflags = ['-s', '-w', ...b.ldflags].join(' ');
  // -mod=readonly: build exactly the go.sum the release had; -buildvcs=false: the source folder
  // may sit inside some other git work tree, or none.
  const args = ['build', '-mod=readonly', '-trimpath', '-buildvcs=false', `-ldflags=${ldflags}`, '-o', b.output, b.mainPackage];
  await run(goBinary(), args, { cwd: b.moduleDir, env: goEnv(), logFile: b.logFile, timeoutMs: 60 * 60_000 });
}

export async function goVersion(): Promise<string> {
  return (await run(goBinary(), ['env', 'GOVERSION'], { env: goEnv() })).stdout.trim();
}
