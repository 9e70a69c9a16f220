/**
 * d. consul: every core service is registered and its check (run by consul-esm) passes; then the
 * broker is stopped and its check must turn critical within a bound while the others stay
 * passing. The broker stays stopped for the verify step.
 */
import { log } from '../../lib/log';
import { AssertionFailed, poll, sleep } from '../assert';
import { checkRegistered, describeStatuses, statuses } from '../consul';
import { containerName, Scenario } from '../context';
import { inspectContainer, startContainer, stopContainer, waitHealthy } from '../docker';
import type { ScenarioStep } from '../runner';
import { stateOutput } from '../state';

/** What core registers: Consul itself, consul-esm, the lake's server and the broker. */
export const REGISTRATIONS = ['consul', 'consul-esm', 'kafka', 'seaweedfs'] as const;
export const STOPPED = 'kafka';
/** consul-esm runs each check every 10 s: a few cycles after a deploy, or after a stop. */
const ALL_PASSING_BOUND_MS = 90_000;
const CRITICAL_BOUND_MS = 90_000;
/** After the broker turns critical, one more check cycle in which the others must stay passing. */
const OBSERVE_OTHERS_MS = 15_000;

type Statuses = Awaited<ReturnType<typeof statuses>>;

export async function waitAllPassing(base: string, what: string): Promise<number> {
  let last: Statuses = new Map();
  const { ms } = await poll(
    what,
    async () => {
      last = await statuses(base, REGISTRATIONS);
      return [...last.values()].every((v) => v.status === 'passing') ? true : undefined;
    },
    { timeoutMs: ALL_PASSING_BOUND_MS, intervalMs: 1000 },
    () => describeStatuses(last),
  );
  return ms;
}

/** Starts the broker again if it is stopped, and waits until Docker and Consul both call it healthy. */
export async function restartStopped(s: Scenario): Promise<void> {
  const name = containerName(STOPPED);
  if ((await inspectContainer(name))?.status !== 'running') await startContainer(name);
  await waitHealthy([name], 5 * 60_000);
  await waitAllPassing(stateOutput(s, 'consul_url'), `${STOPPED} passing again in Consul`);
}

/** Every registration's status, polled; remembers each other service seen not passing. */
class Watch {
  last: Statuses = new Map();
  readonly othersNotPassing = new Set<string>();
  private readonly others = REGISTRATIONS.filter((r) => r !== STOPPED);

  constructor(private readonly base: string) {}

  async observe(): Promise<Statuses> {
    this.last = await statuses(this.base, REGISTRATIONS);
    for (const o of this.others) if (this.last.get(o)?.status !== 'passing') this.othersNotPassing.add(`${o}: ${this.last.get(o)?.status}`);
    return this.last;
  }

  async observeFor(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      await sleep(1000);
      await this.observe();
    }
  }

  stoppedStatus(): string | undefined {
    return this.last.get(STOPPED)?.status;
  }
}

/**
 * Stops the broker and polls until its check is critical; the time runs from issuing the stop:
 * the broker is gone once it returns, and consul-esm may have run its check meanwhile (every 10 s,
 * timeout 5 s, so critical is expected within about 15 s).
 */
async function stopUntilCritical(watch: Watch): Promise<number> {
  const issued = Date.now();
  const stopped = await stopContainer(containerName(STOPPED));
  log(`  docker stop ${containerName(STOPPED)}: ${Math.round(stopped.ms / 100) / 10} s`);
  await poll(
    `${STOPPED}'s check critical after docker stop`,
    async () => ((await watch.observe()).get(STOPPED)?.status === 'critical' ? true : undefined),
    { timeoutMs: CRITICAL_BOUND_MS, intervalMs: 1000 },
    () => describeStatuses(watch.last),
  );
  return Date.now() - issued;
}

export const consul: ScenarioStep = {
  name: 'consul',
  summary: `registrations and checks passing; docker stop ${containerName(STOPPED)} turns only its check critical (left stopped)`,
  needs: ['deploy'],
  services: ['consul', 'consul-esm', 'kafka'],
  recover: restartStopped,
  async run(s) {
    const base = stateOutput(s, 'consul_url');
    await checkRegistered(base, REGISTRATIONS);
    const passingMs = await waitAllPassing(base, 'every registration passing');
    log(`  ${REGISTRATIONS.join(', ')}: passing (after ${Math.round(passingMs / 1000)} s)`);

    const watch = new Watch(base);
    const ms = await stopUntilCritical(watch);
    log(`  ${STOPPED}: critical ${Math.round(ms / 100) / 10} s after docker stop was issued (bound ${CRITICAL_BOUND_MS / 1000} s): ${watch.last.get(STOPPED)?.output}`);
    s.measurements.record(`${STOPPED} check critical after stop`, ms, `from issuing \`docker stop\` until Consul reports the check critical (polled every 1 s, bound ${CRITICAL_BOUND_MS / 1000} s; consul-esm checks every 10 s)`);

    await watch.observeFor(OBSERVE_OTHERS_MS);
    if (watch.othersNotPassing.size) throw new AssertionFailed(`with ${STOPPED} stopped, the other checks must stay passing; seen: ${[...watch.othersNotPassing].join(', ')}`);
    if (watch.stoppedStatus() !== 'critical') throw new AssertionFailed(`${STOPPED}'s check must stay critical while it is stopped: ${describeStatuses(watch.last)}`);
    log(`  ${REGISTRATIONS.filter((r) => r !== STOPPED).join(', ')}: stayed passing`);
  },
};
