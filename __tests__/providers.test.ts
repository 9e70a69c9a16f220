import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateAll, SCHEMA_DIR } from '../scripts/gen-providers';
import { GENERATED_PROVIDERS } from '../scripts/providers';

const ROOT = path.join(__dirname, '..');

function listFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name)).map((f) => path.join(e.name, f)) : [e.name]))
    .sort();
}

describe('generated provider bindings', () => {
  let outDir: string;
  beforeAll(async () => {
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-gen-'));
    await generateAll(outDir);
  });
  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it.each(GENERATED_PROVIDERS.map((p) => p.name))('regenerating %s from its schema yields byte-identical files', (name) => {
    const committed = path.join(ROOT, '.gen', 'providers', name);
    const fresh = path.join(outDir, 'providers', name);
    const files = listFiles(committed);
    expect(listFiles(fresh)).toEqual(files);
    const differing = files.filter((f) => !fs.readFileSync(path.join(committed, f)).equals(fs.readFileSync(path.join(fresh, f))));
    expect(differing).toEqual([]);
  });

  it('pins the short registry source and exact version in the bindings, as cdktf get does', () => {
    for (const p of GENERATED_PROVIDERS) {
      const src = fs.readFileSync(path.join(ROOT, '.gen', 'providers', p.name, 'provider', 'index.ts'), 'utf8');
      expect(src).toContain(`terraformProviderSource: '${p.source}'`);
      expect(src).toContain(`providerVersion: '${p.version}'`);
    }
  });

  it('lists the same providers and versions in cdktf.json, so cdktf get on a connected machine matches', () => {
    const cdktf = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')) as { terraformProviders: string[] };
    expect([...cdktf.terraformProviders].sort()).toEqual(GENERATED_PROVIDERS.map((p) => `${p.source}@${p.version}`).sort());
  });

  it('keeps a project copy of every schema it generates from or validates against', () => {
    for (const name of [...GENERATED_PROVIDERS.map((p) => p.name), 'docker']) {
      const schema = JSON.parse(fs.readFileSync(path.join(SCHEMA_DIR, `${name}.json`), 'utf8')) as { provider_schemas: Record<string, unknown> };
      expect(Object.keys(schema.provider_schemas)).toHaveLength(1);
    }
  });
});
