import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Testing, TerraformStack } from 'cdktf';
import { Document, parseDocument } from 'yaml';
import { ConfigError, loadEnvironment, parseEnvironment } from '../config/loader';
import { EnvConfig } from '../config/schema';
import { buildPlatform, Platform } from '../stacks/platform';

export const ENVS = ['dev', 'staging', 'prod', 'e2e'] as const;
/** The environments whose lake runs on MinIO, and on SeaweedFS (read from their config files). */
export const MINIO_ENVS = ENVS.filter((e) => loadEnvironment(e).core.objectStore === 'minio');
export const SEAWEEDFS_ENVS = ENVS.filter((e) => loadEnvironment(e).core.objectStore === 'seaweedfs');

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

/** A synthesized docker_container, with the attributes the tests read. */
export type Container = Record<string, unknown> & {
  name: string;
  image: string;
  command?: string[];
  env?: string[];
  memory: number;
  memory_swap: number;
  restart: string;
  ports?: { internal: number; external: number; ip: string }[];
  healthcheck?: { test: string[]; interval: string; timeout: string; start_period: string; retries: number };
  labels: { label: string; value: string }[];
  upload?: { file: string; content: string; executable?: boolean }[];
  volumes?: { volume_name?: string; container_path: string }[];
  depends_on?: string[];
};

/** The containers that run: services and one-shot jobs, not the never-started file holders. */
export const containers = (json: TfJson): Container[] => (Object.values(resourcesOf(json, 'docker_container')) as Container[]).filter((c) => c.start !== false);
export const container = (json: TfJson, name: string): Container => resourceAt(json, 'docker_container', `${name}/container`) as Container;
/**
 * The files uploaded for a service: into its never-started file holder when its root is read-only
 * (constructs/docker-service.ts), else into its container.
 */
export const uploadsOf = (json: TfJson, name: string): NonNullable<Container['upload']> => {
  const holder = idsUnder(json, 'docker_container', `${name}/files`).length ? (resourceAt(json, 'docker_container', `${name}/files`) as Container) : undefined;
  return (holder ?? container(json, name)).upload ?? [];
};
export const envOf = (c: Container): Record<string, string> =>
  Object.fromEntries((c.env ?? []).map((e) => [e.slice(0, e.indexOf('=')), e.slice(e.indexOf('=') + 1)]));

/**
 * What every container of every stack must have (the guide's container rules): an image from a
 * docker_image resource, a health check, a memory limit without swap, no privileges, no `cpus`
 * (provider trap), bounded logs, host ports on loopback, and a restart policy — `unless-stopped`,
 * or `no` with `must_run = false` for a one-shot job that exits.
 */
export function expectServiceStandards(c: Container): void {
  expect(c.image).toMatch(/^\$\{docker_image\.[^}]+\.image_id\}$/);
  expect(c.healthcheck?.test.length).toBeGreaterThan(1);
  expect(c.memory).toBeGreaterThan(0);
  expect(c.memory_swap).toBe(c.memory);
  expect(c.privileged).toBe(false);
  expect(c.cpus).toBeUndefined();
  expect(c.log_opts).toEqual({ 'max-size': '10m', 'max-file': '3' });
  for (const p of c.ports ?? []) expect(p.ip).toBe('127.0.0.1');
  if (c.restart === 'no') expect(c.must_run).toBe(false);
  else expect(c.restart).toBe('unless-stopped');
}

const DEV_YAML = fs.readFileSync(path.join(__dirname, '..', 'config', 'dev.yaml'), 'utf8');

/** config/dev.yaml with `edit` applied to its parsed document, re-serialized (comments kept). */
export function devYamlWith(edit: (doc: Document) => void): string {
  const doc = parseDocument(DEV_YAML);
  edit(doc);
  return doc.toString();
}

/** The ConfigError that validating `text` as dev's file raises; fails the test when there is none. */
export function configErrorOf(text: string, file = 'config/dev.yaml'): ConfigError {
  try {
    parseEnvironment(text, file, 'dev');
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
}

/** The S3 endpoint an environment's lake hands out inside the network. */
export function lakeEndpointOf(env: string): string {
  return loadEnvironment(env).core.objectStore === 'minio' ? 'http://minio:9000' : 'http://seaweedfs:8333';
}

/**
 * The credentials a consumer's container receives for its lake identity `name` (construct path
 * `minioPath` of the MinIO user in the consumer's stack): on MinIO references to the user in that
 * stack, on SeaweedFS the name and a cross-stack reference to the secret generated in core.
 */
export function expectLakeCredentials(env: string, e: Readonly<Record<string, string>>, name: string, minioPath: string): void {
  if (loadEnvironment(env).core.objectStore === 'minio') {
    const id = minioPath.replace(/\//g, '_');
    expect(e.AWS_ACCESS_KEY_ID).toMatch(new RegExp(`^\\$\\{minio_iam_user\\.${escape(id)}_[A-F0-9]{8}\\.name\\}$`));
    expect(e.AWS_SECRET_ACCESS_KEY).toMatch(new RegExp(`^\\$\\{minio_iam_user\\.${escape(id)}_[A-F0-9]{8}\\.secret\\}$`));
  } else {
    expect(e.AWS_ACCESS_KEY_ID).toBe(name);
    expect(e.AWS_SECRET_ACCESS_KEY).toMatch(
      new RegExp(`^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-core\\.outputs\\.cross-stack-output-random_passwordlake_identity-${escape(name)}_[A-F0-9]{8}result\\}$`),
    );
  }
}
