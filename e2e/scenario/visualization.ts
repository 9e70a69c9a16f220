/**
 * The visualization stack as the visualization steps drive it: deployed with its images' packages
 * served from the host's mirrors (PyPI, npm, Maven: build-mirrors.ts), its containers checked with
 * Docker, and their confinement checked against the declaration (docs/policy.md): Streamlit as the
 * image's user with nothing else; the hub as root with exactly its declared capabilities, and the
 * notebook servers and kernels it spawns as the notebook user's own account with none.
 */
import { capture } from '../lib/exec';
import { AssertionFailed, checkSameSet } from './assert';
import { withBuildMirrors } from './build-mirrors';
import { cdktf, CommandOptions } from './commands';
import { containerName, ENVIRONMENT_LABEL, Scenario } from './context';
import { describeContainer, execIn, inspectContainer, waitHealthy } from './docker';
import { dockerProblems, readOnlyProblems, statusProblems, tmpfsProblems } from './steps/hardening';
import { DeclaredConfinement, declaredContainers } from './stack';

/** Containers whose state is evidence when a visualization step fails. */
export const VISUALIZATION_SERVICES = ['jupyterhub', 'streamlit', 'spark-master', 'spark-worker', 'seaweedfs'] as const;

/** `cdktf deploy visualization` while the mirrors serve what its two image builds install. */
export function deployVisualization(s: Scenario, opts: CommandOptions = {}) {
  return withBuildMirrors(s, { python: true, maven: true, npm: true }, () => cdktf(s, 'deploy', { timeoutMs: 60 * 60_000, ...opts }, 'visualization'));
}

/** Every long-running container of the group healthy, every file holder created, nothing else of the group. */
export async function checkVisualizationUp(s: Scenario, timeoutMs: number): Promise<{ readonly services: readonly string[]; readonly healthyMs: number }> {
  const declared = declaredContainers(s, 'visualization');
  const present = await capture('docker', ['ps', '-a', '--filter', `label=${ENVIRONMENT_LABEL}`, '--filter', 'label=datalab.group=visualization', '--format', '{{.Names}}'], { timeoutMs: 30_000 });
  checkSameSet(present.split('\n').filter(Boolean), declared.map((d) => d.name), 'visualization containers of the environment');
  const services = declared.filter((d) => !d.oneShot && !d.holdsFiles).map((d) => d.name);
  const healthyMs = await waitHealthy(services, timeoutMs);
  for (const holder of declared.filter((d) => d.holdsFiles)) {
    const c = await inspectContainer(holder.name);
    if (c?.status !== 'created') throw new AssertionFailed(`file holder ${holder.name} must be created and never started: it is ${describeContainer(c)}`);
  }
  return { services, healthyMs };
}

/** Linux capability numbers (capability.h) of the names the stacks grant. */
const CAPABILITY_BITS: Readonly<Record<string, number>> = { CHOWN: 0, DAC_OVERRIDE: 1, DAC_READ_SEARCH: 2, FOWNER: 3, FSETID: 4, KILL: 5, SETGID: 6, SETUID: 7, SETPCAP: 8, NET_BIND_SERVICE: 10 };

/** The CapEff mask (hex, as /proc/<pid>/status prints it) of exactly these capabilities. */
export function capabilityMask(names: readonly string[]): bigint {
  let mask = 0n;
  for (const n of names) {
    const bit = CAPABILITY_BITS[n.toUpperCase().replace(/^CAP_/, '')];
    if (bit === undefined) throw new Error(`capability ${n} has no known number`);
    mask |= 1n << BigInt(bit);
  }
  return mask;
}

interface Proc {
  readonly pid: string;
  readonly name: string;
  readonly uid: string;
  readonly euid: string;
  readonly capEff: bigint;
  readonly noNewPrivs: string;
}

/** `grep -H` of /proc/<pid>/status lines (Name, Uid, CapEff, NoNewPrivs) → one entry per process. */
export function parseProcStatus(grepOutput: string): readonly Proc[] {
  const byPid = new Map<string, Record<string, string>>();
  for (const line of grepOutput.split('\n')) {
    const m = /^\/proc\/(\d+)\/status:(\w+):\s*(.*)$/.exec(line.trim());
    if (!m) continue;
    byPid.set(m[1], { ...(byPid.get(m[1]) ?? {}), [m[2]]: m[3].trim() });
  }
  return [...byPid].map(([pid, e]) => {
    const uids = (e.Uid ?? '').split(/\s+/);
    return { pid, name: e.Name ?? '?', uid: uids[0] ?? '?', euid: uids[1] ?? '?', capEff: BigInt(`0x${e.CapEff ?? '0'}`), noNewPrivs: e.NoNewPrivs ?? '?' };
  });
}

/**
 * The hub container's processes: root ones (hub, proxy) hold at most the declared capabilities;
 * every other process belongs to a notebook user (`userUid`) and holds none; all have
 * no-new-privileges. Returns the problems and how many processes of each kind were seen.
 */
export function hubProcessProblems(procs: readonly Proc[], declaredCaps: readonly string[], userUid: string): { readonly problems: readonly string[]; readonly root: number; readonly user: number } {
  const allowed = capabilityMask(declaredCaps);
  const problems: string[] = [];
  let root = 0;
  let user = 0;
  for (const p of procs) {
    const what = `process ${p.pid} (${p.name}) uid ${p.uid}/${p.euid}`;
    if (p.noNewPrivs !== '1') problems.push(`${what} has NoNewPrivs ${p.noNewPrivs}`);
    if (p.uid === '0' && p.euid === '0') {
      root++;
      if ((p.capEff & ~allowed) !== 0n) problems.push(`${what} has capabilities ${p.capEff.toString(16)} beyond the declared ${allowed.toString(16)} (${declaredCaps.join(', ')})`);
    } else if (p.uid === userUid && p.euid === userUid) {
      user++;
      if (p.capEff !== 0n) problems.push(`${what} (a notebook user's) has capabilities ${p.capEff.toString(16)}`);
    } else problems.push(`${what} is neither root nor the notebook user (uid ${userUid})`);
  }
  return { problems, root, user };
}

/** Streamlit's confinement: declared, told to Docker, and in every process (uid, no capability, no-new-privileges, read-only root where declared). */
export async function streamlitConfinementProblems(s: Scenario): Promise<{ readonly problems: readonly string[]; readonly line: string }> {
  const d = declaredContainers(s, 'visualization').find((x) => x.name === containerName('streamlit'));
  if (!d) return { problems: ['visualization declares no streamlit container'], line: '' };
  const c = d.confinement;
  const problems: string[] = [];
  if (!c.securityOpts.includes('no-new-privileges:true')) problems.push('declared without no-new-privileges:true');
  if (!c.capDrop.map((x) => x.toUpperCase()).includes('ALL') || c.capAdd.length) problems.push(`declared capabilities drop ${JSON.stringify(c.capDrop)} add ${JSON.stringify(c.capAdd)}`);
  if (c.user !== '10001:10001') problems.push(`declared user ${JSON.stringify(c.user)}, expected the image's streamlit user 10001:10001`);
  const info = await inspectContainer(d.name);
  if (!info) return { problems: [...problems, 'not found'], line: '' };
  problems.push(...dockerProblems(c, info));
  const procs = await execIn(d.name, "grep -H -E '^(Name|Uid|CapEff|NoNewPrivs):' /proc/[0-9]*/status 2>/dev/null", { okCodes: [0, 2] });
  problems.push(...statusProblems(procs.stdout, '10001', c), ...tmpfsProblems((await execIn(d.name, 'cat /proc/mounts')).stdout, c));
  if (c.readOnly) problems.push(...(await readOnlyProblems(d.name, '')));
  const root = c.readOnly ? `read-only root, tmpfs ${Object.keys(c.tmpfs).join(' ')}` : 'writable root (documented exception)';
  return { problems: problems.map((p) => `${d.name}: ${p}`), line: `${d.name}: user ${c.user}, no capability, no-new-privileges, ${root}, every process checked` };
}

/** The hub's declared confinement (root, the six spawner capabilities) as Docker has it, and its processes while a notebook runs. */
export async function hubConfinementProblems(s: Scenario, notebookUser: string): Promise<{ readonly problems: readonly string[]; readonly line: string; readonly declared: DeclaredConfinement }> {
  const d = declaredContainers(s, 'visualization').find((x) => x.name === containerName('jupyterhub'));
  if (!d) throw new AssertionFailed('visualization declares no jupyterhub container');
  const c = d.confinement;
  const problems: string[] = [];
  if (!c.securityOpts.includes('no-new-privileges:true')) problems.push('declared without no-new-privileges:true');
  if (!c.capDrop.map((x) => x.toUpperCase()).includes('ALL')) problems.push(`declared capabilities.drop ${JSON.stringify(c.capDrop)}, not ALL`);
  const info = await inspectContainer(d.name);
  if (!info) throw new AssertionFailed(`${d.name} not found`);
  problems.push(...dockerProblems(c, info));
  const uid = (await execIn(d.name, `id -u ${notebookUser}`)).stdout.trim();
  const grep = await execIn(d.name, "grep -H -E '^(Name|Uid|CapEff|NoNewPrivs):' /proc/[0-9]*/status 2>/dev/null", { okCodes: [0, 2] });
  const procs = hubProcessProblems(parseProcStatus(grep.stdout), c.capAdd, uid);
  problems.push(...procs.problems);
  if (procs.user === 0) problems.push(`no process of ${notebookUser} (uid ${uid}) runs: the check needs the notebook server and kernel up`);
  return {
    problems: problems.map((p) => `${d.name}: ${p}`),
    line: `${d.name}: ${procs.root} root process(es) with at most ${c.capAdd.join(', ')}; ${procs.user} process(es) of ${notebookUser} (uid ${uid}) with no capability; no-new-privileges on all`,
    declared: c,
  };
}
