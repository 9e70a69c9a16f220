/**
 * The command cdktf.json gives the cdktf CLI as "app" (what `npx cdktf synth` runs), split for
 * spawnSync: tests that run the app run exactly that. `node` is this test's node.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..');

export function appCommand(): { cmd: string; args: string[] } {
  const { app } = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')) as { app: string };
  const [cmd, ...args] = app.trim().split(/\s+/);
  return { cmd: cmd === 'node' ? process.execPath : cmd, args };
}

/** The command of a package.json script (what `npm run <name>` runs), split likewise. */
export function npmScript(name: string): { cmd: string; args: string[] } {
  const { scripts } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
  const [cmd, ...args] = scripts[name].trim().split(/\s+/);
  return { cmd: cmd === 'node' ? process.execPath : cmd, args };
}
