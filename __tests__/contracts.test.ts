import * as fs from 'node:fs';
import * as path from 'node:path';
import { DockerProvider } from '@cdktf/provider-docker/lib/provider';
import { Volume } from '@cdktf/provider-docker/lib/volume';
import { Testing, TerraformStack } from 'cdktf';
import { synthStacks } from '../policy/gate';
import { SynthStack } from '../policy/resources';
import { compareContract, contractFor, StatefulContract } from '../policy/stateful';
import { ENVS, MINIO_ENVS, platformFor } from './helpers';

const contractOf = (env: string) => JSON.parse(fs.readFileSync(path.join(__dirname, 'contracts', `${env}.stateful.json`), 'utf8')) as StatefulContract;

describe.each(ENVS)('the stateful contract of %s', (env) => {
  const stacks = synthStacks(platformFor(env).app);
  const diff = compareContract(contractOf(env), stacks);

  it('still finds every stateful resource at its address (rename without moved block = data loss)', () => {
    expect(diff.missing).toEqual([]);
  });

  it('lists every stateful resource synthesized now (run npm run contracts:update for deliberate additions)', () => {
    expect(diff.added).toEqual([]);
  });

  it('covers volumes, buckets, topics and the data containers of what is synthesized now', () => {
    const contract = contractFor(env, stacks);
    const kinds = new Set(contract.resources.map((r) => r.kind));
    expect([...kinds]).toEqual(expect.arrayContaining(['data container', 'docker_volume', 'kafka_topic']));
    // MinIO buckets are Terraform resources; SeaweedFS buckets live on its data volume, pinned here,
    // and its provisioner never deletes a bucket that holds data.
    expect(kinds.has('minio_s3_bucket')).toBe(MINIO_ENVS.includes(env));
    const paths = contract.resources.map((r) => r.path);
    expect(paths).toEqual(expect.arrayContaining(['core/kafka/volume-data', 'core/kafka/container', 'core/topics/events/Resource']));
    if (!MINIO_ENVS.includes(env)) expect(paths).toEqual(expect.arrayContaining(['core/seaweedfs/volume-data', 'core/seaweedfs/container']));
  });
});

describe('comparing a contract', () => {
  const stacks = synthStacks(platformFor('dev').app);
  const contract = contractFor('dev', stacks);
  const renamed = (): SynthStack[] =>
    stacks.map((s) => {
      if (s.name !== 'core') return s;
      const json = JSON.parse(JSON.stringify(s.json));
      const vols = json.resource.docker_volume;
      const old = Object.keys(vols).find((k) => k.startsWith('minio_volume-data_'))!;
      vols['minio_volume-store_00000000'] = vols[old];
      delete vols[old];
      return { name: s.name, json };
    });

  it('names a stateful resource renamed without a moved block, and the likely new address', () => {
    const diff = compareContract(contract, renamed());
    expect(diff.missing).toEqual([
      expect.stringMatching(
        /^core\/docker_volume\.minio_volume-data_[A-F0-9]{8} \(core\/minio\/volume-data\) \[docker_volume\] disappeared or was renamed without a moved block; renamed to core\/docker_volume\.minio_volume-store_00000000\? add newResource\.moveFromId\("docker_volume\.minio_volume-data_[A-F0-9]{8}"\); if deliberate/,
      ),
    ]);
    expect(diff.added).toEqual(['core/docker_volume.minio_volume-store_00000000 (core/minio/volume-data) [docker_volume]']);
  });

  it('accepts the rename when the stack carries a moved block for it', () => {
    const old = contract.resources.find((r) => r.path === 'core/minio/volume-data')!.address.replace('core/', '');
    const withMove = renamed().map((s) => (s.name !== 'core' ? s : { name: s.name, json: { ...s.json, moved: [{ from: old, to: 'docker_volume.minio_volume-store_00000000' }] } }));
    const diff = compareContract(contract, withMove);
    expect(diff.missing).toEqual([]);
    expect(diff.moved).toEqual([`core/${old} → core/docker_volume.minio_volume-store_00000000`]);
  });

  it('reads the moved blocks cdktf writes for moveFromId', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'core');
    new DockerProvider(stack, 'docker', {});
    new Volume(stack, 'store', { name: 'x' }).moveFromId('docker_volume.data');
    const c: StatefulContract = { environment: 'dev', note: '', resources: [{ address: 'core/docker_volume.data', kind: 'docker_volume' }] };
    expect(compareContract(c, synthStacks(app)).moved).toEqual(['core/docker_volume.data → core/docker_volume.store']);
  });
});
