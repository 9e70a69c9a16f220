/**
 * cdktf's per-token stack traces: off in the bundled app and in tests (bin/app.js swaps the module
 * that captures them), on when debugging. Through public cdktf API only: a token's creationStack.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Lazy, Token, Tokenization } from 'cdktf';
import { ROOT } from './app-command';

const ENTRY = path.join('__tests__', 'fixtures', 'entries', 'token-trace.ts');

describe('cdktf token stack traces', () => {
  it('are not recorded for tokens made in a test, and the tokens still work', () => {
    const value = Lazy.stringValue({ produce: () => 'x' });
    expect(Token.isUnresolved(value)).toBe(true);
    expect(Tokenization.reverseString(value).firstToken!.creationStack).toEqual(process.env.DATALAB_DEBUG ? expect.arrayContaining([expect.any(String)]) : []);
  });

  describe('in the bundled app', () => {
    let buildDir: string;
    beforeAll(() => {
      buildDir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-build-'));
    });
    afterAll(() => fs.rmSync(buildDir, { recursive: true, force: true }));
    const run = (env: Record<string, string>) =>
      spawnSync(process.execPath, [path.join(ROOT, 'bin', 'app.js'), ENTRY], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, DATALAB_BUILD_DIR: buildDir, DATALAB_DEBUG: '', ...env } });

    it('are not recorded, and the output is the same', () => {
      const r = run({});
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('0 resolved\n');
    });

    it('are recorded when debugging (DATALAB_DEBUG=1: the sources through tsx, with cdktf own module)', () => {
      const r = run({ DATALAB_DEBUG: '1' });
      expect(r.stderr).toBe('');
      const [lines, out] = r.stdout.trim().split(' ');
      expect(Number(lines)).toBeGreaterThan(0);
      expect(out).toBe('resolved');
    });
  });
});
