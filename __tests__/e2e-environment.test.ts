import { loadEnvironment, parseEnvironment } from '../config/loader';
import { synthStacks } from '../policy/gate';
import { computeDelta, formatDeltaPath } from '../scripts/env-diff/delta';
import { devYamlWith, platformFor } from './helpers';

describe('the e2e environment', () => {
  it('differs from dev only where the acceptance suite must', () => {
    const delta = computeDelta(loadEnvironment('dev'), loadEnvironment('e2e'));
    expect(delta.differences.map((d) => [formatDeltaPath(d.path), d.b])).toEqual([
      // The lake on SeaweedFS, which the suite can build (MinIO is AGPL), sized as dev's MinIO.
      ['core.objectStore', 'seaweedfs'],
      ['core.minio', undefined],
      // MPL releases of Consul and consul-esm (later ones are under the BSL).
      ['core.consul.image', 'hashicorp/consul:1.14.3'],
      ['core.consulEsm.image', 'hashicorp/consul-esm:0.7.1'],
      // No open-source stand-in can be built for Kafka UI.
      ['core.kafkaUi.enabled', false],
      // SeaweedFS does not expire non-current versions.
      ['core.buckets[bronze].noncurrentExpireDays', undefined],
      ['core.seaweedfs', expect.objectContaining({ image: 'chrislusf/seaweedfs:4.53', memoryMb: loadEnvironment('dev').core.minio!.memoryMb, ports: { s3: { port: 9000 } } })],
      // No stand-in for NiFi either: 2.11.0 is not on Maven Central as these machines reach it.
      ['processing.nifi.enabled', false],
      // Grafana is AGPL: not built here, so no stand-in (its provisioning is checked offline).
      ['monitoring.grafana.enabled', false],
    ]);
  });
});

/** Leaf paths where two JSON values differ (`resource.docker_container.x.env[3]`). */
function differingPaths(a: unknown, b: unknown, at = ''): string[] {
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return JSON.stringify(a) === JSON.stringify(b) ? [] : [at];
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) => differingPaths((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], Array.isArray(a) ? `${at}[${k}]` : at ? `${at}.${k}` : k));
}

describe('switching an environment from MinIO to SeaweedFS', () => {
  const minio = loadEnvironment('dev');
  const seaweedfs = parseEnvironment(
    devYamlWith((d) => {
      d.setIn(['core', 'objectStore'], 'seaweedfs');
      d.setIn(['core', 'seaweedfs'], d.createNode({ image: 'chrislusf/seaweedfs:4.53', memoryMb: 1024, cpus: 1, ports: { s3: { port: 9000 } } }));
      d.deleteIn(['core', 'minio']);
      d.deleteIn(['core', 'buckets', 0, 'noncurrentExpireDays']);
    }),
    'config/dev.yaml',
    'dev',
  );
  const synth = (cfg: typeof minio) => Object.fromEntries(synthStacks(platformFor(cfg).app).map((s) => [s.name, s.json as Record<string, Record<string, Record<string, unknown>>>]));
  const before = synth(minio);
  const after = synth(seaweedfs);

  /** The consumer stacks without the MinIO identities, which live in core on SeaweedFS. */
  const withoutMinioIdentities = (json: Record<string, Record<string, unknown>>) => {
    const copy = JSON.parse(JSON.stringify(json)) as Record<string, Record<string, Record<string, unknown>>>;
    for (const type of Object.keys(copy.resource ?? {})) if (type.startsWith('minio_')) delete copy.resource[type];
    delete (copy.provider as Record<string, unknown>).minio;
    delete (copy.terraform.required_providers as Record<string, unknown>).minio;
    for (const c of Object.values(copy.resource?.docker_container ?? {})) {
      const deps = (c as { depends_on?: string[] }).depends_on;
      if (deps) (c as { depends_on?: string[] }).depends_on = deps.filter((d) => !d.startsWith('minio_iam_user_policy_attachment.'));
    }
    return copy;
  };

  it.each(['processing', 'ml', 'visualization'])('changes nothing in %s but the lake endpoint and the credentials handed out', (stack) => {
    const paths = differingPaths(withoutMinioIdentities(before[stack]), after[stack]);
    expect(paths.length).toBeGreaterThan(0);
    const allowed = (p: string) => {
      const [, type, , attr] = /^resource\.([a-z_]+)\.([^.]+)\.(.+)$/.exec(p) ?? [];
      if (type !== 'docker_container') return p.startsWith('data.terraform_remote_state.') || p.startsWith('output.');
      // env entries (keys, secrets, endpoints, and the hashes of files that name the endpoint) and uploaded files naming the endpoint or keys.
      return /^(env\[\d+\]|upload\[\d+\]\.content|command\[\d+\])$/.test(attr);
    };
    expect(paths.filter((p) => !allowed(p))).toEqual([]);
    // Every changed env entry is a credential, an endpoint or a content hash.
    for (const p of paths.filter((x) => /\.env\[\d+\]$/.test(x))) {
      const value = p.split('.').reduce<unknown>((o, k) => {
        const m = /^(.+)\[(\d+)\]$/.exec(k);
        return m ? (o as Record<string, unknown[]>)[m[1]][Number(m[2])] : (o as Record<string, unknown>)[k];
      }, after[stack]) as string;
      expect(value).toMatch(/^(AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_ENDPOINT_URL|MLFLOW_S3_ENDPOINT_URL|DATALAB_[A-Z_]*(HASH|SHA256)|DATALAB_JOB)=/);
    }
  });

  it('changes nothing in monitoring but the lake panel of the dashboard (Prometheus discovers the store through Consul)', () => {
    const paths = differingPaths(before.monitoring, after.monitoring).map((p) => p.replace(/_[A-F0-9]{8}\./, '.'));
    // The dashboard file, and the hash of the provisioning files in its env.
    expect(paths.sort()).toEqual(['resource.docker_container.grafana_container.env[8]', 'resource.docker_container.grafana_container.upload[2].content']);
    const env = (after.monitoring.resource.docker_container[Object.keys(after.monitoring.resource.docker_container).find((k) => k.startsWith('grafana_container_'))!] as { env: string[] }).env;
    expect(env[8]).toMatch(/^DATALAB_PROVISIONING_SHA256=/);
  });

  it('changes in core only the store: its server, buckets and identities, their registration and outputs', () => {
    const storeIds = /^(minio|seaweedfs|lake|minio-root-password|seaweedfs-admin-secret|seaweedfs-provisioner)[_-]/;
    const strip = (json: Record<string, Record<string, Record<string, unknown>>>) => {
      const copy = JSON.parse(JSON.stringify(json)) as Record<string, Record<string, Record<string, unknown>>>;
      for (const [type, byId] of Object.entries(copy.resource)) {
        for (const id of Object.keys(byId)) if (type.startsWith('minio_') || storeIds.test(id)) delete byId[id];
        if (Object.keys(byId).length === 0) delete copy.resource[type];
      }
      for (const name of Object.keys(copy.output ?? {})) if (/^(minio_|lake_|cross-stack-output-)/.test(name)) delete copy.output[name];
      delete (copy.provider as Record<string, unknown>).minio;
      delete (copy.terraform.required_providers as Record<string, unknown>).minio;
      delete (copy as Record<string, unknown>)['//']; // cdktf's metadata: construct paths of the outputs
      return copy;
    };
    expect(differingPaths(strip(before.core), strip(after.core))).toEqual([]);
    expect(Object.keys(after.core.resource.docker_container).filter((id) => storeIds.test(id)).map((id) => id.replace(/_[A-F0-9]{8}$/, '')).sort()).toEqual([
      'seaweedfs-provisioner_container',
      'seaweedfs-provisioner_files',
      'seaweedfs_container',
      'seaweedfs_files',
    ]);
  });
});
