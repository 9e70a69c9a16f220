import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { integrityOf, lockedPackages, mirrorManifest, npmPort, packument, packumentPath, serveNpmRegistry, tarballPath } from '../e2e/scenario/npm-mirror';
import { projectImageNpmPackages } from '../e2e/scenario/project-images';

const ROOT = path.resolve(__dirname, '..');

describe('the npm mirror of the e2e', () => {
  it('serves what the images\' npm installs name, read from their Dockerfiles', () => {
    const wanted = projectImageNpmPackages(ROOT);
    const chp = /ARG CHP_VERSION=(\S+)/.exec(fs.readFileSync(path.join(ROOT, 'images', 'jupyterhub', 'Dockerfile'), 'utf8'))![1];
    expect(wanted).toEqual([{ image: 'images/jupyterhub', spec: expect.objectContaining({ name: 'configurable-http-proxy', pinned: chp }) }]);
  });

  it('takes every registry package of a lockfile once, aliases by their real name, and refuses one it cannot verify', () => {
    const lock = {
      packages: {
        '': { name: 'root' },
        'node_modules/a': { version: '1.0.0', integrity: 'sha512-a' },
        'node_modules/b/node_modules/a': { version: '2.0.0', integrity: 'sha512-a2' },
        'node_modules/c/node_modules/a': { version: '1.0.0', integrity: 'sha512-a' },
        'node_modules/@s/x': { version: '3.0.0', integrity: 'sha512-x' },
        'node_modules/alias': { name: 'real', version: '1.1.0', integrity: 'sha512-r' },
        'node_modules/linked': { link: true },
      },
    };
    expect(lockedPackages(lock).map((p) => `${p.name}@${p.version}`)).toEqual(['@s/x@3.0.0', 'a@1.0.0', 'a@2.0.0', 'real@1.1.0']);
    expect(() => lockedPackages({ packages: { 'node_modules/z': { version: '1.0.0' } } })).toThrow(/node_modules\/z has no version or integrity/);
  });

  it('builds packuments from npm view output: install fields only, tarball on the mirror, latest the highest release', () => {
    const viewed = {
      _id: 'a@1.2.0', name: 'a', version: '1.2.0', versions: ['1.0.0', '1.2.0', '9.9.9'], 'dist-tags': { latest: '9.9.9' }, readme: 'x',
      dependencies: { b: '^1' }, bin: { a: 'bin/a' }, engines: { node: '>=10' }, scripts: { postinstall: 'node x' },
      dist: { tarball: 'https://elsewhere/a/-/a-1.2.0.tgz', integrity: 'sha512-i', shasum: 's', signatures: [] },
    };
    const m = mirrorManifest(viewed, 'http://gw:1/a/-/a-1.2.0.tgz');
    expect(m).toEqual({ name: 'a', version: '1.2.0', dependencies: { b: '^1' }, bin: { a: 'bin/a' }, engines: { node: '>=10' }, hasInstallScript: true, dist: { tarball: 'http://gw:1/a/-/a-1.2.0.tgz', integrity: 'sha512-i', shasum: 's' } });
    const doc = packument('a', [m, { ...m, version: '1.10.0' }, { ...m, version: '2.0.0-rc.1' }]);
    expect(doc['dist-tags']).toEqual({ latest: '1.10.0' });
    expect(Object.keys(doc.versions as object).sort()).toEqual(['1.10.0', '1.2.0', '2.0.0-rc.1']);
    expect(packumentPath('@s/x')).toBe('/@s%2fx');
    expect(tarballPath('@s/x', '3.0.0')).toBe('/@s/x/-/x-3.0.0.tgz');
  });

  it('serves packuments and tarballs read-only, 404 for anything it does not hold', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'npm-mirror-'));
    const add = (name: string, version: string) => {
      fs.mkdirSync(path.join(dir, 'meta', name), { recursive: true });
      fs.writeFileSync(path.join(dir, 'meta', name, `${version}.json`), JSON.stringify({ name, version, dist: { integrity: 'sha512-i' } }));
      const tgz = path.join(dir, 'tarballs', ...tarballPath(name, version).slice(1).split('/'));
      fs.mkdirSync(path.dirname(tgz), { recursive: true });
      fs.writeFileSync(tgz, `${name}-${version}`);
      return { name, version, integrity: integrityOf(tgz) };
    };
    const packages = [add('a', '1.0.0'), add('@s/x', '3.0.0')];
    const port = 20000 + Math.floor(Math.random() * 20000);
    const m = await serveNpmRegistry({ dir, roots: ['a@1.0.0'], packages }, '127.0.0.1', port);
    try {
      const a = (await (await fetch(`${m.url}/a`)).json()) as { versions: Record<string, { dist: { tarball: string } }> };
      expect(a.versions['1.0.0'].dist.tarball).toBe(`http://127.0.0.1:${port}/a/-/a-1.0.0.tgz`);
      expect(await (await fetch(a.versions['1.0.0'].dist.tarball)).text()).toBe('a-1.0.0');
      const x = (await (await fetch(`${m.url}/@s%2fx`)).json()) as { versions: Record<string, { dist: { tarball: string } }> };
      expect(await (await fetch(x.versions['3.0.0'].dist.tarball)).text()).toBe('@s/x-3.0.0');
      expect((await fetch(`${m.url}/left-pad`)).status).toBe(404);
      expect((await fetch(`${m.url}/a/-/a-9.9.9.tgz`)).status).toBe(404);
      expect((await fetch(`${m.url}/a`, { method: 'PUT', body: '{}' })).status).toBe(405);
      expect(m.served()).toMatchObject({ 200: 4, 404: 2, 405: 1 });
    } finally {
      await m.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('listens on 18083 (the PyPI mirror has 18082) unless DATALAB_E2E_NPM_PORT says otherwise, and rejects a bad port', () => {
    expect(npmPort({})).toBe(18083);
    expect(npmPort({ DATALAB_E2E_NPM_PORT: '19001' })).toBe(19001);
    expect(() => npmPort({ DATALAB_E2E_NPM_PORT: '80' })).toThrow(/DATALAB_E2E_NPM_PORT="80" must be a port number/);
  });
});
