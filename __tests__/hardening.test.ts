import { isUnder, parentDir, resolveHardening, RunAs } from '../constructs/hardening';

describe('RunAs', () => {
  it('renders a numeric user as uid:gid and keeps the numbers for tmpfs ownership', () => {
    const u = RunAs.user(1000, 0);
    expect([u.name, u.uid, u.gid, u.rootReason]).toEqual(['1000:0', 1000, 0, undefined]);
  });

  it('refuses uid 0 (root must be asked for with a reason) and ids that are not whole numbers', () => {
    expect(() => RunAs.user(0, 0)).toThrow('RunAs.user: uid 0 is root; use RunAs.root(reason) to run as root on purpose');
    expect(() => RunAs.user(-1, 0)).toThrow('RunAs.user: uid must be a whole number ≥ 0, got -1');
    expect(() => RunAs.user(1000, 1.5)).toThrow('RunAs.user: gid must be a whole number ≥ 0, got 1.5');
  });

  it('takes an image user by name, but never root by name', () => {
    expect(RunAs.imageUser('consul:consul').name).toBe('consul:consul');
    expect(RunAs.imageUser('kafkaui').uid).toBeUndefined();
    for (const bad of ['root', 'root:root', '', 'a b', '0:0']) expect(() => RunAs.imageUser(bad)).toThrow(/is not a non-root user name/);
  });

  it('runs as root only with a reason of at least 10 characters', () => {
    expect(RunAs.root('the image has no other user').name).toBe('0:0');
    expect(() => RunAs.root('because')).toThrow('RunAs.root: the reason must say why, in at least 10 characters; got "because"');
  });
});

describe('resolveHardening', () => {
  it('is fully hardened by default: no-new-privileges, no capability, read-only root, no exception', () => {
    expect(resolveHardening('svc')).toEqual({
      runAs: undefined,
      noNewPrivileges: true,
      capabilities: [],
      readOnlyRootFilesystem: true,
      scratch: [],
      exceptions: [],
    });
  });

  it('lists every relaxation with its reason, by the demand it breaks', () => {
    const r = resolveHardening('hub', {
      runAs: RunAs.root('spawns processes as other users'),
      capabilities: [
        { capability: 'SETUID', reason: 'switches to the user' },
        { capability: 'KILL', reason: 'stops servers of other users' },
      ],
      readOnlyRootFilesystem: { enabled: false, reason: 'useradd writes /etc/passwd' },
      noNewPrivileges: { enabled: false, reason: 'runs sudo for the admin' },
    });
    expect(r.capabilities).toEqual(['SETUID', 'KILL']);
    expect([r.readOnlyRootFilesystem, r.noNewPrivileges]).toEqual([false, false]);
    expect(r.exceptions).toEqual([
      { demand: 'no-new-privileges', reason: 'runs sudo for the admin' },
      { demand: 'read-only-rootfs', reason: 'useradd writes /etc/passwd' },
      { demand: 'non-root-user', reason: 'spawns processes as other users' },
      { demand: 'capabilities-dropped', reason: 'SETUID: switches to the user; KILL: stops servers of other users' },
    ]);
  });

  it('refuses a relaxation or a capability without a reason, and a capability listed twice', () => {
    expect(() => resolveHardening('s', { readOnlyRootFilesystem: { enabled: false, reason: ' ' } })).toThrow(
      'service "s": hardening.readOnlyRootFilesystem: the reason must say why, in at least 10 characters; got " "',
    );
    expect(() => resolveHardening('s', { capabilities: [{ capability: 'CHOWN', reason: 'x' }] })).toThrow('service "s": hardening.capabilities CHOWN: the reason must say why');
    expect(() =>
      resolveHardening('s', {
        capabilities: [
          { capability: 'CHOWN', reason: 'chowns the data dir' },
          { capability: 'CHOWN', reason: 'chowns the data dir' },
        ],
      }),
    ).toThrow('service "s": hardening.capabilities: CHOWN is listed twice');
  });

  it('checks scratch paths: absolute, normalised, not /, not nested or repeated, a whole size and a purpose', () => {
    const scratch = (path: string, sizeMb = 8, purpose = 'temporary files') => ({ path, sizeMb, purpose });
    for (const bad of ['tmp', '/', '/tmp/', '/a//b', '/a/../b', '/a/./b']) {
      expect(() => resolveHardening('s', { scratch: [scratch(bad)] })).toThrow(`service "s": hardening.scratch: path must be an absolute, normalised folder other than /, got "${bad}"`);
    }
    expect(() => resolveHardening('s', { scratch: [scratch('/tmp', 0)] })).toThrow('service "s": hardening.scratch /tmp: sizeMb must be a whole number ≥ 1, got 0');
    expect(() => resolveHardening('s', { scratch: [scratch('/tmp', 8, 'tmp')] })).toThrow('service "s": hardening.scratch /tmp purpose: the reason must say why');
    expect(() => resolveHardening('s', { scratch: [scratch('/run'), scratch('/run')] })).toThrow('service "s": hardening.scratch: "/run" is listed twice');
    expect(() => resolveHardening('s', { scratch: [scratch('/opt/app'), scratch('/opt/app/logs')] })).toThrow('service "s": hardening.scratch: "/opt/app/logs" is inside "/opt/app"');
    expect(resolveHardening('s', { scratch: [scratch('/opt/app'), scratch('/opt/application')] }).scratch).toHaveLength(2);
  });
});

describe('path helpers', () => {
  it('tells a path inside a folder from one that merely shares its prefix', () => {
    expect([isUnder('/a/b', '/a'), isUnder('/a', '/a'), isUnder('/ab', '/a')]).toEqual([true, true, false]);
  });
  it('gives the folder of a file', () => {
    expect([parentDir('/etc/x/y.conf'), parentDir('/y.conf')]).toEqual(['/etc/x', '/']);
  });
});
