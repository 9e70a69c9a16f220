import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnvironment } from '../config/loader';
import { providerModules } from '../scripts/bench/floor-modules';
import { graphShape } from '../scripts/bench/graph';
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

describe('the floor loads the same provider modules as the app', () => {
  test('every provider import of the sources is listed', () => {
    const mods = providerModules(ROOT);
    expect(mods).toContain('@cdktf/provider-docker/lib/container');
    expect(mods.some((m) => m.endsWith('.gen/providers/minio/s3-bucket'))).toBe(true);
    // deep imports only: a whole-provider import would load hundreds of modules
    expect(mods).not.toContain('@cdktf/provider-docker');
  });
});
