import * as fs from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { envConfigSchema, GROUP_NAMES } from '../config/schema';
import { unwrapSchema } from '../config/parse';

const DOCS = path.join(__dirname, '..', 'docs');
const SERVICE_KEYS = ['image', 'memoryMb', 'cpus', 'replicas', 'ports', 'volumes', 'waitTimeoutSeconds', 'public', 'enabled'];

const unwrap = unwrapSchema;

/** Every documented-worthy key: object keys, not the generic keys inside services. */
function keysOf(t: z.ZodType, trail: string[], out: { path: string; key: string }[]): void {
  const u = unwrap(t);
  if (u instanceof z.ZodArray) return keysOf(u.element as z.ZodType, [...trail, '[]'], out);
  if (u instanceof z.ZodDiscriminatedUnion) return u.options.forEach((o) => keysOf(o as z.ZodType, trail, out));
  if (!(u instanceof z.ZodObject)) return;
  const shape = u.shape as Record<string, z.ZodType>;
  const isService = 'image' in shape && 'memoryMb' in shape;
  for (const [k, v] of Object.entries(shape)) {
    if (isService && SERVICE_KEYS.includes(k)) continue;
    out.push({ path: [...trail, k].join('.'), key: k });
    if (!isService || !SERVICE_KEYS.includes(k)) keysOf(v, [...trail, k], out);
  }
}

describe('docs/configuration.md', () => {
  const configDoc = fs.readFileSync(path.join(DOCS, 'configuration.md'), 'utf8');
  const docFor = (top: string) =>
    (GROUP_NAMES as readonly string[]).includes(top) && top !== 'core' && fs.existsSync(path.join(DOCS, `${top}.md`))
      ? configDoc + fs.readFileSync(path.join(DOCS, `${top}.md`), 'utf8')
      : configDoc;

  it('documents every config key (group keys may live in the group doc)', () => {
    const keys: { path: string; key: string }[] = [];
    keysOf(envConfigSchema, [], keys);
    const missing = keys.filter(({ path: p, key }) => !new RegExp(`[\`.]${key}\``).test(docFor(p.split('.')[0]))).map((k) => k.path);
    expect(missing).toEqual([]);
  });

  it('documents every generic service key', () => {
    for (const k of SERVICE_KEYS) expect(configDoc).toContain(`| \`${k}\``);
  });
});

describe('README', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');

  it('gives the two quickstart commands that .ci/run runs', () => {
    const ci = fs.readFileSync(path.join(__dirname, '..', '.ci', 'run'), 'utf8');
    for (const cmd of ['npm ci && npx cdktf synth', 'npm test']) {
      expect(readme).toContain(cmd);
      expect(ci).toContain(cmd);
    }
  });

  it('names every npm command .ci/run runs', () => {
    const ci = fs.readFileSync(path.join(__dirname, '..', '.ci', 'run'), 'utf8');
    const commands = [...ci.matchAll(/^\s*(npm run [\w:-]+)/gm)].map((m) => m[1]);
    expect(commands).toEqual(expect.arrayContaining(['npm run check:pins', 'npm run test:jobs']));
    for (const cmd of commands) expect(readme).toContain(cmd);
  });

  it('links only to docs that exist', () => {
    for (const [, target] of readme.matchAll(/\]\((docs\/[^)#]+)/g)) {
      expect(fs.existsSync(path.join(__dirname, '..', target))).toBe(true);
    }
  });
});
