/**
 * The browser the visualization step looks at Streamlit with: Debian's `chromium`, driven by
 * playwright-core (a devDependency, which downloads no browser of its own). Installed with apt-get
 * when missing, as the engine installs docker.io (e2e/lib/engine.ts); a machine without it and
 * without apt-get cannot run the step, which then fails saying so (never a silent skip).
 */
import * as path from 'node:path';
import { cacheDir } from '../lib/cache';
import { capture, CommandError, run, which } from '../lib/exec';
import { log, UserFacingError } from '../lib/log';

/** Debian's package and the binary it installs. */
export const CHROMIUM_PACKAGE = 'chromium';
export const CHROMIUM_BINARY = '/usr/bin/chromium';

export interface Browser {
  readonly executable: string;
  /** `chromium --version`, for the report. */
  readonly version: string;
  readonly installed: boolean;
}

export async function ensureChromium(env: NodeJS.ProcessEnv = process.env): Promise<Browser> {
  let installed = false;
  if (!which(CHROMIUM_BINARY, env)) {
    if (!which('apt-get', env)) throw new UserFacingError(`${CHROMIUM_BINARY} is missing and apt-get is not available to install Debian's ${CHROMIUM_PACKAGE}`, 2);
    const logFile = path.join(cacheDir('logs'), 'chromium-apt.log');
    log(`  installing Debian's ${CHROMIUM_PACKAGE} (log: ${logFile})`);
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    try {
      await run('apt-get', ['update'], { env: aptEnv, logFile, timeoutMs: 10 * 60_000 });
      await run('apt-get', ['install', '-y', '--no-install-recommends', CHROMIUM_PACKAGE, 'fonts-dejavu-core'], { env: aptEnv, logFile, timeoutMs: 20 * 60_000 });
    } catch (err) {
      throw new UserFacingError(`installing ${CHROMIUM_PACKAGE}: ${err instanceof CommandError ? `${err.command} failed (${err.reason}), see ${logFile}` : String(err)}`, 2);
    }
    installed = true;
  }
  const version = (await capture(CHROMIUM_BINARY, ['--version'], { env, timeoutMs: 60_000 })).trim();
  return { executable: CHROMIUM_BINARY, version, installed };
}
