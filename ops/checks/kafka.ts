/**
 * Kafka checks through a small admin interface (`KafkaAdmin`): the bootstrap listener answers, and
 * every topic of the model exists with the partitions and replication it declares. The kafkajs
 * implementation is the real one; tests may substitute another.
 */
import { Admin, Kafka, logLevel } from 'kafkajs';
import { TopicModel } from '../model';
import { Check } from '../runner';
import { CheckFailure } from './failure';

export interface TopicState {
  readonly partitions: number;
  /** Replicas of the least-replicated partition. */
  readonly replication: number;
}

export interface KafkaAdmin {
  connect(): Promise<void>;
  listTopics(): Promise<string[]>;
  /** Undefined when the topic does not exist. */
  describeTopic(name: string): Promise<TopicState | undefined>;
  disconnect(): Promise<void>;
}

export type KafkaAdminFactory = (bootstrap: string, timeoutMs: number) => KafkaAdmin;

/** The kafkajs admin client, with its own retries off (verify retries) and its logger silenced. */
export const kafkajsAdmin: KafkaAdminFactory = (bootstrap, timeoutMs) => {
  const kafka = new Kafka({
    clientId: 'datalab-verify',
    brokers: bootstrap.split(','),
    connectionTimeout: timeoutMs,
    requestTimeout: timeoutMs,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  const admin: Admin = kafka.admin({ retry: { retries: 0 } });
  return {
    connect: () => admin.connect(),
    listTopics: () => admin.listTopics(),
    async describeTopic(name) {
      const names = await admin.listTopics();
      if (!names.includes(name)) return undefined;
      const { topics } = await admin.fetchTopicMetadata({ topics: [name] });
      const partitions = topics[0]?.partitions ?? [];
      return { partitions: partitions.length, replication: Math.min(...partitions.map((p) => p.replicas.length)) };
    },
    disconnect: () => admin.disconnect(),
  };
};

export interface KafkaCheckOptions {
  readonly admin: KafkaAdminFactory;
  readonly timeoutMs: number;
  /** Admins created by the checks; the caller disconnects them at the end. */
  readonly admins: Map<string, KafkaAdmin>;
  /** The service and stack that serve an endpoint, for hints and grouping. @default - the topic's stack, service "kafka" */
  readonly ownerOf?: (endpoint: string) => { readonly stack: string; readonly service: string } | undefined;
}

export function kafkaChecks(topics: readonly TopicModel[], opts: KafkaCheckOptions): Check[] {
  const checks: Check[] = [];
  const bootstraps = new Map<string, string>();
  for (const t of topics) {
    const owner = opts.ownerOf?.(t.bootstrap) ?? { stack: t.stack, service: 'kafka' };
    let connectId = bootstraps.get(t.bootstrap);
    if (!connectId) {
      connectId = `${owner.stack}/${owner.service}/bootstrap${bootstraps.size === 0 ? '' : `-${bootstraps.size + 1}`}`;
      bootstraps.set(t.bootstrap, connectId);
      checks.push(bootstrapCheck(connectId, t, opts, owner));
    }
    checks.push(topicCheck(connectId, t, opts, owner.service));
  }
  return checks;
}

function bootstrapCheck(id: string, t: TopicModel, opts: KafkaCheckOptions, owner: { stack: string; service: string }): Check {
  return {
    id,
    group: owner.stack,
    kind: 'kafka',
    name: `${owner.service} bootstrap`,
    endpoint: t.bootstrap,
    service: owner.service,
    async run() {
      // Every attempt starts with a fresh client: one from a timed-out attempt may be half connected.
      const previous = opts.admins.get(t.bootstrap);
      if (previous) await previous.disconnect().catch(() => undefined);
      const admin = opts.admin(t.bootstrap, opts.timeoutMs);
      opts.admins.set(t.bootstrap, admin);
      try {
        await admin.connect();
        const names = await admin.listTopics();
        return `${names.filter((n) => !n.startsWith('__')).length} topics`;
      } catch (err) {
        opts.admins.delete(t.bootstrap);
        await admin.disconnect().catch(() => undefined);
        throw advertisedListenerHint(err, t.bootstrap) ?? err;
      }
    },
  };
}

/** The broker answered but advertised an address this host cannot reach (pitfall: advertised listeners). */
function advertisedListenerHint(err: unknown, bootstrap: string): CheckFailure | undefined {
  const m = /getaddrinfo (?:ENOTFOUND|EAI_AGAIN) ([^\s:]+)(?::(\d+))?/.exec(String((err as Error)?.message ?? ''));
  if (!m || bootstrap.startsWith(`${m[1]}:`)) return undefined;
  return new CheckFailure(
    `the broker at ${bootstrap} advertises ${m[1]}${m[2] ? `:${m[2]}` : ''}, which this host cannot reach`,
    'the host listener in KAFKA_ADVERTISED_LISTENERS must name the published address and port; redeploy core',
    false,
  );
}

function topicCheck(connectId: string, t: TopicModel, opts: KafkaCheckOptions, service: string): Check {
  return {
    id: `${t.stack}/${service}/topic/${t.name}`,
    group: t.stack,
    kind: 'kafka',
    name: `topic ${t.name}`,
    endpoint: t.bootstrap,
    service,
    dependsOn: connectId,
    async run() {
      const admin = opts.admins.get(t.bootstrap);
      if (!admin) throw new CheckFailure(`no connection to ${t.bootstrap}`, 'see the bootstrap check');
      const state = await admin.describeTopic(t.name);
      if (!state) {
        throw new CheckFailure(
          `topic "${t.name}" does not exist`,
          `run \`npx cdktf deploy ${t.stack}\` (topics are created by Terraform; auto-creation is off)`,
          false,
        );
      }
      const wrong: string[] = [];
      if (state.partitions !== t.partitions) wrong.push(`${state.partitions} partitions, the model says ${t.partitions}`);
      if (state.replication !== t.replication) wrong.push(`replication ${state.replication}, the model says ${t.replication}`);
      if (wrong.length > 0) {
        const fewer = state.partitions > t.partitions;
        throw new CheckFailure(
          `topic "${t.name}": ${wrong.join('; ')}`,
          fewer
            ? `Kafka cannot reduce partitions: recreate the topic (data loss) or set partitions: ${state.partitions} in config`
            : `run \`npx cdktf deploy ${t.stack}\` to apply the model`,
          false,
        );
      }
      return `${state.partitions} partitions, replication ${state.replication}`;
    },
  };
}
