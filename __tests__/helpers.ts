import { App, Testing, TerraformStack } from 'cdktf';
import { loadEnvironment } from '../config/loader';
import { EnvConfig } from '../config/schema';
import { buildPlatform, Platform } from '../stacks/platform';

export const ENVS = ['dev', 'staging', 'prod'] as const;

/** A synthesized stack as Terraform JSON. */
export type TfJson = {
  terraform: { backend?: Record<string, Record<string, unknown>>; required_providers: Record<string, { source: string; version: string }> };
  provider: Record<string, Record<string, unknown>[]>;
  resource: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  output?: Record<string, { value: unknown; sensitive?: boolean; description?: string }>;
};

export function platformFor(env: string | EnvConfig): { app: App; platform: Platform } {
  const cfg = typeof env === 'string' ? loadEnvironment(env) : env;
  const app = Testing.app();
  return { app, platform: buildPlatform(app, cfg) };
}

export function synthJson(stack: TerraformStack): TfJson {
  return JSON.parse(Testing.synth(stack)) as TfJson;
}

/** All resources of a type, keyed by logical id. */
export function resourcesOf(json: TfJson, type: string): Record<string, Record<string, unknown>> {
  return json.resource[type] ?? {};
}

/**
 * The one resource of a type at a construct path below the stack (`minio/container`; a child
 * named `Resource` is left out, as cdktf does). cdktf
 * derives logical ids from that path (`minio_container_1A2B3C4D`), which is what we match.
 */
export function resourceAt(json: TfJson, type: string, path: string): Record<string, unknown> {
  const id = logicalIdAt(json, type, path);
  return resourcesOf(json, type)[id];
}

export function logicalIdAt(json: TfJson, type: string, path: string): string {
  const prefix = path.replace(/\//g, '_');
  const hits = Object.keys(resourcesOf(json, type)).filter((id) => new RegExp(`^${escape(prefix)}_[A-F0-9]{8}$`).test(id));
  if (hits.length !== 1) throw new Error(`expected one ${type} at ${path}, found ${hits.length}: ${Object.keys(resourcesOf(json, type)).join(', ')}`);
  return hits[0];
}

/** Logical ids of a type, keyed by id, whose construct path starts with `pathPrefix`. */
export function idsUnder(json: TfJson, type: string, pathPrefix: string): string[] {
  const prefix = pathPrefix.replace(/\//g, '_');
  return Object.keys(resourcesOf(json, type)).filter((id) => id.startsWith(`${prefix}_`));
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
