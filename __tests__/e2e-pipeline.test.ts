import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { epochMicros, eventCopies, expectedGold, expectedSilver, firstBatch, secondBatch } from '../e2e/scenario/events';
import { jarPathOf, mavenPort, resolveInside, serveRepository } from '../e2e/scenario/maven-mirror';
import { e2eImageVariants, projectImageJars } from '../e2e/scenario/project-images';
import { checkTables, summarize } from '../e2e/scenario/pipeline';

const ROOT = path.resolve(__dirname, '..');

function rawStatus(port: number, requestPath: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: requestPath, method: 'GET' }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
const US = 1_000_000;

describe('the pipeline steps\' expected tables (computed from the produced events, not by the jobs)', () => {
  const silver = expectedSilver(firstBatch('t'));

  it('keeps one row per well-formed event id, the first delivery, and drops malformed messages', () => {
    expect(silver.map((r) => r.event_id)).toEqual(['t-a1', 't-a2', 't-a3', 't-a4', 't-a5', 't-a6', 't-a7']);
    expect(silver.find((r) => r.event_id === 't-a1')!.value).toBe(1.5);
  });

  it('normalises the type, keeps a wrong-typed value as unknown and a missing user as null, and dates by UTC', () => {
    const a2 = silver.find((r) => r.event_id === 't-a2')!;
    expect(a2).toMatchObject({ event_type: 'click', event_date: '2026-11-02', occurred_at: Date.UTC(2026, 10, 2, 1, 30) * 1000 });
    expect(silver.find((r) => r.event_id === 't-a3')).toMatchObject({ value: null, event_type: 'view', occurred_at: Date.UTC(2026, 10, 1, 12) * 1000 + 123456 });
    expect(silver.find((r) => r.event_id === 't-a4')).toMatchObject({ user_id: null, event_type: 'view', event_date: '2026-10-31' });
  });

  it('aggregates per day and type: events, distinct known users, value sum (null when none), latest time', () => {
    expect(expectedGold(silver)).toEqual([
      { event_date: '2026-10-31', event_type: 'view', events: 1, distinct_users: 0, value_sum: 4, last_event_at: Date.UTC(2026, 9, 31, 8) * 1000 },
      { event_date: '2026-11-01', event_type: 'click', events: 1, distinct_users: 1, value_sum: 1.5, last_event_at: Date.UTC(2026, 10, 1, 10) * 1000 },
      { event_date: '2026-11-01', event_type: 'purchase', events: 2, distinct_users: 1, value_sum: 10.75, last_event_at: Date.UTC(2026, 10, 1, 18) * 1000 },
      { event_date: '2026-11-01', event_type: 'view', events: 2, distinct_users: 1, value_sum: null, last_event_at: Date.UTC(2026, 10, 1, 12) * 1000 + 123456 },
      { event_date: '2026-11-02', event_type: 'click', events: 1, distinct_users: 1, value_sum: 2.25, last_event_at: Date.UTC(2026, 10, 2, 1, 30) * 1000 },
    ]);
  });

  it('ignores a later re-delivery of a known event and adds the new ones', () => {
    const both = expectedSilver([...firstBatch('t'), ...secondBatch('t')]);
    expect(both.map((r) => r.event_id)).toEqual(['t-a1', 't-a2', 't-a3', 't-a4', 't-a5', 't-a6', 't-a7', 't-b1', 't-b2']);
    expect(both.find((r) => r.event_id === 't-a2')!.value).toBe(2.25);
  });

  it('scales the first set by DATALAB_E2E_EVENT_COPIES, each copy its own events', () => {
    expect(eventCopies({})).toBe(1);
    expect(eventCopies({ DATALAB_E2E_EVENT_COPIES: '100' })).toBe(100);
    expect(() => eventCopies({ DATALAB_E2E_EVENT_COPIES: '0' })).toThrow(/DATALAB_E2E_EVENT_COPIES="0" must be a whole number from 1 to 1000/);
    const two = [...firstBatch('t'), ...firstBatch('tc1')];
    expect(expectedSilver(two)).toHaveLength(14);
    expect(expectedGold(expectedSilver(two)).find((g) => g.event_type === 'purchase')).toMatchObject({ events: 4, distinct_users: 1, value_sum: 21.5 });
  });

  it('reads ISO 8601 times with Z or an offset and up to six fraction digits, and nothing else', () => {
    expect(epochMicros('1970-01-01T00:00:01.5Z')).toBe(1.5 * US);
    expect(epochMicros('1970-01-01T01:00:00+01:00')).toBe(0);
    expect(epochMicros('yesterday')).toBeUndefined();
    expect(epochMicros('2026-11-01T10:00:00')).toBeUndefined();
    expect(epochMicros(5)).toBeUndefined();
  });

  it('lists every difference between the lake\'s tables and the expected ones', () => {
    const rows = silver.map((r) => ({ ...r }));
    const gold = expectedGold(silver).map((g) => ({ ...g }));
    const read = (bronzeRows: number, g = gold) => ({
      bronze: { version: 0, rows: Array.from({ length: bronzeRows }, () => ({ run_id: '1' })), files: [] },
      silver: { version: 0, rows, files: [] },
      gold: { version: 0, rows: g, files: [] },
    });
    expect(checkTables(summarize(read(15)), firstBatch('t'), 15)).toEqual({ silver: 7, gold: 5 });
    const wrongGold = gold.map((g, i) => (i === 2 ? { ...g, value_sum: 10.5 } : g));
    expect(() => checkTables(summarize(read(14, wrongGold)), firstBatch('t'), 15)).toThrow(/bronze: 14 rows, expected 15[\s\S]*gold 2026-11-01\/purchase: .*"value_sum":10.5.*expected .*"value_sum":10.75/);
  });
});

describe('the Maven mirror of the e2e', () => {
  it('takes the jars from every project image the e2e builds (the check:pins reader), each once, not from a list of its own', () => {
    const jars = projectImageJars(ROOT).map(jarPathOf);
    const variants = e2eImageVariants(ROOT);
    expect(variants.map((v) => v.image)).toEqual(expect.arrayContaining(['images/spark', 'images/jupyterhub', 'apps/streamlit']));
    for (const v of variants) expect(jars).toEqual(expect.arrayContaining(v.jars.map(jarPathOf)));
    expect(new Set(jars).size).toBe(jars.length);
    const listed = (image: string) => (fs.readFileSync(path.join(ROOT, image, 'Dockerfile'), 'utf8').match(/"[^"\s]+\.jar" \\/g) ?? []).length;
    expect(variants.find((v) => v.image === 'images/jupyterhub')!.jars.length).toBe(listed('images/jupyterhub'));
    expect(jars).toContain('io/delta/delta-spark_2.12/3.3.1/delta-spark_2.12-3.3.1.jar');
  });

  it('refuses paths outside the repository', () => {
    expect(resolveInside('/srv/repo', '/io/delta/x.jar')).toBe('/srv/repo/io/delta/x.jar');
    for (const bad of ['/../etc/passwd', '/io/../../etc/passwd', '/%2e%2e/etc/passwd', '/a%00b', 'relative', '/%E0%A4%A']) expect(resolveInside('/srv/repo', bad)).toBeUndefined();
  });

  it('serves files read-only: GET and HEAD, nothing else, nothing outside', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'maven-mirror-'));
    fs.mkdirSync(path.join(dir, 'g'));
    fs.writeFileSync(path.join(dir, 'g', 'a.jar'), 'jar');
    fs.writeFileSync(path.join(os.tmpdir(), 'maven-mirror-secret.txt'), 'secret');
    const port = 20000 + Math.floor(Math.random() * 20000);
    const m = await serveRepository(dir, '127.0.0.1', port);
    try {
      expect(await (await fetch(`${m.url}/g/a.jar`)).text()).toBe('jar');
      expect((await fetch(`${m.url}/g/a.jar`, { method: 'HEAD' })).status).toBe(200);
      expect((await fetch(`${m.url}/g/a.jar`, { method: 'PUT', body: 'x' })).status).toBe(405);
      // fetch would normalise the dot segments away: send the raw request paths.
      for (const raw of ['/%2e%2e/maven-mirror-secret.txt', '/../maven-mirror-secret.txt', '/g/../../maven-mirror-secret.txt']) expect(await rawStatus(port, raw)).toBe(403);
      expect((await fetch(`${m.url}/g/missing.jar`)).status).toBe(404);
      expect((await fetch(`${m.url}/g`)).status).toBe(404);
    } finally {
      await m.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('listens on 18081 unless DATALAB_E2E_MAVEN_PORT says otherwise, and rejects a bad port', () => {
    expect(mavenPort({})).toBe(18081);
    expect(mavenPort({ DATALAB_E2E_MAVEN_PORT: '19000' })).toBe(19000);
    expect(() => mavenPort({ DATALAB_E2E_MAVEN_PORT: 'x' })).toThrow(/DATALAB_E2E_MAVEN_PORT="x" must be a port number/);
  });
});
