/**
 * monitoring: `npx cdktf deploy monitoring` on the deployed platform (placed after the steps that
 * deploy the groups it watches, before any of them is destroyed), then Prometheus checked as its
 * users use it, against whatever groups are deployed at that moment (read from the states and the
 * synthesized stacks, never from a list):
 *
 * - Prometheus healthy, passing in Consul, confined as declared;
 * - every target up (`/api/v1/targets`), and the jobs discovered through Consul exactly the
 *   services the deployed stacks register with a metrics endpoint, plus the static jobs;
 * - samples from every scraped job, so a query over each deployed group's metrics returns data;
 * - every query of the provisioned Grafana dashboards, Grafana's variables substituted as Grafana
 *   does, returns data from this Prometheus (a per-service query, `by (job)`, a series for every job
 *   that has its metric), or is reported as not exercised when only a service
 *   the environment does not deploy exports what it needs (Kafka UI is off in e2e), or is a
 *   comparison that is rightly empty while its operand returns data (`up == 0` with every target up).
 *
 * Grafana itself is not deployed by the e2e environment (AGPL: no stand-in); its provisioning is
 * checked offline by the unit tests (__tests__/grafana-provisioning.test.ts).
 */
import { loadEnvironment } from '../../../config/loader';
import { log } from '../../lib/log';
import { AssertionFailed, check, checkSameSet, poll, sleep } from '../assert';
import { cdktf } from '../commands';
import { configDirOf } from '../config-copy';
import { describeStatuses, statuses } from '../consul';
import { containerName, ENVIRONMENT, ENVIRONMENT_LABEL } from '../context';
import { capture } from '../../lib/exec';
import { checkCoreUp, checkStackUp } from '../core-up';
import { inspectContainer } from '../docker';
import {
  ActiveTarget,
  builtInValues,
  comparisonOperand,
  DashboardQuery,
  perJob,
  PrometheusApi,
  provisionedDashboards,
  QueryResult,
  scrapeExpectation,
  selectorsIn,
  seriesCount,
  substitute,
  unmonitoredGroups,
  variableValue,
} from '../monitoring';
import type { ScenarioStep } from '../runner';
import { declaredContainers } from '../stack';
import { stateOutput } from '../state';
import { asDeclaredProblems, declarationProblems } from './hardening';

/** Consul's catalog is re-read every 30 s (refresh_interval) and each target scraped every interval: a few rounds. */
const ALL_UP_BOUND_MS = 150_000;
/** A dashboard's range queries look back this far (enough for rate() over $__rate_interval). */
const RANGE_S = 300;

const MONITORING_SERVICES = ['prometheus', 'consul', 'consul-esm'] as const;

function describeTargets(targets: readonly ActiveTarget[]): string {
  return targets.map((t) => `${t.labels.job}/${t.labels.instance}: ${t.health}${t.lastError ? ` (${t.lastError.slice(0, 120)})` : ''}`).join('; ');
}

export const monitoring: ScenarioStep = {
  name: 'monitoring',
  summary: 'npx cdktf deploy monitoring: Prometheus healthy and confined; every target up and the discovered jobs exactly what the deployed stacks register with metrics; data from every group; every dashboard query answered (or reported as not exercised)',
  needs: ['deploy'],
  services: MONITORING_SERVICES,
  async run(s) {
    const cfg = loadEnvironment(ENVIRONMENT, configDirOf(s)).monitoring;
    check(cfg, 'the environment in force has no monitoring section');
    const started = Date.now();
    const r = await cdktf(s, 'deploy', { timeoutMs: 15 * 60_000 }, 'monitoring');
    log(`  cdktf deploy monitoring: ${/Apply complete! Resources: [^\n]*/.exec(r.stdout)?.[0] ?? 'done'} (${Math.round(r.ms / 1000)} s)`);

    // Exactly the declared containers of the group, the long-running ones healthy.
    await checkStackUp(s, 'monitoring', 5 * 60_000);
    const declared = declaredContainers(s, 'monitoring');
    if (!cfg.grafana.enabled) check(!declared.some((d) => d.name === containerName('grafana')), 'Grafana is switched off, yet the stack declares a Grafana container');
    const healthyMs = Date.now() - started;
    s.measurements.record('cdktf deploy monitoring', r.ms, 'synth, plan, apply: Prometheus (its file holder and registration) created and healthy');
    s.measurements.record('monitoring deploy to healthy', healthyMs, "from the deploy command's start until Prometheus reports healthy");

    // Confined as declared (Prometheus has no hardening exception: docs/policy.md).
    const problems: string[] = [];
    for (const d of declared) {
      const found = (p: string) => problems.push(`${d.name}: ${p}`);
      declarationProblems(d.confinement, d.holdsFiles).forEach(found);
      (await asDeclaredProblems(d)).forEach(found);
    }
    if (problems.length) throw new AssertionFailed(`monitoring containers not confined as declared:\n  ${problems.join('\n  ')}`);
    log(`  ${declared.map((d) => d.name).join(', ')}: confined as declared (user, no capability, no-new-privileges, read-only root; the file holder never ran)`);

    // Registered in Consul, and its check (run by consul-esm) passing.
    const consulUrl = stateOutput(s, 'consul_url');
    const monitoringServices = declared.filter((d) => !d.holdsFiles).map((d) => d.name.replace(`${containerName('')}`, ''));
    let last = new Map<string, { status: string; output: string }>();
    await poll(
      'the monitoring services passing in Consul',
      async () => {
        last = new Map(await statuses(consulUrl, monitoringServices));
        return [...last.values()].every((v) => v.status === 'passing') ? true : undefined;
      },
      { timeoutMs: 90_000, intervalMs: 2000 },
      () => describeStatuses(last),
    );
    log(`  Consul: ${describeStatuses(last)}`);

    // Every target up; the discovered jobs are what the deployed stacks register with metrics.
    const expected = scrapeExpectation(s);
    const prom = new PrometheusApi(stateOutput(s, 'prometheus_url', 'monitoring'));
    const expectedJobs = [...expected.discovered.keys(), ...expected.staticJobs.keys()];
    let targets: readonly ActiveTarget[] = [];
    const allUp = await poll(
      'every expected job discovered and every target up',
      async () => {
        targets = await prom.activeTargets();
        const jobs = new Set(targets.map((t) => t.labels.job));
        return expectedJobs.every((j) => jobs.has(j)) && targets.every((t) => t.health === 'up') ? true : undefined;
      },
      { timeoutMs: ALL_UP_BOUND_MS, intervalMs: 3000 },
      () => `expected jobs ${expectedJobs.join(', ')}; targets: ${describeTargets(targets)}`,
    );
    const allUpAt = Date.now();
    s.measurements.record('monitoring deploy to every target up', allUpAt - started, `from the deploy command's start until Prometheus reports all ${targets.length} targets up (Consul re-read every 30 s, scrape every ${cfg.prometheus.scrapeIntervalSeconds} s)`);
    const discoveredJobs = targets.filter((t) => t.scrapePool === 'consul-services').map((t) => t.labels.job);
    checkSameSet(discoveredJobs, [...expected.discovered.keys()], `jobs discovered through Consul (the deployed stacks ${expected.stacks.join(', ')} register these services with metrics)`);
    checkSameSet(targets.filter((t) => t.scrapePool !== 'consul-services').map((t) => t.labels.job), [...expected.staticJobs.keys()], 'static jobs');
    for (const t of targets) {
      const group = expected.discovered.get(t.labels.job) ?? expected.staticJobs.get(t.labels.job);
      if (t.labels.group !== group) throw new AssertionFailed(`target ${t.labels.job}/${t.labels.instance} has group label ${JSON.stringify(t.labels.group)}, its registration says ${JSON.stringify(group)}`);
    }
    const withoutMetrics = expected.registered.filter((n) => !expectedJobs.includes(n));
    log(`  ${targets.length} targets up after ${Math.round(allUp.ms / 1000)} s of polling: ${[...new Set(targets.map((t) => `${t.labels.job} (${t.labels.group})`))].sort().join(', ')}; registered without metrics, so not scraped: ${withoutMetrics.join(', ') || 'none'}`);

    // Samples from every scraped job, so a query over each deployed group's metrics has data.
    const ingested = await prom.query('count by (group, job) ({group!="", __name__!~"up|scrape_.+"})');
    const seriesByJob = new Map(ingested.result.map((x) => [x.metric.job, Number(x.value?.[1] ?? 0)]));
    const groups = [...new Set([...expected.discovered.values(), ...expected.staticJobs.values()])].sort();
    const missing = expectedJobs.filter((j) => !seriesByJob.get(j));
    if (missing.length) throw new AssertionFailed(`no samples (other than up and scrape_*) from job(s) ${missing.join(', ')}: their metrics endpoint answers, but with nothing`);
    for (const g of groups) {
      const q = await prom.query(`count({group="${g}", __name__!~"up|scrape_.+"})`);
      check(seriesCount(q) > 0 && Number(q.result[0]?.value?.[1]) > 0, `a query over group ${g}'s metrics returned no data`);
    }
    for (const [group, services] of unmonitoredGroups(expected)) {
      // A deployed group that announces no metrics endpoint is not watched: said, never passed silently.
      const note = `group ${group} is deployed but none of its services (${services.join(', ')}) announces a metrics endpoint: Prometheus watches nothing of it`;
      log(`  NOT MONITORED: ${note}`);
      s.measurements.warn(`monitoring: ${note}`);
    }
    log(`  data from every scraped group: ${groups.map((g) => `${g} (${expectedJobs.filter((j) => (expected.discovered.get(j) ?? expected.staticJobs.get(j)) === g).map((j) => `${j} ${seriesByJob.get(j)}`).join(', ')} series)`).join('; ')}`);

    // Every query of the provisioned dashboards, as Grafana would send it.
    const dashboards = provisionedDashboards(s);
    check(dashboards.queries.length > 0, 'the provisioned dashboards have no queries');
    const step = cfg.prometheus.scrapeIntervalSeconds;
    const values: Record<string, string> = { ...builtInValues(RANGE_S, step, cfg.prometheus.scrapeIntervalSeconds) };
    for (const v of dashboards.variables) values[v.name] = await variableValue(v, prom);
    const deployedServices = new Set(expected.registered);
    type Verdict = { readonly kind: 'data' | 'not-exercised' | 'no-data' | 'partial' | 'refused'; readonly detail: string };
    const evaluate = async (q: DashboardQuery): Promise<Verdict> => {
      let expr: string;
      try {
        expr = substitute(q.expr, values);
      } catch (err) {
        return { kind: 'refused', detail: (err as Error).message };
      }
      const now = Math.floor(Date.now() / 1000);
      const run = (e: string) => (q.instant ? prom.query(e) : prom.queryRange(e, now - RANGE_S, now, step));
      let result: QueryResult;
      try {
        result = await run(expr);
      } catch (err) {
        return { kind: 'refused', detail: `Prometheus refused the query: ${(err as Error).message}` };
      }
      const n = seriesCount(result);
      if (n > 0 && perJob(expr)) {
        // A per-service panel promises a series for every job that has its metric.
        const shown = new Set(result.result.map((x) => x.metric.job));
        const having = new Set<string>();
        for (const sel of selectorsIn(expr)) for (const x of (await prom.query(`count by (job) (${sel})`)).result) having.add(x.metric.job);
        const absent = [...having].filter((j) => !shown.has(j)).sort();
        if (absent.length) return { kind: 'partial', detail: `${n} series, but none for ${absent.join(', ')}, which export ${selectorsIn(expr).join(', ')} (as run: ${expr})` };
        return { kind: 'data', detail: `${n} series: every job with ${selectorsIn(expr).join(', ')}` };
      }
      if (n > 0) return { kind: 'data', detail: `${n} series` };
      const operand = comparisonOperand(expr);
      if (operand) {
        const m = seriesCount(await run(operand));
        if (m > 0) return { kind: 'data', detail: `empty as it should be: ${operand} has ${m} series and none matches` };
      }
      if (q.onlyFrom && !q.onlyFrom.some((svc) => deployedServices.has(svc))) {
        return { kind: 'not-exercised', detail: `no data, and only ${q.onlyFrom.join(', ')} export it, which this environment does not deploy` };
      }
      return { kind: 'no-data', detail: `no data from this Prometheus (as run: ${expr})` };
    };
    // A rate() over $__rate_interval has data once Prometheus holds two samples in that window: a
    // dashboard opened right after the deploy rightly shows no data there yet, or only for the
    // services scraped twice. Queries without data, or a per-service query missing a service that
    // has its metric, are asked again until the window has filled (from the moment every target was up).
    const windowMs = (Number.parseInt(values.__rate_interval, 10) + 2 * step) * 1000;
    const verdicts = new Map<DashboardQuery, Verdict>();
    const firstAsked = Date.now();
    for (;;) {
      const pending = (v?: Verdict) => !v || v.kind === 'no-data' || v.kind === 'partial';
      for (const q of dashboards.queries) if (pending(verdicts.get(q))) verdicts.set(q, await evaluate(q));
      if (![...verdicts.values()].some((v) => pending(v)) || Date.now() - allUpAt > windowMs) break;
      await sleep(step * 1000);
    }
    const answeredMs = Date.now() - firstAsked;
    const of = (kind: Verdict['kind']) => dashboards.queries.filter((q) => verdicts.get(q)!.kind === kind).map((q) => `${q.dashboard} / ${q.panel} / ${q.refId} (${q.expr}): ${verdicts.get(q)!.detail}`);
    const answered = dashboards.queries.filter((q) => verdicts.get(q)!.kind === 'data').map((q) => `${q.panel} ${q.refId} (${verdicts.get(q)!.detail})`);
    const notExercised = of('not-exercised');
    const failures = [...of('refused'), ...of('no-data'), ...of('partial')];
    log(`  dashboard queries with data (${dashboards.queries.length} queries, asked again for up to ${Math.round(answeredMs / 1000)} s): ${answered.join('; ')}`);
    for (const n of notExercised) {
      log(`  NOT EXERCISED: ${n}`);
      s.measurements.warn(`monitoring: dashboard query not exercised: ${n}`);
    }
    if (failures.length) throw new AssertionFailed(`dashboard queries without data from the deployed Prometheus:\n  ${failures.join('\n  ')}`);
    s.measurements.record('monitoring: every dashboard query with data', Date.now() - started, `from the deploy command's start until every provisioned dashboard query returns data (rate() needs two samples in $__rate_interval = ${values.__rate_interval})`);

    // Prometheus' own peak memory so far (the sampler's docker stats peak is in the run report).
    const rss = await prom.query('max_over_time(process_resident_memory_bytes{job="prometheus"}[1h])');
    const info = await inspectContainer(containerName('prometheus'));
    const mib = (b: number) => (b / 1024 ** 2).toFixed(1);
    log(`  Prometheus: peak resident memory ${mib(Number(rss.result[0]?.value?.[1] ?? 0))} MiB (its own metric) of a ${mib(info?.memoryLimitBytes ?? 0)} MiB limit; ${targets.length} targets, ${[...seriesByJob.values()].reduce((a, b) => a + b, 0)} series`);
  },
};

export const monitoringDestroy: ScenarioStep = {
  name: 'monitoring-destroy',
  summary: 'npx cdktf destroy monitoring removes the group and its volume; core stays healthy',
  needs: ['monitoring'],
  services: MONITORING_SERVICES,
  async run(s) {
    const r = await cdktf(s, 'destroy', { timeoutMs: 15 * 60_000 }, 'monitoring');
    s.measurements.record('cdktf destroy monitoring', r.ms, 'Prometheus, its file holder, volume and registration');
    const left = (await capture('docker', ['ps', '-a', '--filter', `label=${ENVIRONMENT_LABEL}`, '--filter', 'label=datalab.group=monitoring', '--format', '{{.Names}}'], { timeoutMs: 30_000 })).split('\n').filter(Boolean);
    if (left.length) throw new AssertionFailed(`after cdktf destroy monitoring, monitoring containers remain: ${left.join(', ')}`);
    const volumes = (await capture('docker', ['volume', 'ls', '--filter', `name=${containerName('prometheus')}`, '--format', '{{.Name}}'], { timeoutMs: 30_000 })).split('\n').filter(Boolean);
    if (volumes.length) throw new AssertionFailed(`after cdktf destroy monitoring (protectData false), its volumes remain: ${volumes.join(', ')}`);
    await checkCoreUp(s, 2 * 60_000);
    log(`  monitoring destroyed (${Math.round(r.ms / 1000)} s): no container or volume of it left; core healthy`);
  },
};
