import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseEnvironment } from '../config/loader';
import { providerModules } from '../scripts/bench/floor-modules';
import { graphShape } from '../scripts/bench/graph';
import { fileTimings } from '../scripts/bench/jest-files';
import { mergeDeploySection } from '../scripts/bench/report';
import { scaledConfigYaml } from '../scripts/bench/scale';
import { median, renderTable, spread } from '../scripts/bench/stats';

const ROOT = join(__dirname, '..');

describe('benchmark statistics', () => {
  test('median of odd and even samples, spread is half the range', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(spread([10, 14, 12])).toBe(2);
    expect(median([])).toBeNaN();
  });

  test('tables render as markdown with a separator row', () => {
    expect(renderTable(['a', 'b'], [['1', '2']])).toBe('| a | b |\n| --- | --- |\n| 1 | 2 |');
  });
});

describe('deploy-time shape of a stack', () => {
  const stack = {
    resource: {
      docker_image: { img: { name: 'x:1' } },
      docker_volume: { vol: { name: 'v' } },
      docker_container: {
        db: { image: '${docker_image.img.image_id}', volumes: [{ volume_name: '${docker_volume.vol.name}' }] },
        app: { image: '${docker_image.img.image_id}', env: ['DB=${docker_container.db.name}'] },
        // waits for db without using anything from it: serialized for no reason
        batch: { image: '${docker_image.img.image_id}', depends_on: ['docker_container.db'] },
      },
      consul_service: { app: { address: '${docker_container.app.network_data[0].ip_address}' } },
    },
  };

  test('depth is the longest chain of references and depends_on', () => {
    const g = graphShape(stack);
    expect(g.nodes).toBe(6);
    expect(g.depth).toBe(4);
    expect(g.criticalPath).toEqual(['docker_image.img', 'docker_container.db', 'docker_container.app', 'consul_service.app']);
  });

  test('containers that wait on a container they do not reference are reported, with what they wait for', () => {
    expect(graphShape(stack).startOrderWaits).toEqual(['docker_container.batch → docker_container.db']);
  });

  test('independent resources have depth 1', () => {
    expect(graphShape({ resource: { docker_volume: { a: {}, b: {} } } }).depth).toBe(1);
  });

  test('a dependency cycle is an error naming a resource on it', () => {
    const cyclic = { resource: { x: { a: { v: '${x.b.id}' }, b: { v: '${x.a.id}' } } } };
    expect(() => graphShape(cyclic)).toThrow(/dependency cycle through x\.[ab]/);
  });
});

describe('the 10× platform', () => {
  const dev = readFileSync(join(ROOT, 'config/dev.yaml'), 'utf8');
  const scaled = scaledConfigYaml(dev);
  const cfg = parseEnvironment(scaled.yaml, 'dev.yaml', 'dev');
  const base = parseEnvironment(dev, 'dev.yaml', 'dev');

  test('is a valid environment with ten times the buckets and topics', () => {
    expect(cfg.core.buckets).toHaveLength(base.core.buckets.length * 10);
    expect(cfg.core.topics).toHaveLength(base.core.topics.length * 10);
    expect(new Set(cfg.core.topics.map((t) => t.name)).size).toBe(cfg.core.topics.length);
  });

  test('runs stateless services at ten times their replicas and keeps stateful ones at one', () => {
    expect(cfg.core.kafkaUi?.replicas).toBe(10);
    expect(cfg.core.minio!.replicas).toBe(1);
  });
});

describe('the floor', () => {
  it('loads cdktf and nothing the project chose (no TypeScript runner, no provider bindings)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'datalab-floor-'));
    // Preloaded: lists every file node loaded, at exit (itself left out).
    const probe = join(dir, 'probe.cjs');
    writeFileSync(probe, 'process.on("exit", () => process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((f) => f !== __filename))));');
    const r = spawnSync(process.execPath, ['-r', probe, 'scripts/bench/floor.cjs'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CDKTF_OUTDIR: join(dir, 'out'), NODE_OPTIONS: '' } });
    rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(0);
    const loaded = (JSON.parse(r.stdout) as string[]).map((f) => f.slice(ROOT.length + 1));
    expect(loaded).toContain('node_modules/cdktf/lib/index.js');
    expect(loaded.filter((f) => f !== 'scripts/bench/floor.cjs' && !/^node_modules\/(cdktf|constructs)\//.test(f))).toEqual([]);
  });
});

describe('jest file timings', () => {
  it('gives each file its time from start to end and its test count, most expensive first', () => {
    const json = {
      testResults: [
        { name: '/p/__tests__/a.test.ts', startTime: 100, endTime: 350, assertionResults: [{}, {}] },
        { name: '/p/__tests__/b.test.ts', startTime: 100, endTime: 1100, assertionResults: [{}] },
      ],
    };
    expect(fileTimings(json, '/p')).toEqual([
      { file: '__tests__/b.test.ts', ms: 1000, tests: 1 },
      { file: '__tests__/a.test.ts', ms: 250, tests: 2 },
    ]);
  });
});

describe('rewriting docs/performance.md', () => {
  const next = '# Performance\n\n## Timings\n\nnew\n';

  it('keeps a "Deploy on a real engine" section of the previous file, unchanged', () => {
    const previous = '# Performance\n\n## Timings\n\nold\n\n## Deploy on a real engine\n\n| step | s |\n| apply | 42 |\n\n## Deploy-time shape (dev)\n\nold\n';
    expect(mergeDeploySection(next, previous)).toBe('# Performance\n\n## Timings\n\nnew\n\n## Deploy on a real engine\n\n| step | s |\n| apply | 42 |\n');
  });

  it('writes the new file as it is when the previous one has no such section', () => {
    expect(mergeDeploySection(next, '# Performance\n\n## Timings\n\nold\n')).toBe(next);
    expect(mergeDeploySection(next, '')).toBe(next);
  });
});

describe('the old floor (a diagnostic row) loads the same provider modules as the app', () => {
  test('every provider import of the sources is listed', () => {
    const mods = providerModules(ROOT);
    expect(mods).toContain('@cdktf/provider-docker/lib/container');
    expect(mods.some((m) => m.endsWith('.gen/providers/minio/s3-bucket'))).toBe(true);
    // deep imports only: a whole-provider import would load hundreds of modules
    expect(mods).not.toContain('@cdktf/provider-docker');
  });
});
