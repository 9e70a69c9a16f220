/**
 * The stand-in images (e2e/images) must carry the names the stacks run, or the smoke tests and the
 * e2e would exercise something the platform does not use; and the npm licence check of the
 * Prometheus UI build must refuse what the project may not ship. Nothing is built or run.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironment } from '../config/loader';
import { checkNpmLicences } from '../e2e/images/artifacts';
import { STAND_INS } from '../e2e/images';
import { discoverImages, environmentBuildArgs, readVariant } from '../scripts/pins/images';

const ROOT = join(__dirname, '..');

describe('stand-in images', () => {
  const images = STAND_INS.map((s) => s.image);

  it.each(['dev', 'e2e'])('stand in for the Prometheus and PostgreSQL images of %s', (name) => {
    const env = loadEnvironment(name);
    expect(images).toContain(env.monitoring!.prometheus.image);
    expect(images).toContain(env.ml!.postgres.image);
  });

  it('stand in for the Python bases of the project images the e2e builds', () => {
    const args = environmentBuildArgs(loadEnvironment('e2e'));
    const bases = discoverImages(ROOT)
      .filter((img) => args.has(img.image))
      .map((img) => readVariant(ROOT, img, args.get(img.image)!, ['e2e'])!.from)
      .filter((from) => from.startsWith('python:'));
    expect(bases.sort()).toEqual(['python:3.10-slim-bookworm', 'python:3.12-slim-bookworm']);
    for (const b of bases) expect(images).toContain(b);
  });

  it('are built under distinct names', () => {
    expect(new Set(STAND_INS.map((s) => s.name)).size).toBe(STAND_INS.length);
    expect(new Set(images).size).toBe(images.length);
  });
});

describe('checkNpmLicences', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'npm-licences-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const pkg = (path: string, name: string, license: unknown) => {
    mkdirSync(join(dir, path), { recursive: true });
    writeFileSync(join(dir, path, 'package.json'), JSON.stringify({ name, version: '1.0.0', license }));
  };

  it('counts every package, scoped and nested ones included, when all are open-source', () => {
    pkg('node_modules/react', 'react', 'MIT');
    pkg('node_modules/@mantine/core', '@mantine/core', 'MIT');
    pkg('node_modules/react/node_modules/loose-envify', 'loose-envify', { type: 'BSD-3-Clause' });
    expect(checkNpmLicences(join(dir, 'node_modules'))).toBe(3);
  });

  it('refuses an AGPL package even when nested under a scope, naming it', () => {
    pkg('node_modules/react', 'react', 'MIT');
    pkg('node_modules/@x/ui/node_modules/grafana-thing', 'grafana-thing', 'AGPL-3.0-only');
    expect(() => checkNpmLicences(join(dir, 'node_modules'))).toThrow(/grafana-thing@1\.0\.0: "AGPL-3\.0-only"/);
  });

  it('refuses source-available licences (BUSL, SSPL)', () => {
    pkg('node_modules/a', 'a', 'BUSL-1.1');
    pkg('node_modules/b', 'b', 'SSPL-1.0');
    expect(() => checkNpmLicences(join(dir, 'node_modules'))).toThrow(/a@1\.0\.0[\s\S]*b@1\.0\.0/);
  });
});
