/**
 * The e2e environment's Docker objects, wherever they came from (this suite, an interrupted run,
 * a deploy by hand): containers, volumes and networks labelled datalab.environment=e2e or named
 * datalab-e2e…, and its local state. The stand-in images' smoke tests (e2e/images/smoke.ts) name
 * their sandboxes datalab-e2e-smoke-… and label them datalab.e2e.smoke: another tool's objects,
 * possibly in use right now, which that tool removes itself; they are never touched here.
 */
import * as fs from 'node:fs';
import { capture, run } from '../lib/exec';
import { log } from '../lib/log';
import { ENVIRONMENT_LABEL, PREFIX } from './context';

const SMOKE_LABEL = 'datalab.e2e.smoke';
const SMOKE_PREFIX = `${PREFIX}-smoke-`;

export interface EnvironmentObjects {
  readonly containers: readonly string[];
  readonly volumes: readonly string[];
  readonly networks: readonly string[];
}

type Kind = 'container' | 'volume' | 'network';

async function names(kind: Kind, filter: string): Promise<string[]> {
  const list = kind === 'container' ? ['ps', '-a'] : [kind, 'ls'];
  const format = kind === 'container' ? '{{.Names}}' : '{{.Name}}';
  const out = await capture('docker', [...list, '--filter', filter, '--format', format], { timeoutMs: 30_000 });
  return out.split('\n').map((l) => l.trim()).filter(Boolean);
}

async function find(kind: Kind): Promise<string[]> {
  const [labelled, named, smoke] = await Promise.all([
    names(kind, `label=${ENVIRONMENT_LABEL}`),
    // Docker's name filter matches anywhere in the name: keep only the prefix.
    names(kind, `name=${PREFIX}`).then((l) => l.filter((n) => n === PREFIX || n.startsWith(`${PREFIX}-`))),
    names(kind, `label=${SMOKE_LABEL}`),
  ]);
  return [...new Set([...labelled, ...named])].filter((n) => !smoke.includes(n) && !n.startsWith(SMOKE_PREFIX)).sort();
}

export async function findEnvironmentObjects(): Promise<EnvironmentObjects> {
  const [containers, volumes, networks] = await Promise.all([find('container'), find('volume'), find('network')]);
  return { containers, volumes, networks };
}

export function isEmpty(o: EnvironmentObjects): boolean {
  return o.containers.length + o.volumes.length + o.networks.length === 0;
}

export function describeObjects(o: EnvironmentObjects): string {
  const parts = [['containers', o.containers], ['volumes', o.volumes], ['networks', o.networks]] as const;
  return parts.filter(([, l]) => l.length).map(([k, l]) => `${k}: ${l.join(', ')}`).join('; ') || 'nothing';
}

/**
 * Removes every Docker object of the environment (containers first, with their anonymous volumes)
 * and the environment's local state. Returns what it found.
 */
export async function removeLeftovers(stateDirectory: string): Promise<EnvironmentObjects> {
  const found = await findEnvironmentObjects();
  if (found.containers.length) await run('docker', ['rm', '-f', '-v', ...found.containers], { timeoutMs: 180_000 });
  // Volumes and networks again: removing a container can free ones that were in use.
  const rest = await findEnvironmentObjects();
  if (rest.volumes.length) await run('docker', ['volume', 'rm', '-f', ...rest.volumes], { timeoutMs: 60_000 });
  if (rest.networks.length) await run('docker', ['network', 'rm', ...rest.networks], { timeoutMs: 60_000 });
  const hadState = fs.existsSync(stateDirectory);
  fs.rmSync(stateDirectory, { recursive: true, force: true });
  log(`leftovers removed: ${describeObjects(found)}${hadState ? `; state ${stateDirectory}` : ''}`);
  return found;
}
