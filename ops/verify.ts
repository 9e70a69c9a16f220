/**
 * `datalab verify`: compares what the model says an environment contains with what answers on the
 * Docker host. The plan is derived from the model only (`planVerify`), so every stack, service,
 * bucket, topic and registration is covered as soon as it is built.
 */
import { S3Client } from '@aws-sdk/client-s3';
import { consulChecks } from './checks/consul';
import { healthChecks } from './checks/health';
import { KafkaAdmin, KafkaAdminFactory, kafkaChecks, kafkajsAdmin } from './checks/kafka';
import { s3Checks } from './checks/s3';
import { requireSomethingDeployed } from './deployment';
import { PlatformModel, serviceAt } from './model';
import { Check, CheckResult, runChecks } from './runner';

export interface VerifyOptions {
  /** Groups (stacks) to check. @default - every stack of the environment */
  readonly groups?: readonly string[];
  /** Project root: state files are relative to it. */
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly backoffMs: number;
  /** @default 4 */
  readonly concurrency?: number;
  /** @default kafkajs */
  readonly kafkaAdmin?: KafkaAdminFactory;
  readonly onResult?: (r: CheckResult) => void;
}

export interface VerifyReport {
  readonly environment: string;
  readonly groups: readonly string[];
  readonly ok: boolean;
  readonly summary: { readonly passed: number; readonly failed: number; readonly skipped: number };
  readonly checks: readonly CheckResult[];
}

/** Thrown for a group name the environment does not have. */
export class UnknownGroupError extends Error {
  override name = 'UnknownGroupError';
}

export function selectGroups(model: PlatformModel, groups: readonly string[] | undefined): string[] {
  const all = model.stacks.map((s) => s.name);
  if (!groups || groups.length === 0) return all;
  const unknown = groups.filter((g) => !all.includes(g));
  if (unknown.length > 0) {
    throw new UnknownGroupError(`unknown group${unknown.length > 1 ? 's' : ''} ${unknown.map((g) => `"${g}"`).join(', ')} in environment ${model.environment}; valid: ${all.join(', ')}`);
  }
  return all.filter((g) => groups.includes(g));
}

interface Resources {
  readonly s3: Map<string, S3Client>;
  readonly kafka: Map<string, KafkaAdmin>;
}

/** The checks for the selected groups, in a stable order: the lake, Kafka, Consul, then health. */
export function planVerify(model: PlatformModel, opts: VerifyOptions, res: Resources): Check[] {
  const groups = new Set(selectGroups(model, opts.groups));
  const inGroups = <T extends { stack: string }>(xs: readonly T[]) => xs.filter((x) => groups.has(x.stack));
  const secrets = { root: opts.root, env: opts.env, states: Object.fromEntries(model.stacks.map((s) => [s.name, s])) };
  // A shared server (the lake's store, Kafka, Consul) is checked once, under the stack that runs it.
  const ownerOf = (endpoint: string) => serviceAt(model, endpoint);
  return [
    ...s3Checks(inGroups(model.buckets), { secrets, timeoutMs: opts.timeoutMs, clients: res.s3, ownerOf }),
    ...kafkaChecks(inGroups(model.topics), { admin: opts.kafkaAdmin ?? kafkajsAdmin, timeoutMs: opts.timeoutMs, admins: res.kafka, ownerOf }),
    ...consulChecks(inGroups(model.registrations), { environment: model.environment, token: opts.env.CONSUL_HTTP_TOKEN || undefined, ownerOf }),
    ...healthChecks(inGroups(model.services), model.environment),
  ];
}

export async function verify(model: PlatformModel, opts: VerifyOptions): Promise<VerifyReport> {
  const groups = selectGroups(model, opts.groups);
  requireSomethingDeployed(model.environment, model.stacks.filter((s) => groups.includes(s.name)), opts.root);
  const res: Resources = { s3: new Map(), kafka: new Map() };
  try {
    const checks = planVerify(model, opts, res);
    const results = await runChecks(checks, {
      environment: model.environment,
      timeoutMs: opts.timeoutMs,
      retries: opts.retries,
      backoffMs: opts.backoffMs,
      concurrency: opts.concurrency,
      onResult: opts.onResult,
    });
    const count = (s: CheckResult['status']) => results.filter((r) => r.status === s).length;
    const summary = { passed: count('pass'), failed: count('fail'), skipped: count('skip') };
    return { environment: model.environment, groups, ok: summary.failed === 0, summary, checks: results };
  } finally {
    for (const c of res.s3.values()) c.destroy();
    await Promise.all([...res.kafka.values()].map((a) => a.disconnect().catch(() => undefined)));
  }
}
