/**
 * b. hardening: every core container runs confined as the stack declares it, and the declaration
 * is the hardened default (core has no exception, docs/policy.md): no-new-privileges, every
 * capability dropped and none added, a named non-root user, a read-only root with only the
 * declared tmpfs scratch paths. Checked three ways: the synthesized JSON (what Terraform was
 * told), `docker inspect` (what Docker was told) and, inside each running container, every
 * process's /proc status (what the kernel enforces) plus a write to / as root that must fail.
 * The one-shot provisioner has exited: it is checked by inspect and by the uid it logs. File
 * holders (created, never started) must not have run, and their service must not be able to
 * write the files it reads from them.
 */
import { log } from '../../lib/log';
import { AssertionFailed } from '../assert';
import { CORE_SERVICES } from '../core-up';
import { containerLogs, ContainerInfo, execIn, inspectContainer } from '../docker';
import type { ScenarioStep } from '../runner';
import { DeclaredConfinement, DeclaredContainer, declaredContainers } from '../stack';

const NO_NEW_PRIVILEGES = 'no-new-privileges:true';

export const hardening: ScenarioStep = {
  name: 'hardening',
  summary: 'every core container confined as declared and hardened: inspect, /proc of every process, a write to / refused',
  needs: ['deploy'],
  services: CORE_SERVICES,
  async run(s) {
    const problems: string[] = [];
    const declared = declaredContainers(s);
    for (const d of declared) {
      const found = (p: string) => problems.push(`${d.name}: ${p}`);
      declarationProblems(d.confinement, d.holdsFiles).forEach(found);
      const c = await inspectContainer(d.name);
      if (!c) {
        found('not found');
        continue;
      }
      dockerProblems(d.confinement, c).forEach(found);
      if (d.holdsFiles) {
        // Never started; its service mounts the files read-only: a write there must fail, even as root.
        if (c.status !== 'created') found(`a file holder must never run; it is ${c.status}`);
        const service = d.name.replace(/-files$/, '');
        const user = await inspectContainer(service);
        for (const folder of new Set(d.uploads.map((f) => f.replace(/\/[^/]+$/, '')))) {
          const mount = user?.mounts.find((m) => m.destination === folder);
          if (!mount) problems.push(`${service}: does not mount ${folder} from ${d.name}`);
          else if (mount.rw) problems.push(`${service}: mounts ${folder} writable`);
          if (user?.status === 'running') (await readOnlyProblems(service, folder)).forEach((x) => problems.push(`${service}: ${x}`));
        }
        if (!problems.some((p) => p.startsWith(`${d.name}:`) || p.startsWith(`${service}:`))) log(`  ${d.name}: never started; ${service} reads ${d.uploads.join(', ')} read-only`);
        continue;
      }
      const uid = await expectedUid(d.name, d.confinement.user, c.status === 'running');
      if (c.status === 'running') {
        (await processProblems(d.name, uid, d.confinement)).forEach(found);
        (await readOnlyProblems(d.name, '')).forEach(found);
      } else {
        // The provisioner logs its ids first thing (stacks/seaweedfs-provision.sh).
        const logs = await containerLogs(d.name, 500);
        if (!new RegExp(`running as uid ${uid}\\b`).test(logs)) found(`its log does not say it ran as uid ${uid}`);
      }
      if (!problems.some((p) => p.startsWith(`${d.name}:`))) {
        log(`  ${d.name}: user ${d.confinement.user} (uid ${uid}), no capability, no-new-privileges, read-only root, tmpfs ${Object.keys(d.confinement.tmpfs).join(' ') || 'none'}`);
      }
    }
    if (declared.length === 0) problems.push('core declares no container');
    if (problems.length) throw new AssertionFailed(`containers not confined as declared:\n  ${problems.join('\n  ')}`);
  },
};

const capName = (c: string) => c.toUpperCase().replace(/^CAP_/, '');

/**
 * Core must be declared fully hardened: an exception there is a regression. A file holder keeps a
 * writable root (the upload needs it) and is never started.
 */
export function declarationProblems(d: DeclaredConfinement, holdsFiles: boolean): string[] {
  const p: string[] = [];
  if (!d.securityOpts.includes(NO_NEW_PRIVILEGES)) p.push(`declared without ${NO_NEW_PRIVILEGES}`);
  if (!d.capDrop.map(capName).includes('ALL')) p.push(`declared capabilities.drop ${JSON.stringify(d.capDrop)}, not ALL`);
  if (d.capAdd.length) p.push(`declared capabilities.add ${d.capAdd.join(', ')}`);
  if (!d.readOnly && !holdsFiles) p.push('declared with a writable root file system');
  if (!d.user || ['0', 'root'].includes(d.user.split(':')[0])) p.push(`declared user ${JSON.stringify(d.user)} (root or the image's)`);
  return p;
}

/** Docker was told what Terraform was told. */
export function dockerProblems(d: DeclaredConfinement, c: ContainerInfo): string[] {
  const got = c.confinement;
  const p: string[] = [];
  if (got.user !== (d.user ?? '')) p.push(`runs as user "${got.user}", declared "${d.user}"`);
  if (got.readOnly !== d.readOnly) p.push(`ReadonlyRootfs ${got.readOnly}, declared ${d.readOnly}`);
  if (got.privileged) p.push('is privileged');
  for (const o of d.securityOpts) if (!got.securityOpts.includes(o)) p.push(`SecurityOpt ${JSON.stringify(got.securityOpts)} lacks ${o}`);
  const same = (a: readonly string[], b: readonly string[]) => JSON.stringify([...a].map(capName).sort()) === JSON.stringify([...b].map(capName).sort());
  if (!same(got.capDrop, d.capDrop)) p.push(`CapDrop ${JSON.stringify(got.capDrop)}, declared ${JSON.stringify(d.capDrop)}`);
  if (!same(got.capAdd, d.capAdd)) p.push(`CapAdd ${JSON.stringify(got.capAdd)}, declared ${JSON.stringify(d.capAdd)}`);
  if (JSON.stringify(Object.entries(got.tmpfs).sort()) !== JSON.stringify(Object.entries(d.tmpfs).sort())) {
    p.push(`Tmpfs ${JSON.stringify(got.tmpfs)}, declared ${JSON.stringify(d.tmpfs)}`);
  }
  return p;
}

/** The uid the declared user stands for: its number, or (for a name) what the image's passwd says. */
export async function expectedUid(container: string, user: string | undefined, running: boolean): Promise<string> {
  const name = (user ?? '').split(':')[0];
  if (/^\d+$/.test(name)) return name;
  if (!running) throw new AssertionFailed(`${container}: cannot resolve user "${name}" in an exited container; declare it by number`);
  return (await execIn(container, `id -u ${name}`)).stdout.trim();
}

interface ProcStatus {
  readonly pid: string;
  readonly name: string;
  readonly uids: readonly string[];
  readonly capEff: string;
  readonly noNewPrivs: string;
}

/** Every process's real and effective uid, effective capabilities and no_new_privs, from inside. */
export async function processProblems(container: string, uid: string, d: DeclaredConfinement): Promise<string[]> {
  // Processes may end between the glob and the read (the probe's own grep among them): grep then exits 2.
  const r = await execIn(container, "grep -H -E '^(Name|Uid|CapEff|NoNewPrivs):' /proc/[0-9]*/status 2>/dev/null", { okCodes: [0, 2] });
  const mounts = (await execIn(container, 'cat /proc/mounts')).stdout;
  return statusProblems(r.stdout, uid, d).concat(tmpfsProblems(mounts, d));
}

/** What `grep -H` of the processes' status lines says against the declaration. */
export function statusProblems(grepOutput: string, uid: string, d: DeclaredConfinement): string[] {
  const byPid = new Map<string, Record<string, string>>();
  for (const line of grepOutput.split('\n')) {
    const m = /^\/proc\/(\d+)\/status:(\w+):\s*(.*)$/.exec(line.trim());
    if (!m) continue;
    const entry = byPid.get(m[1]) ?? {};
    entry[m[2]] = m[3].trim();
    byPid.set(m[1], entry);
  }
  const procs: ProcStatus[] = [...byPid].map(([pid, e]) => ({ pid, name: e.Name ?? '?', uids: (e.Uid ?? '').split(/\s+/), capEff: e.CapEff ?? '?', noNewPrivs: e.NoNewPrivs ?? '?' }));
  const p: string[] = [];
  if (!procs.some((x) => x.pid === '1')) p.push('no status of PID 1 could be read');
  for (const x of procs) {
    const what = `process ${x.pid} (${x.name})`;
    if (x.uids[0] !== uid || x.uids[1] !== uid) p.push(`${what} runs as uid ${x.uids[0]}/${x.uids[1]} (real/effective), expected ${uid}`);
    if (d.capAdd.length === 0 && !/^0+$/.test(x.capEff)) p.push(`${what} has effective capabilities ${x.capEff}`);
    if (d.securityOpts.includes(NO_NEW_PRIVILEGES) && x.noNewPrivs !== '1') p.push(`${what} has NoNewPrivs ${x.noNewPrivs}`);
  }
  return p;
}

/** Each declared scratch path is a bounded tmpfs inside (per /proc/mounts), executable only where declared. */
export function tmpfsProblems(procMounts: string, d: DeclaredConfinement): string[] {
  const p: string[] = [];
  const mounts = procMounts.split('\n').map((l) => l.split(' '));
  for (const [path, opts] of Object.entries(d.tmpfs)) {
    const m = mounts.find((x) => x[1] === path);
    if (!m || m[2] !== 'tmpfs') p.push(`${path} is not a tmpfs inside`);
    else {
      if (!/(^|,)size=/.test(m[3])) p.push(`tmpfs ${path} has no size (${m[3]})`);
      if (opts.split(',').includes('exec') === m[3].split(',').includes('noexec')) p.push(`tmpfs ${path} mounted ${m[3]}, declared ${opts}`);
    }
  }
  return p;
}

/**
 * A deployed container is confined as its synthesized JSON declares it: Docker's view (user,
 * no-new-privileges, capabilities, read-only root, tmpfs); a file holder never started; in a
 * running container, every process's uid, capabilities and no_new_privs, and, with a read-only
 * root, a write to / refused even as root. One-shot tasks that have exited are checked by Docker's
 * view only. What a group must declare is each step's own rule (declarationProblems for core).
 */
export async function asDeclaredProblems(d: DeclaredContainer): Promise<string[]> {
  const c = await inspectContainer(d.name);
  if (!c) return ['not found'];
  const problems = dockerProblems(d.confinement, c);
  if (d.holdsFiles) {
    if (c.status !== 'created') problems.push(`a file holder must never run; it is ${c.status}`);
    return problems;
  }
  if (c.status === 'running') {
    problems.push(...(await processProblems(d.name, await expectedUid(d.name, d.confinement.user, true), d.confinement)));
    if (d.confinement.readOnly) problems.push(...(await readOnlyProblems(d.name, '')));
  }
  return problems;
}

/** Even root (without capabilities, as exec gives it) cannot write into `folder` (default /): it is read-only. */
export async function readOnlyProblems(container: string, folder: string): Promise<string[]> {
  const where = folder || '/';
  const r = await execIn(container, `touch '${folder}/.datalab-hardening-probe'`, { user: '0', okCodes: [0, 1] });
  if (r.code === 0) return [`a write to ${where} as root succeeded: it is writable`];
  return /read-only file system/i.test(r.stderr) ? [] : [`a write to ${where} failed for another reason than a read-only file system: ${r.stderr.trim()}`];
}
