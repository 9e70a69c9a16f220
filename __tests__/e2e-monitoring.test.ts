import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadEnvironment } from '../config/loader';
import type { Scenario } from '../e2e/scenario/context';
import { builtInValues, comparisonOperand, deployedStacks, perJob, PrometheusApi, provisionedDashboards, scrapeExpectation, selectorsIn, substitute, TemplateVariable, unmonitoredGroups, variableValue } from '../e2e/scenario/monitoring';
import { platformFor, synthJson } from './helpers';

describe('the monitoring step: Grafana variables as Grafana fills them', () => {
  it('gives $__rate_interval four scrape intervals, or the step plus one interval when that is longer', () => {
    expect(builtInValues(300, 15, 15).__rate_interval).toBe('60s');
    expect(builtInValues(300, 60, 15).__rate_interval).toBe('75s');
    expect(builtInValues(3600, 15, 15)).toMatchObject({ __interval: '15s', __range: '3600s', __range_s: '3600' });
  });

  it('substitutes every variable syntax and fails on one it has no value for', () => {
    const values = { job: '(kafka|consul)', __rate_interval: '60s' };
    expect(substitute('rate(x{job=~"$job"}[$__rate_interval]) + y{job=~"${job}"} + z{job=~"${job:regex}"} + w{job=~"[[job]]"}', values)).toBe(
      'rate(x{job=~"(kafka|consul)"}[60s]) + y{job=~"(kafka|consul)"} + z{job=~"(kafka|consul)"} + w{job=~"(kafka|consul)"}',
    );
    expect(() => substitute('up{instance="$instance"}', values)).toThrow('no value for variable $instance');
  });

  it('evaluates a label_values variable against Prometheus: every value for a multi-value one, the first otherwise', async () => {
    const asked: string[] = [];
    const prom = { labelValues: async (label: string, match?: string) => (asked.push(`${label} ${match}`), ['consul', 'kafka.ui']) } as unknown as PrometheusApi;
    const v: TemplateVariable = { name: 'job', type: 'query', query: { query: 'label_values(up, job)' }, multi: true };
    expect(await variableValue(v, prom)).toBe('(consul|kafka\\\\.ui)');
    expect(await variableValue({ ...v, multi: false }, prom)).toBe('consul');
    expect(asked).toEqual(['job up', 'job up']);
    expect(await variableValue({ name: 'env', type: 'custom', query: 'e2e, dev', current: { value: 'dev' } }, prom)).toBe('dev');
    await expect(variableValue({ name: 'x', type: 'query', query: 'query_result(up)' }, prom)).rejects.toThrow('only label_values(...) is supported');
  });

  it('finds the operand of a query that filters by comparison with a number (empty is right when nothing matches)', () => {
    expect(comparisonOperand('up == 0')).toBe('up');
    expect(comparisonOperand('sum by (job) (up) < 1')).toBe('sum by (job) (up)');
    expect(comparisonOperand('up == bool 0')).toBeUndefined();
    expect(comparisonOperand('sum by (job) (up)')).toBeUndefined();
  });
});

describe('the monitoring step: the dashboards it queries', () => {
  const s = { root: path.join(__dirname, '..') } as Scenario;

  it('are the dashboards the monitoring stack provisions, with every target and what only some services export', () => {
    const d = provisionedDashboards(s);
    expect(d.files.map((f) => f.path)).toEqual(['/etc/grafana/dashboards/datalab/platform.json']);
    expect(d.queries.map((q) => `${q.panel}/${q.refId}`)).toContain('Targets down/A');
    expect(d.queries.find((q) => q.panel === 'JVM heap used')!.onlyFrom).toEqual(['kafka-ui']);
    expect(d.queries.find((q) => q.panel === 'Data-lake capacity')!.onlyFrom).toBeUndefined();
    // The lake panel follows the e2e environment's store.
    expect(loadEnvironment('e2e').core.objectStore).toBe('seaweedfs');
    expect(d.queries.filter((q) => q.panel === 'Data-lake capacity').map((q) => q.expr)).toEqual(['max(SeaweedFS_volumeServer_resource{type="all"})', 'max(SeaweedFS_volumeServer_resource{type="free"})']);
  });
});

describe('the monitoring step: what Prometheus must scrape', () => {
  // A scenario root with the synthesized e2e stacks, of which only core and monitoring are deployed.
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-mon-test-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
  const { platform } = platformFor('e2e');
  const stacks = { core: platform.core, processing: platform.processing!, monitoring: platform.monitoring! };
  for (const [name, stack] of Object.entries(stacks)) {
    const dir = path.join(root, 'node_modules', '.cache', 'datalab-e2e', 'cdktf.out', 'stacks', name);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(synthJson(stack)));
  }
  fs.mkdirSync(path.join(root, '.state', 'e2e'), { recursive: true });
  fs.writeFileSync(path.join(root, '.state', 'e2e', 'core.tfstate'), JSON.stringify({ resources: [{}] }));
  fs.writeFileSync(path.join(root, '.state', 'e2e', 'monitoring.tfstate'), JSON.stringify({ resources: [{}] }));
  fs.writeFileSync(path.join(root, '.state', 'e2e', 'processing.tfstate'), JSON.stringify({ resources: [] }));
  const s = { root } as Scenario;

  it('is read from the deployed stacks only: their registrations with a metrics path, less the static jobs of prometheus.yml', () => {
    expect(deployedStacks(s)).toEqual(['core', 'monitoring']);
    const e = scrapeExpectation(s);
    expect(Object.fromEntries(e.staticJobs)).toEqual({ prometheus: 'monitoring', consul: 'core' });
    expect(Object.fromEntries(e.discovered)).toEqual({ 'consul-esm': 'core', seaweedfs: 'core' });
    // Kafka is registered without metrics; processing is synthesized but not deployed.
    expect(e.registered).toEqual(['consul', 'consul-esm', 'kafka', 'prometheus', 'seaweedfs']);
  });

  it('names a deployed group that announces no metrics endpoint (none here: core and monitoring are scraped)', () => {
    expect([...unmonitoredGroups(scrapeExpectation(s))]).toEqual([]);
    const e = scrapeExpectation(s);
    const withMl = { ...e, groupOf: new Map([...e.groupOf, ['mlflow', 'ml'], ['postgres', 'ml']]) };
    expect([...unmonitoredGroups(withMl)]).toEqual([['ml', ['mlflow', 'postgres']]]);
  });

  it('follows a stack once its state holds resources', () => {
    fs.writeFileSync(path.join(root, '.state', 'e2e', 'processing.tfstate'), JSON.stringify({ resources: [{}] }));
    expect(Object.fromEntries(scrapeExpectation(s).discovered)).toEqual({ 'consul-esm': 'core', seaweedfs: 'core', 'spark-master': 'processing', 'spark-worker': 'processing' });
  });
});

describe('the monitoring step: which jobs a per-service panel must show', () => {
  it('finds the series selectors of a query, not its functions, clauses or label names', () => {
    expect(selectorsIn('sum by (job) (rate(process_cpu_seconds_total[60s]))')).toEqual(['process_cpu_seconds_total']);
    expect(selectorsIn('sum by (job) (jvm_memory_used_bytes{area="heap"})')).toEqual(['jvm_memory_used_bytes{area="heap"}']);
    expect(selectorsIn('max by (job) (scrape_duration_seconds) / on (job) group_left sum(up)')).toEqual(['scrape_duration_seconds', 'up']);
    expect(selectorsIn('up == 0')).toEqual(['up']);
  });

  it('knows a per-job panel', () => {
    expect(perJob('sum by (job) (up)')).toBe(true);
    expect(perJob('max(SeaweedFS_volumeServer_resource{type="all"})')).toBe(false);
  });
});
