/**
 * Reading synthesized Terraform JSON (cdk.tf.json or `stack.toTerraform()`) into flat lists of
 * resources, data sources and provider blocks that rules, scans and the schema check walk.
 */
import { SynthResource } from './types';

/** One stack's synthesized JSON, as cdktf writes it. */
export interface StackJson {
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly output?: Record<string, { value?: unknown; sensitive?: boolean; description?: string }>;
  readonly moved?: readonly { from: string; to: string }[];
  readonly [key: string]: unknown;
}

/** A synthesized stack by name. */
export interface SynthStack {
  readonly name: string;
  readonly json: StackJson;
}

function withoutMeta(config: Record<string, unknown>): Record<string, unknown> {
  const { ['//']: _meta, ...rest } = config;
  return rest;
}

function pathOf(config: Record<string, unknown>): string | undefined {
  const meta = config['//'] as { metadata?: { path?: string } } | undefined;
  return meta?.metadata?.path;
}

/** Every `resource` of a stack. */
export function resourcesOf(stack: SynthStack): SynthResource[] {
  const out: SynthResource[] = [];
  for (const [type, byName] of Object.entries(stack.json.resource ?? {})) {
    for (const [name, config] of Object.entries(byName)) {
      out.push({ stack: stack.name, type, name, address: `${stack.name}/${type}.${name}`, path: pathOf(config), config: withoutMeta(config) });
    }
  }
  return out;
}

/** Every `data` source of a stack (address `<stack>/data.<type>.<name>`). */
export function dataSourcesOf(stack: SynthStack): SynthResource[] {
  const out: SynthResource[] = [];
  for (const [type, byName] of Object.entries(stack.json.data ?? {})) {
    for (const [name, config] of Object.entries(byName)) {
      out.push({ stack: stack.name, type, name, address: `${stack.name}/data.${type}.${name}`, path: pathOf(config), config: withoutMeta(config) });
    }
  }
  return out;
}

/** Every provider block (address `<stack>/provider.<name>[<i>]`). */
export function providersOf(stack: SynthStack): SynthResource[] {
  const out: SynthResource[] = [];
  for (const [type, list] of Object.entries(stack.json.provider ?? {})) {
    (Array.isArray(list) ? list : [list]).forEach((config, i) => {
      out.push({ stack: stack.name, type, name: String(i), address: `${stack.name}/provider.${type}[${i}]`, config: withoutMeta(config as Record<string, unknown>) });
    });
  }
  return out;
}
