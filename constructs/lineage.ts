/**
 * Data lineage a construct declares: which buckets and topics it reads and writes. The diagram
 * (`npx datalab diagram`) draws these edges; nothing is deployed from them.
 *
 * Most lineage needs no declaration: every grant (`lake.bronze.grantRead(service)`,
 * `topic.grantWrite(job)`) is recorded with its grantee, and lineage is read from those records.
 * Declare lineage only for what no grant shows, e.g. a flow through credentials the platform does
 * not hand out: `declareLineage(job, { name: 'bronze-to-silver', kind: 'job', reads: [lake.bronze], writes: [lake.silver] })`.
 */
import type { IConstruct } from 'constructs';
import type { KafkaTopic } from './kafka-topic';
import type { LakeBucket } from './lake-bucket';
import { ConstructError } from './construct-error';

/** A bucket (optionally a prefix of it) or a topic. */
export type LineageTarget = LakeBucket | KafkaTopic | { readonly bucket: LakeBucket; readonly prefix?: string };

export type LineageKind = 'service' | 'job';

export interface LineageDeclaration {
  /** Name shown in the diagram; unique per platform. */
  readonly name: string;
  /** @default 'job' */
  readonly kind?: LineageKind;
  /** @default [] */
  readonly reads?: readonly LineageTarget[];
  /** @default [] */
  readonly writes?: readonly LineageTarget[];
}

// A side table rather than a field: any construct (including ones from other libraries) can declare lineage.
const declarations = new WeakMap<IConstruct, LineageDeclaration[]>();

/** Records that `scope` reads and writes the given targets. May be called more than once. */
export function declareLineage(scope: IConstruct, declaration: LineageDeclaration): void {
  if (!declaration.name) throw new ConstructError(scope, 'declareLineage: a name is required');
  const list = declarations.get(scope) ?? [];
  list.push(declaration);
  declarations.set(scope, list);
}

/** The declarations made on exactly this construct. */
export function declaredLineage(scope: IConstruct): readonly LineageDeclaration[] {
  return declarations.get(scope) ?? [];
}
