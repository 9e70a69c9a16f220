/**
 * Stable ids of stateful resources. Terraform identifies a resource by its address (type + logical
 * id, per stack state file); a changed construct id or path gives a new address, which plans a
 * destroy of the old resource (its data) and a create of an empty new one. A checked-in contract
 * per environment lists the addresses of everything that holds data, and `compareContract` names
 * every one that disappeared without a `moved` block.
 */
import { resourcesOf, SynthStack } from './resources';
import { blocks, SynthResource } from './types';

/** Resource types that hold data by themselves. */
export const STATEFUL_TYPES = ['docker_volume', 'minio_s3_bucket', 'kafka_topic', 'postgresql_database', 'postgresql_role', 'postgresql_schema'];

export interface ContractEntry {
  /** `<stack>/<type>.<logical id>` */
  readonly address: string;
  /** Construct path, to find the code (informational). */
  readonly path?: string;
  /** Why it is stateful. */
  readonly kind: string;
}

export interface StatefulContract {
  readonly environment: string;
  readonly note: string;
  readonly resources: readonly ContractEntry[];
}

/** Why a resource is stateful, or undefined. A container is a data container when it mounts a named volume. */
export function statefulKind(r: SynthResource): string | undefined {
  if (STATEFUL_TYPES.includes(r.type)) return r.type;
  if (r.type === 'docker_container' && blocks(r.config.volumes).some((v) => typeof v.volume_name === 'string' && v.volume_name !== '')) return 'data container';
  return undefined;
}

export function statefulEntries(stacks: readonly SynthStack[]): ContractEntry[] {
  return stacks
    .flatMap(resourcesOf)
    .flatMap((r) => {
      const kind = statefulKind(r);
      return kind ? [{ address: r.address, ...(r.path ? { path: r.path } : {}), kind }] : [];
    })
    .sort((a, b) => a.address.localeCompare(b.address));
}

export function contractFor(environment: string, stacks: readonly SynthStack[]): StatefulContract {
  return {
    environment,
    note: 'Addresses of stateful resources. Renaming one destroys its data: add a moved block (moveFromId / addMoveTarget + moveTo) or, if deliberate, run `npm run contracts:update` (docs/policy.md).',
    resources: statefulEntries(stacks),
  };
}

export interface ContractDiff {
  /** Contract entries no longer synthesized and not covered by a `moved` block: each a problem. */
  readonly missing: readonly string[];
  /** Entries that moved with a `moved` block (fine; update the contract). */
  readonly moved: readonly string[];
  /** Stateful resources not yet in the contract. */
  readonly added: readonly string[];
}

export function compareContract(contract: StatefulContract, stacks: readonly SynthStack[]): ContractDiff {
  const current = statefulEntries(stacks);
  const now = new Set(current.map((e) => e.address));
  const known = new Set(contract.resources.map((e) => e.address));
  const missing: string[] = [];
  const moved: string[] = [];
  for (const e of contract.resources) {
    if (now.has(e.address)) continue;
    const [stack, local] = splitAddress(e.address);
    const move = stacks.find((s) => s.name === stack)?.json.moved?.find((m) => m.from === local);
    if (move) {
      moved.push(`${e.address} → ${stack}/${move.to}`);
      continue;
    }
    const type = local.split('.')[0];
    const candidates = current.filter((c) => !known.has(c.address) && c.address.startsWith(`${stack}/${type}.`));
    const hint = candidates.length ? `; renamed to ${candidates.map((c) => c.address).join(' or ')}? add newResource.moveFromId("${local}")` : '';
    missing.push(`${e.address}${e.path ? ` (${e.path})` : ''} [${e.kind}] disappeared or was renamed without a moved block${hint}; if deliberate (data loss accepted), run npm run contracts:update`);
  }
  const added = current.filter((c) => !known.has(c.address)).map((c) => `${c.address}${c.path ? ` (${c.path})` : ''} [${c.kind}]`);
  return { missing, moved, added };
}

function splitAddress(address: string): [string, string] {
  const i = address.indexOf('/');
  return [address.slice(0, i), address.slice(i + 1)];
}
