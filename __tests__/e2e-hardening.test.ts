import type { ContainerInfo } from '../e2e/scenario/docker';
import type { DeclaredConfinement } from '../e2e/scenario/stack';
import { declarationProblems, dockerProblems, statusProblems, tmpfsProblems } from '../e2e/scenario/steps/hardening';

/** Kafka as core declares it (the e2e's hardening step compares the deployed container with this). */
const kafka: DeclaredConfinement = {
  user: '1000:1000',
  readOnly: true,
  securityOpts: ['no-new-privileges:true'],
  capDrop: ['ALL'],
  capAdd: [],
  tmpfs: { '/opt/kafka/logs': 'size=64m,mode=1777,uid=1000,gid=1000', '/tmp': 'size=64m,mode=1777,uid=1000,gid=1000,exec' },
};

/** `docker inspect` of a container that runs as declared (Docker 20.10 stores CapDrop as given). */
function inspected(over: Partial<ContainerInfo['confinement']> = {}): ContainerInfo {
  return {
    id: 'x',
    name: 'datalab-e2e-kafka',
    status: 'running',
    exitCode: 0,
    startedAt: '2026-11-30T09:00:00Z',
    finishedAt: '0001-01-01T00:00:00Z',
    labels: {},
    volumes: [],
    mounts: [],
    memoryLimitBytes: 1,
    confinement: { user: '1000:1000', readOnly: true, securityOpts: ['no-new-privileges:true'], capDrop: ['ALL'], capAdd: [], tmpfs: { ...kafka.tmpfs }, privileged: false, ...over },
  };
}

describe('the e2e hardening step', () => {
  it('accepts the hardened declaration and refuses each relaxation of it in core', () => {
    expect(declarationProblems(kafka, false)).toEqual([]);
    expect(declarationProblems({ ...kafka, user: undefined, readOnly: false, securityOpts: [], capDrop: ['NET_RAW'], capAdd: ['CHOWN'] }, false)).toEqual([
      'declared without no-new-privileges:true',
      'declared capabilities.drop ["NET_RAW"], not ALL',
      'declared capabilities.add CHOWN',
      'declared with a writable root file system',
      `declared user undefined (root or the image's)`,
    ]);
    expect(declarationProblems({ ...kafka, user: '0:0' }, false)).toEqual(['declared user "0:0" (root or the image\'s)']);
    // A file holder keeps a writable root for the upload; it never runs.
    expect(declarationProblems({ ...kafka, readOnly: false }, true)).toEqual([]);
  });

  it('finds what Docker runs differently from the declaration (capability names with or without CAP_)', () => {
    expect(dockerProblems(kafka, inspected({ capDrop: ['CAP_ALL'] }))).toEqual([]);
    expect(dockerProblems(kafka, inspected({ user: '', readOnly: false, securityOpts: [], capAdd: ['CAP_NET_RAW'], tmpfs: {}, privileged: true }))).toEqual([
      'runs as user "", declared "1000:1000"',
      'ReadonlyRootfs false, declared true',
      'is privileged',
      'SecurityOpt [] lacks no-new-privileges:true',
      'CapAdd ["CAP_NET_RAW"], declared []',
      `Tmpfs {}, declared ${JSON.stringify(kafka.tmpfs)}`,
    ]);
  });

  it("reads every process's uids, effective capabilities and no_new_privs from /proc", () => {
    const status = (pid: number, name: string, uid: number, capEff: string, nnp: number) =>
      [`/proc/${pid}/status:Name:\t${name}`, `/proc/${pid}/status:Uid:\t${uid}\t${uid}\t${uid}\t${uid}`, `/proc/${pid}/status:CapEff:\t${capEff}`, `/proc/${pid}/status:NoNewPrivs:\t${nnp}`].join('\n');
    const fine = [status(1, 'java', 1000, '0000000000000000', 1), status(88, 'sh', 1000, '0000000000000000', 1)].join('\n');
    expect(statusProblems(fine, '1000', kafka)).toEqual([]);
    const rooted = [status(1, 'java', 1000, '0000000000000000', 1), status(90, 'gosu', 0, '00000000a80425fb', 0)].join('\n');
    expect(statusProblems(rooted, '1000', kafka)).toEqual([
      'process 90 (gosu) runs as uid 0/0 (real/effective), expected 1000',
      'process 90 (gosu) has effective capabilities 00000000a80425fb',
      'process 90 (gosu) has NoNewPrivs 0',
    ]);
    expect(statusProblems(status(7, 'sh', 1000, '0', 1), '1000', kafka)).toEqual(['no status of PID 1 could be read']);
  });

  it('requires each scratch path to be a sized tmpfs inside, noexec unless declared exec', () => {
    const mounts = (tmpOpts: string) =>
      ['overlay / overlay ro,relatime 0 0', 'tmpfs /opt/kafka/logs tmpfs rw,nosuid,nodev,noexec,relatime,size=65536k,uid=1000,gid=1000 0 0', `tmpfs /tmp tmpfs ${tmpOpts} 0 0`].join('\n');
    expect(tmpfsProblems(mounts('rw,nosuid,nodev,relatime,size=65536k,uid=1000,gid=1000'), kafka)).toEqual([]);
    expect(tmpfsProblems(mounts('rw,nosuid,nodev,noexec,relatime'), kafka)).toEqual([
      'tmpfs /tmp has no size (rw,nosuid,nodev,noexec,relatime)',
      'tmpfs /tmp mounted rw,nosuid,nodev,noexec,relatime, declared size=64m,mode=1777,uid=1000,gid=1000,exec',
    ]);
    expect(tmpfsProblems('overlay / overlay ro 0 0', kafka)).toEqual(['/opt/kafka/logs is not a tmpfs inside', '/tmp is not a tmpfs inside']);
  });
});
