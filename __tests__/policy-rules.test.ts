import { DATALAB_RULES } from '../policy/pack';
import { bareReferences } from '../policy/rules/bare-references';
import { capabilitiesDropped } from '../policy/rules/capabilities-dropped';
import { noNewPrivileges } from '../policy/rules/no-new-privileges';
import { nonRootUser } from '../policy/rules/non-root-user';
import { readOnlyRootfs } from '../policy/rules/read-only-rootfs';
import { tmpfsBounded } from '../policy/rules/tmpfs-bounded';
import { templateLiterals, unescapedTemplates } from '../policy/rules/template-literals';
import { consulRegistered } from '../policy/rules/consul-registered';
import { credentialsReferenced, namesSecret } from '../policy/rules/credentials-referenced';
import { dataProtected } from '../policy/rules/data-protected';
import { healthCheck } from '../policy/rules/health-check';
import { imagePinned, unpinnedReason } from '../policy/rules/image-pinned';
import { loopbackPorts } from '../policy/rules/loopback-ports';
import { memoryLimit } from '../policy/rules/memory-limit';
import { notPrivileged } from '../policy/rules/not-privileged';
import { restartPolicy } from '../policy/rules/restart-policy';
import { logRotation } from '../policy/rules/log-rotation';
import { stopGrace } from '../policy/rules/stop-grace';
import { topicReplication } from '../policy/rules/topic-replication';
import { PolicyRule, RuleContext, SynthResource } from '../policy/types';

function res(type: string, config: Record<string, unknown>, name = 'x_1234ABCD'): SynthResource {
  return { stack: 'core', type, name, address: `core/${type}.${name}`, config };
}

const ctx = (over: Partial<RuleContext> = {}): RuleContext => ({
  environment: 'dev',
  protectData: false,
  publicServices: new Set(),
  brokerCount: 1,
  resources: [],
  ...over,
});

/** A container as DockerService renders it: compliant with every rule. */
function goodContainer(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'datalab-dev-minio',
    image: '${docker_image.minio_image_AD5394A6.image_id}',
    hostname: 'minio',
    networks_advanced: [{ name: 'net', aliases: ['minio'] }],
    healthcheck: { test: ['CMD', 'curl', '-f', 'http://localhost:9000/'] },
    memory: 1024,
    memory_swap: 1024,
    restart: 'unless-stopped',
    must_run: true,
    privileged: false,
    user: '1000:1000',
    read_only: true,
    security_opts: ['no-new-privileges:true'],
    capabilities: { drop: ['ALL'] },
    tmpfs: { '/tmp': 'size=64m,mode=1777,uid=1000,gid=1000' },
    labels: [{ label: 'datalab.service', value: 'minio' }],
    ports: [{ internal: 9000, external: 9000, ip: '127.0.0.1' }],
    env: ['MINIO_ROOT_USER=datalab-root', 'MINIO_ROOT_PASSWORD=${random_password.p.result}'],
    ...over,
  };
}

const registration = res('consul_service', { name: 'minio', service_id: 'minio', address: 'minio', check: [{ http: 'http://minio:9000/', interval: '10s' }] }, 'minio_registration_service_1');

function verdict(rule: PolicyRule, r: SynthResource, c: RuleContext = ctx()) {
  return rule.check(r, c).compliance;
}

describe('DL001 image-pinned', () => {
  it('accepts a version tag, a digest and an image id reference', () => {
    expect(verdict(imagePinned, res('docker_image', { name: 'apache/kafka:4.1.1' }))).toBe('compliant');
    expect(verdict(imagePinned, res('docker_image', { name: `redis@sha256:${'a'.repeat(64)}` }))).toBe('compliant');
    expect(verdict(imagePinned, res('docker_image', { name: 'localhost:5000/team/app:1.2' }))).toBe('compliant');
    expect(verdict(imagePinned, res('docker_container', goodContainer()))).toBe('not-applicable');
  });

  it('rejects latest, a missing tag (also behind a registry port) and a literal container image without tag', () => {
    expect(imagePinned.check(res('docker_image', { name: 'minio/minio:latest' }), ctx())).toEqual({ compliance: 'non-compliant', detail: 'image "minio/minio:latest": tag "latest" moves' });
    expect(verdict(imagePinned, res('docker_image', { name: 'minio/minio' }))).toBe('non-compliant');
    expect(unpinnedReason('localhost:5000/app')).toBe('no tag (Docker pulls "latest")');
    expect(verdict(imagePinned, res('docker_container', goodContainer({ image: 'nginx' })))).toBe('non-compliant');
  });
});

describe('DL002 health-check', () => {
  it('accepts a container with a test and ignores one-shot containers', () => {
    expect(verdict(healthCheck, res('docker_container', goodContainer()))).toBe('compliant');
    expect(verdict(healthCheck, res('docker_container', goodContainer({ healthcheck: undefined, must_run: false, restart: 'no' })))).toBe('not-applicable');
  });

  it('rejects a missing, empty or disabled health check', () => {
    expect(verdict(healthCheck, res('docker_container', goodContainer({ healthcheck: undefined })))).toBe('non-compliant');
    expect(verdict(healthCheck, res('docker_container', goodContainer({ healthcheck: [{ test: [] }] })))).toBe('non-compliant');
    expect(verdict(healthCheck, res('docker_container', goodContainer({ healthcheck: { test: ['NONE'] } })))).toBe('non-compliant');
  });
});

describe('DL003 memory-limit', () => {
  it('accepts a positive memory limit', () => {
    expect(verdict(memoryLimit, res('docker_container', goodContainer()))).toBe('compliant');
  });
  it('rejects a container without memory or with 0', () => {
    expect(verdict(memoryLimit, res('docker_container', goodContainer({ memory: undefined })))).toBe('non-compliant');
    expect(verdict(memoryLimit, res('docker_container', goodContainer({ memory: 0 })))).toBe('non-compliant');
  });
});

describe('DL004 restart-policy', () => {
  it('accepts unless-stopped, and restart "no" for a one-shot container', () => {
    expect(verdict(restartPolicy, res('docker_container', goodContainer()))).toBe('compliant');
    expect(verdict(restartPolicy, res('docker_container', goodContainer({ restart: 'no', must_run: false })))).toBe('compliant');
  });
  it('rejects an unset restart (provider default "no") and a restarting one-shot container', () => {
    expect(verdict(restartPolicy, res('docker_container', goodContainer({ restart: undefined })))).toBe('non-compliant');
    expect(verdict(restartPolicy, res('docker_container', goodContainer({ restart: 'always', must_run: false })))).toBe('non-compliant');
  });
});

describe('DL005 not-privileged', () => {
  it('accepts an unprivileged container with harmless capabilities', () => {
    expect(verdict(notPrivileged, res('docker_container', goodContainer({ capabilities: { add: ['NET_BIND_SERVICE'] } })))).toBe('compliant');
  });
  it('rejects privileged mode and SYS_ADMIN', () => {
    expect(verdict(notPrivileged, res('docker_container', goodContainer({ privileged: true })))).toBe('non-compliant');
    expect(verdict(notPrivileged, res('docker_container', goodContainer({ capabilities: [{ add: ['SYS_ADMIN'] }] })))).toBe('non-compliant');
  });
});

describe('DL006 loopback-ports', () => {
  const open = goodContainer({ ports: [{ internal: 9000, external: 9000, ip: '0.0.0.0' }] });
  it('accepts loopback bindings, and open bindings of a public service (config or label)', () => {
    expect(verdict(loopbackPorts, res('docker_container', goodContainer()))).toBe('compliant');
    expect(verdict(loopbackPorts, res('docker_container', open), ctx({ publicServices: new Set(['minio']) }))).toBe('compliant');
    expect(verdict(loopbackPorts, res('docker_container', { ...open, labels: [{ label: 'datalab.public', value: 'true' }] }))).toBe('compliant');
    expect(verdict(loopbackPorts, res('docker_container', goodContainer({ ports: undefined })))).toBe('not-applicable');
  });
  it('rejects 0.0.0.0 and an unset ip (which means every interface)', () => {
    expect(loopbackPorts.check(res('docker_container', open), ctx())).toEqual({
      compliance: 'non-compliant',
      detail: 'host port(s) 0.0.0.0:9000 of service "minio" leave loopback',
    });
    expect(verdict(loopbackPorts, res('docker_container', goodContainer({ ports: [{ internal: 80 }] })))).toBe('non-compliant');
  });
});

describe('DL007 data-protected', () => {
  const prod = ctx({ environment: 'prod', protectData: true });
  it('accepts protected volumes, topics and buckets, and does not apply where data is not protected', () => {
    for (const t of ['docker_volume', 'kafka_topic', 'minio_s3_bucket']) {
      expect(verdict(dataProtected, res(t, { lifecycle: { prevent_destroy: true } }), prod)).toBe('compliant');
      expect(verdict(dataProtected, res(t, {}), ctx())).toBe('not-applicable');
    }
  });
  it('rejects an unprotected volume in prod even when protectData is off, and a force_destroy bucket', () => {
    expect(verdict(dataProtected, res('docker_volume', {}), ctx({ environment: 'prod' }))).toBe('non-compliant');
    expect(verdict(dataProtected, res('kafka_topic', { lifecycle: {} }), prod)).toBe('non-compliant');
    expect(verdict(dataProtected, res('minio_s3_bucket', { force_destroy: true, lifecycle: { prevent_destroy: true } }), prod)).toBe('non-compliant');
  });
});

describe('DL008 consul-registered', () => {
  it('accepts a container whose hostname is registered with a check; one-shot containers need none', () => {
    expect(verdict(consulRegistered, res('docker_container', goodContainer()), ctx({ resources: [registration] }))).toBe('compliant');
    expect(verdict(consulRegistered, res('docker_container', goodContainer({ must_run: false })), ctx())).toBe('not-applicable');
  });
  it('rejects an unregistered container and a registration without a check', () => {
    expect(consulRegistered.check(res('docker_container', goodContainer()), ctx())).toEqual({ compliance: 'non-compliant', detail: 'no consul_service registers "minio"' });
    const noCheck = res('consul_service', { name: 'minio', service_id: 'minio', check: [] });
    expect(verdict(consulRegistered, res('docker_container', goodContainer()), ctx({ resources: [noCheck] }))).toBe('non-compliant');
  });
});

describe('DL009 topic-replication', () => {
  it('accepts replication within the broker count', () => {
    expect(verdict(topicReplication, res('kafka_topic', { replication_factor: 3 }), ctx({ brokerCount: 3 }))).toBe('compliant');
  });
  it('rejects replication above the broker count', () => {
    expect(topicReplication.check(res('kafka_topic', { replication_factor: 2 }), ctx())).toEqual({ compliance: 'non-compliant', detail: 'replication_factor 2 exceeds the 1 broker(s)' });
  });
});

describe('DL010 credentials-referenced', () => {
  it('accepts credentials that are references, and non-secret names', () => {
    expect(verdict(credentialsReferenced, res('docker_container', goodContainer({ env: ['SECRET_KEY=${random_password.k.result}', 'PASSWORD_FILE=/run/secrets/p', 'MINIO_ROOT_USER=root'] })))).toBe('compliant');
    expect(verdict(credentialsReferenced, res('minio_iam_user', { name: 'u', secret: '${random_password.s.result}' }))).toBe('compliant');
    expect(namesSecret('AIRFLOW__CORE__FERNET_KEY')).toBe(true);
    expect(namesSecret('KEYCLOAK_URL')).toBe(false);
    expect(namesSecret('KAFKA_KEY_SERIALIZER')).toBe(false);
    expect(namesSecret('AWS_SECRET_ACCESS_KEY')).toBe(true);
    expect(namesSecret('AWS_ACCESS_KEY_ID')).toBe(false);
    expect(namesSecret('PWD')).toBe(false);
    expect(namesSecret('PASSWORD_AUTH_ENABLED')).toBe(false);
    expect(namesSecret('OAUTH_TOKEN_URL')).toBe(false);
  });
  it('rejects a literal password in env and a literal secret argument', () => {
    expect(credentialsReferenced.check(res('docker_container', goodContainer({ env: ['POSTGRES_PASSWORD=postgres', 'GF_SECURITY_ADMIN_PASSWORD=admin'] })), ctx())).toEqual({
      compliance: 'non-compliant',
      detail: 'literal credential in env POSTGRES_PASSWORD, env GF_SECURITY_ADMIN_PASSWORD',
    });
    expect(verdict(credentialsReferenced, res('minio_iam_user', { name: 'u', secret: 'hunter2hunter2' }))).toBe('non-compliant');
  });
});

describe('DL011 stop-grace', () => {
  const data = { volumes: [{ volume_name: '${docker_volume.v.name}', container_path: '/data' }] };
  it('accepts a data container with a grace period, and ignores containers without volumes', () => {
    expect(verdict(stopGrace, res('docker_container', goodContainer({ ...data, destroy_grace_seconds: 30 })))).toBe('compliant');
    expect(verdict(stopGrace, res('docker_container', goodContainer()))).toBe('not-applicable');
  });
  it('warns about a data container killed at once on stop', () => {
    expect(stopGrace.check(res('docker_container', goodContainer(data)), ctx())).toEqual({ compliance: 'non-compliant', detail: 'destroy_grace_seconds is unset (immediate SIGKILL)' });
    expect(verdict(stopGrace, res('docker_container', goodContainer({ ...data, destroy_grace_seconds: 2 })))).toBe('non-compliant');
  });
});

describe('DL012 log-rotation', () => {
  it('accepts json-file with max-size, the local driver and remote drivers', () => {
    expect(verdict(logRotation, res('docker_container', goodContainer({ log_driver: 'json-file', log_opts: { 'max-size': '10m' } })))).toBe('compliant');
    expect(verdict(logRotation, res('docker_container', goodContainer({ log_driver: 'local' })))).toBe('compliant');
    expect(verdict(logRotation, res('docker_container', goodContainer({ log_driver: 'journald' })))).toBe('compliant');
  });
  it('warns about the default driver without max-size', () => {
    expect(verdict(logRotation, res('docker_container', goodContainer()))).toBe('non-compliant');
  });
});

describe('DL014 template-literals', () => {
  it('passes references, function calls, self and escaped text', () => {
    const upload = [{ file: '/x.sh', content: 'echo $${HOME} %%{http_code} ${random_password.p.result} ${replace(var.x, "a", "b")}' }];
    expect(verdict(templateLiterals, res('docker_container', goodContainer({ upload, lifecycle: { postcondition: [{ condition: '${self.exit_code == 0}' }] } })))).toBe('compliant');
  });

  it('fails shell and curl syntax that Terraform would read as a template, naming where', () => {
    const upload = [{ file: '/x.sh', content: 'a=${DAYS:-1}; b=${days}; curl -w %{http_code}' }];
    const r = templateLiterals.check(res('docker_container', goodContainer({ upload })), ctx());
    expect(r).toEqual({ compliance: 'non-compliant', detail: 'text Terraform would read as a template (upload[0].content: ${DAYS:-1}; upload[0].content: ${days}; upload[0].content: %{http_code})' });
  });

  it('finds every unescaped sequence and skips escaped ones', () => {
    expect(unescapedTemplates('$${a} ${b} $$${c} %%{d} %{e} ${data.x.y} ${docker_image.i.image_id}')).toEqual(['${b}', '%{e}']);
  });
});

describe('DL013 bare-references', () => {
  it('accepts bare addresses in depends_on and replace_triggered_by', () => {
    expect(verdict(bareReferences, res('docker_container', goodContainer({ depends_on: ['docker_container.a'], lifecycle: { replace_triggered_by: ['docker_container.b'] } })))).toBe('compliant');
  });
  it('rejects the interpolation cdktf writes for a resource object, naming the argument', () => {
    const r = bareReferences.check(res('docker_container', goodContainer({ lifecycle: { replace_triggered_by: ['${docker_container.b}'] } })), ctx());
    expect(r).toEqual({ compliance: 'non-compliant', detail: 'interpolation where Terraform wants an address (lifecycle.replace_triggered_by: ${docker_container.b})' });
    expect(verdict(bareReferences, res('consul_service', { depends_on: ['${docker_container.a.id}'] }))).toBe('non-compliant');
  });
});

describe('DL015 no-new-privileges', () => {
  it('accepts the option in the forms Docker takes', () => {
    for (const o of ['no-new-privileges:true', 'no-new-privileges', 'no-new-privileges=true']) {
      expect(verdict(noNewPrivileges, res('docker_container', goodContainer({ security_opts: ['label=disable', o] })))).toBe('compliant');
    }
  });
  it('rejects a container without it, or with it switched off', () => {
    for (const opts of [undefined, [], ['no-new-privileges:false'], ['seccomp=unconfined']]) {
      expect(noNewPrivileges.check(res('docker_container', goodContainer({ security_opts: opts })), ctx())).toEqual({
        compliance: 'non-compliant',
        detail: 'security_opts lacks no-new-privileges:true: a setuid binary in the image could raise a process to root',
      });
    }
  });
  it('looks at containers only', () => {
    expect(verdict(noNewPrivileges, res('docker_volume', { name: 'v' }))).toBe('not-applicable');
  });
});

describe('DL016 capabilities-dropped', () => {
  it('accepts ALL dropped and nothing added, as a list block too', () => {
    expect(verdict(capabilitiesDropped, res('docker_container', goodContainer({ capabilities: [{ drop: ['ALL'] }] })))).toBe('compliant');
    expect(verdict(capabilitiesDropped, res('docker_container', goodContainer({ capabilities: { drop: ['all'], add: [] } })))).toBe('compliant');
  });
  it("rejects Docker's default set kept, or a partial drop", () => {
    for (const caps of [undefined, { drop: ['NET_RAW', 'MKNOD'] }]) {
      expect(capabilitiesDropped.check(res('docker_container', goodContainer({ capabilities: caps })), ctx())).toEqual({
        compliance: 'non-compliant',
        detail: "capabilities.drop does not include ALL: Docker's default set (CHOWN, DAC_OVERRIDE, SETUID, NET_RAW, …) stays",
      });
    }
  });
  it('reports every capability added back, so the suppression with its reasons is listed', () => {
    expect(capabilitiesDropped.check(res('docker_container', goodContainer({ capabilities: { drop: ['ALL'], add: ['SETUID', 'CAP_KILL'] } })), ctx())).toEqual({
      compliance: 'non-compliant',
      detail: 'capabilities.add SETUID, CAP_KILL',
    });
  });
});

describe('DL017 non-root-user', () => {
  it('accepts a numeric non-root user and a named one', () => {
    for (const user of ['1000:1000', '50000:0', '185', 'kafkaui', 'consul:consul']) {
      expect(verdict(nonRootUser, res('docker_container', goodContainer({ user })))).toBe('compliant');
    }
  });
  it("rejects root by number or name, and an unset user (the image's decides)", () => {
    for (const user of ['0', '0:0', 'root', 'root:root']) {
      expect(nonRootUser.check(res('docker_container', goodContainer({ user })), ctx())).toEqual({ compliance: 'non-compliant', detail: `user is ${user} (root)` });
    }
    for (const user of [undefined, '']) {
      expect(nonRootUser.check(res('docker_container', goodContainer({ user })), ctx())).toEqual({
        compliance: 'non-compliant',
        detail: "user is unset: the image's USER decides, which may be root",
      });
    }
  });
});

describe('DL018 read-only-rootfs', () => {
  it('accepts read_only = true only', () => {
    expect(verdict(readOnlyRootfs, res('docker_container', goodContainer()))).toBe('compliant');
    for (const ro of [undefined, false, 'true']) expect(verdict(readOnlyRootfs, res('docker_container', goodContainer({ read_only: ro })))).toBe('non-compliant');
  });
});

describe('DL019 tmpfs-bounded', () => {
  it('accepts tmpfs mounts that all have a size, and containers without tmpfs', () => {
    expect(verdict(tmpfsBounded, res('docker_container', goodContainer({ tmpfs: { '/tmp': 'size=64m,exec', '/run': 'mode=1777,size=1m' } })))).toBe('compliant');
    expect(verdict(tmpfsBounded, res('docker_container', goodContainer({ tmpfs: undefined })))).toBe('not-applicable');
  });
  it('names every mount without a size (Docker then allows half the host memory)', () => {
    expect(tmpfsBounded.check(res('docker_container', goodContainer({ tmpfs: { '/tmp': '', '/a': 'size=1m', '/b': 'mode=1777,nosize=1' } })), ctx())).toEqual({
      compliance: 'non-compliant',
      detail: 'tmpfs without size: /tmp, /b',
    });
  });
});

describe('the DataLab pack', () => {
  it('pins its rule ids, names and levels (a change here is a breaking change for suppressions)', () => {
    expect(DATALAB_RULES.map((r) => `${r.id} ${r.name} ${r.level}`)).toEqual([
      'DL001 image-pinned error',
      'DL002 health-check error',
      'DL003 memory-limit error',
      'DL004 restart-policy error',
      'DL005 not-privileged error',
      'DL006 loopback-ports error',
      'DL007 data-protected error',
      'DL008 consul-registered error',
      'DL009 topic-replication error',
      'DL010 credentials-referenced error',
      'DL011 stop-grace warning',
      'DL012 log-rotation warning',
      'DL013 bare-references error',
      'DL014 template-literals error',
      'DL015 no-new-privileges error',
      'DL016 capabilities-dropped error',
      'DL017 non-root-user error',
      'DL018 read-only-rootfs error',
      'DL019 tmpfs-bounded warning',
    ]);
  });

  it('documents every rule in docs/policy.md with its id, name and level', () => {
    const doc = jest.requireActual<typeof import('node:fs')>('node:fs').readFileSync(`${__dirname}/../docs/policy.md`, 'utf8');
    for (const r of DATALAB_RULES) expect(doc).toContain(`| ${r.id} | ${r.name} (${r.level}) |`);
  });

  it('names each rule after its file and gives every rule a summary and a fix', () => {
    const fs = jest.requireActual<typeof import('node:fs')>('node:fs');
    const files = fs.readdirSync(`${__dirname}/../policy/rules`).map((f) => f.replace(/\.ts$/, '')).sort();
    expect(DATALAB_RULES.map((r) => r.name).sort()).toEqual(files);
    for (const r of DATALAB_RULES) {
      expect(r.summary.length).toBeGreaterThan(20);
      expect(r.fix.length).toBeGreaterThan(10);
    }
  });
});
