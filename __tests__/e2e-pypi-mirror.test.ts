/**
 * The e2e's PyPI mirror: its requirement sets come from the Dockerfiles (the check:pins reader),
 * its index is PEP 503 as pip reads it, and its server answers a directory URL with the
 * directory's index page. No network beyond loopback, no pip.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { serveDirectory } from '../e2e/scenario/mirror-server';
import { projectOfWheel, pypiPort, requirementSets, writeSimpleIndex } from '../e2e/scenario/pypi-mirror';

const ROOT = path.resolve(__dirname, '..');

describe('the PyPI mirror of the e2e', () => {
  it('takes every requirement set from the Dockerfiles and requirements files the e2e builds, not from a list of its own', () => {
    const sets = new Map(requirementSets(ROOT).map((s) => [s.image, s.requirements]));
    expect(sets.get('images/mlflow')).toEqual(expect.arrayContaining(['psycopg2-binary==2.9.10', 'boto3==1.35.99']));
    expect(sets.get('images/jupyterhub')).toEqual(expect.arrayContaining(['jupyterhub==5.3.0', 'pyspark==3.5.7']));
    const streamlit = fs.readFileSync(path.join(ROOT, 'apps', 'streamlit', 'requirements.txt'), 'utf8');
    for (const r of sets.get('apps/streamlit') ?? []) expect(streamlit).toContain(r);
    expect(sets.get('apps/streamlit')?.length).toBeGreaterThan(0);
  });

  it('names the project of a wheel as PEP 503 normalises it, and nothing that is not a wheel', () => {
    expect(projectOfWheel('Jinja2-3.1.4-py3-none-any.whl')).toBe('jinja2');
    expect(projectOfWheel('psycopg2_binary-2.9.10-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl')).toBe('psycopg2-binary');
    expect(projectOfWheel('zope.interface-7.0-1-cp311-cp311-linux_x86_64.whl')).toBe('zope-interface');
    expect(projectOfWheel('pyspark-3.5.7.tar.gz')).toBeUndefined();
  });

  it('writes a simple index linking each wheel with its sha256, and serves a directory as its index page', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pypi-mirror-'));
    fs.mkdirSync(path.join(dir, 'files'));
    fs.writeFileSync(path.join(dir, 'files', 'Foo_Bar-1.0-py3-none-any.whl'), 'wheel');
    fs.writeFileSync(path.join(dir, 'files', 'foo_bar-1.1-py3-none-any.whl'), 'wheel 2');
    fs.writeFileSync(path.join(dir, 'files', 'baz-2.0-cp311-cp311-linux_x86_64.whl'), 'baz');
    expect(writeSimpleIndex(dir)).toEqual({ projects: 2, files: 3 });
    const port = 20000 + Math.floor(Math.random() * 20000);
    const m = await serveDirectory(dir, '127.0.0.1', port, 'PyPI mirror', 'DATALAB_E2E_PYPI_PORT');
    try {
      const root = await fetch(`${m.url}/simple/`);
      expect(root.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await root.text()).toMatch(/<a href="baz\/">baz<\/a>[\s\S]*<a href="foo-bar\/">foo-bar<\/a>/);
      const page = await (await fetch(`${m.url}/simple/foo-bar/`)).text();
      expect(page).toContain('href="../../files/Foo_Bar-1.0-py3-none-any.whl#sha256=');
      expect(page).toContain('href="../../files/foo_bar-1.1-py3-none-any.whl#sha256=');
      // What pip does with a link: resolve it against the page and check the hash.
      const link = /href="([^"]+)#sha256=([0-9a-f]{64})"/.exec(page)!;
      const wheel = await fetch(new URL(link[1], `${m.url}/simple/foo-bar/`));
      expect(await wheel.text()).toBe('wheel');
      expect(link[2]).toBe(createHash('sha256').update('wheel').digest('hex'));
      expect((await fetch(`${m.url}/simple/missing/`)).status).toBe(404);
    } finally {
      await m.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('listens on 18082 unless DATALAB_E2E_PYPI_PORT says otherwise', () => {
    expect(pypiPort({})).toBe(18082);
    expect(pypiPort({ DATALAB_E2E_PYPI_PORT: '19001' })).toBe(19001);
    expect(() => pypiPort({ DATALAB_E2E_PYPI_PORT: '80' })).toThrow(/DATALAB_E2E_PYPI_PORT="80" must be a port number/);
  });
});
