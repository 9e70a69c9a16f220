/**
 * e. verify: with the broker stopped (consul step), `npx datalab verify core` must exit 1 and its
 * failures must name the broker and nothing else; with the broker started again and healthy, it
 * must exit 0. Only core is deployed, so verify is limited to the core group (the other groups
 * of the environment would fail as "not deployed").
 */
import { log } from '../../lib/log';
import { AssertionFailed, checkEqual, checkSameSet } from '../assert';
import { datalab } from '../commands';
import type { Scenario } from '../context';
import type { ScenarioStep } from '../runner';
import { restartStopped, STOPPED } from './consul';

interface VerifyCheck {
  readonly id: string;
  readonly status: 'pass' | 'fail' | 'skip';
  readonly detail: string;
}

interface VerifyReport {
  readonly ok: boolean;
  readonly summary: { readonly passed: number; readonly failed: number; readonly skipped: number };
  readonly checks: readonly VerifyCheck[];
}

/**
 * The service a check is about. Ids are `<group>/<service>/<kind>/<name>` (docs/operations.md);
 * Consul's per-registration checks belong to consul but are about the registered service:
 * `core/consul/service/kafka` is about kafka.
 */
export function subjectOf(id: string): string {
  const [, service, kind, name] = id.split('/');
  return service === 'consul' && kind === 'service' && name ? name : service;
}

async function verifyCore(s: Scenario): Promise<{ readonly code: number; readonly report: VerifyReport }> {
  const r = await datalab(s, ['verify', 'core', '--json', '--quiet'], { okCodes: [0, 1, 2], timeoutMs: 5 * 60_000 });
  if (r.code === 2) throw new AssertionFailed(`datalab verify core refused to run (exit 2): ${r.stderr.trim()}`);
  return { code: r.code, report: JSON.parse(r.stdout) as VerifyReport };
}

const failures = (report: VerifyReport) => report.checks.filter((c) => c.status === 'fail');
const describe = (checks: readonly VerifyCheck[]) => checks.map((c) => `${c.id}: ${c.detail}`).join('; ');

export const verify: ScenarioStep = {
  name: 'verify',
  summary: `npx datalab verify core: exit 1 naming only ${STOPPED} while it is stopped, exit 0 once it is back`,
  needs: ['deploy', 'consul'],
  services: ['kafka', 'consul-esm'],
  recover: restartStopped,
  async run(s) {
    const down = await verifyCore(s);
    checkEqual(down.code, 1, `datalab verify core exit code with ${STOPPED} stopped (${describe(failures(down.report)) || 'no failures'})`);
    checkSameSet(failures(down.report).map((c) => subjectOf(c.id)), [STOPPED], 'services named by the failed checks');
    for (const c of failures(down.report)) log(`  FAIL ${c.id}: ${c.detail}`);

    await restartStopped(s);
    log(`  ${STOPPED} started again: healthy and passing`);
    const up = await verifyCore(s);
    if (up.code !== 0) throw new AssertionFailed(`datalab verify core must exit 0 with ${STOPPED} back, exited ${up.code}: ${describe(failures(up.report))}`);
    const { passed, skipped } = up.report.summary;
    log(`  datalab verify core: exit 0 (${passed} passed, ${skipped} skipped)`);
  },
};
