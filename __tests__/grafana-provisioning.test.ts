import { parse, stringify } from 'yaml';
import { loadEnvironment } from '../config/loader';
import { PLATFORM_DASHBOARD_UID, PROMETHEUS_DATASOURCE_UID } from '../stacks/grafana-provisioning';
import { checkDashboard, checkDashboardProviderFile, checkDatasourceFile, checkProvisioning, variablesIn } from './grafana-schema';
import { container, ENVS, platformFor, synthJson } from './helpers';

const DS = [{ uid: PROMETHEUS_DATASOURCE_UID, type: 'prometheus', orgId: 1 }];
/** One platform per environment name (synthesis is the expensive part); configs passed as objects are built afresh. */
const platforms = new Map<string, ReturnType<typeof platformFor>>();
const platformOf = (env: string | ReturnType<typeof loadEnvironment>) => {
  if (typeof env !== 'string') return platformFor(env);
  if (!platforms.has(env)) platforms.set(env, platformFor(env));
  return platforms.get(env)!;
};
const provisioning = (env: string | ReturnType<typeof loadEnvironment>) => platformOf(env).platform.monitoring!.grafanaProvisioning;
const fileOf = (files: ReturnType<typeof provisioning>, suffix: string) => files.find((f) => f.path.endsWith(suffix))!.content;

describe.each(ENVS)('Grafana provisioning generated for %s', (env) => {
  const files = provisioning(env);

  it("is valid against Grafana's documented provisioning formats and dashboard JSON model", () => {
    expect(files.map((f) => f.path)).toEqual([
      '/etc/grafana/provisioning/datasources/datalab.yaml',
      '/etc/grafana/provisioning/dashboards/datalab.yaml',
      '/etc/grafana/dashboards/datalab/platform.json',
    ]);
    expect(checkProvisioning(files)).toEqual([]);
  });

  it('points the datasource at this Prometheus, with its scrape interval as the minimum step', () => {
    const ds = (parse(fileOf(files, 'datasources/datalab.yaml')) as { datasources: { url: string; jsonData: { timeInterval: string } }[] }).datasources[0];
    const { platform } = platformOf(env);
    expect(ds.url).toBe(platform.monitoring!.prometheus.internalUrl('http'));
    expect(ds.jsonData.timeInterval).toBe(`${loadEnvironment(env).monitoring!.prometheus.scrapeIntervalSeconds}s`);
  });

  it('is uploaded into the Grafana container exactly as generated where Grafana is enabled, and nowhere where it is off', () => {
    const json = synthJson(platformOf(env).platform.monitoring!);
    if (!loadEnvironment(env).monitoring!.grafana.enabled) {
      expect(Object.values(json.resource.docker_container ?? {}).map((c) => c.name)).not.toContain(`datalab-${env}-grafana`);
      return;
    }
    const uploads = container(json, 'grafana').upload!;
    expect(uploads.map((u) => ({ path: u.file, content: u.content }))).toEqual(files.map((f) => ({ path: f.path, content: f.content })));
  });
});

describe('Grafana provisioning follows the configuration', () => {
  it("sets the datasource's timeInterval to Prometheus' scrape interval (a fixed 15s made $__rate_interval too short at longer intervals)", () => {
    const cfg = structuredClone(loadEnvironment('dev'));
    cfg.monitoring!.prometheus.scrapeIntervalSeconds = 60;
    const files = provisioning(cfg);
    expect((parse(fileOf(files, 'datasources/datalab.yaml')) as { datasources: { jsonData: { timeInterval: string } }[] }).datasources[0].jsonData.timeInterval).toBe('60s');
    expect(checkProvisioning(files)).toEqual([]);
  });

  it('uses no fixed rate window shorter than four scrape intervals: rate() queries take $__rate_interval', () => {
    const dashboard = JSON.parse(fileOf(provisioning('dev'), 'platform.json')) as { panels: { targets: { expr: string }[] }[] };
    const rates = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr)).filter((e) => /\b(rate|irate|increase)\(/.test(e));
    expect(rates.length).toBeGreaterThan(0);
    for (const e of rates) expect(e).toMatch(/\[\$__rate_interval\]/);
  });
});

describe('the Grafana provisioning checks find what Grafana would reject or mis-read', () => {
  const generated = provisioning('dev');
  const dashboard = () => JSON.parse(fileOf(generated, 'platform.json')) as Record<string, unknown> & { panels: Record<string, unknown>[] };
  const datasourceFile = () => parse(fileOf(generated, 'datasources/datalab.yaml')) as Record<string, unknown> & { datasources: Record<string, unknown>[] };
  const providerFile = () => parse(fileOf(generated, 'dashboards/datalab.yaml')) as Record<string, unknown> & { providers: Record<string, unknown>[] };
  const withDashboard = (d: unknown) => generated.map((f) => (f.path.endsWith('.json') ? { ...f, content: JSON.stringify(d) } : f));

  it('data source file: apiVersion, unknown keys, access, uid, a second default, secrets outside secureJsonData, Prometheus settings', () => {
    const f = datasourceFile();
    delete f.apiVersion;
    f.datasource = [];
    f.datasources[0].access = 'server';
    f.datasources[0].uid = 'datalab prometheus';
    (f.datasources[0].jsonData as Record<string, unknown>).password = 'x';
    (f.datasources[0].jsonData as Record<string, unknown>).httpMethod = 'PUT';
    f.datasources.push({ name: 'Other', type: 'prometheus', access: 'proxy', uid: 'other', url: 'http://other:9090', isDefault: true });
    expect(checkDatasourceFile(stringify(f)).problems).toEqual([
      'apiVersion: expected 1 (got undefined; without it Grafana reads the deprecated snake_case format)',
      'datasource: not a key of a data source file',
      'datasources[0].access: expected proxy or direct (got "server")',
      'datasources[0].uid: "datalab prometheus" is not a Grafana uid (letters, digits, - and _, at most 40)',
      'datasources[0].jsonData.password: secrets belong in secureJsonData',
      'datasources[0].jsonData.httpMethod: invalid value "PUT"',
      'datasources[0].jsonData.password: not a documented Prometheus setting',
      'datasources[1].isDefault: a second default data source in org 1 (Grafana refuses the file)',
    ]);
  });

  it('data source file: a missing name, type or uid and a misplaced jsonData key', () => {
    const f = datasourceFile();
    delete f.datasources[0].name;
    delete f.datasources[0].uid;
    f.datasources[0].timeInterval = '15s';
    expect(checkDatasourceFile(stringify(f)).problems).toEqual([
      'datasources[0].timeInterval: not a data source key (is it jsonData?)',
      'datasources[0].name: required',
      'datasources[0].uid: set it, or Grafana derives one from the name and dashboards cannot refer to it stably',
    ]);
  });

  it('dashboard provider file: no path, a relative path, a non-file type, folder with foldersFromFilesStructure, duplicate names', () => {
    const f = providerFile();
    f.providers[0].type = 'git';
    (f.providers[0].options as Record<string, unknown>).foldersFromFilesStructure = true;
    f.providers.push({ name: 'datalab', options: { path: 'dashboards' } }, { name: 'x' });
    expect(checkDashboardProviderFile(stringify(f)).problems).toEqual([
      'providers[0].type: only "file" is a provider type (got "git")',
      'providers[0]: folder and folderUid must be empty with options.foldersFromFilesStructure',
      'providers[1].name: "datalab" is not unique',
      'providers[1].options.path: required, an absolute path',
      'providers[2].options: required (options.path)',
    ]);
  });

  it('dashboard: duplicate panel ids, a datasource that is not provisioned, a panel off the grid or on another, queries without refId or data', () => {
    const d = dashboard();
    d.panels[1].id = d.panels[0].id;
    d.panels[2].datasource = { type: 'prometheus', uid: 'prometheus' };
    (d.panels[3].gridPos as Record<string, number>).x = 20;
    (d.panels[4].gridPos as Record<string, number>).y = 0;
    const targets = d.panels[5].targets as Record<string, unknown>[];
    targets.push({ ...targets[0] }, { refId: 'C', datasource: targets[0].datasource, expr: ' ' });
    d.panels[6].targets = [];
    const problems = checkDashboard(JSON.stringify(d), DS);
    expect(problems).toEqual([
      'panels[1].id: 1 is also the id of panels[0]',
      'panels[2].datasource.uid: "prometheus" is not a provisioned data source (provisioned: datalab-prometheus)',
      'panels[3].gridPos: x + w = 32 is wider than the 24-column grid',
      'panels[4].gridPos: overlaps panel 1',
      'panels[4].gridPos: overlaps panel 3',
      'panels[5].targets[1].refId: "A" used twice in the panel',
      'panels[5].targets[2].expr: required (the PromQL query)',
      'panels[6].targets: a data panel needs at least one query',
    ]);
  });

  it('dashboard: a query naming an undefined variable, a target on another datasource type, missing required fields, a fixed id', () => {
    const d = dashboard();
    (d.panels[0].targets as Record<string, unknown>[])[0].expr = 'sum by (job) (up{job=~"$job"})';
    (d.panels[1].targets as Record<string, unknown>[])[0].datasource = { type: 'loki', uid: PROMETHEUS_DATASOURCE_UID };
    delete d.templating;
    delete d.time;
    d.id = 7;
    expect(checkDashboard(JSON.stringify(d), DS)).toEqual([
      'time: required',
      'templating: required',
      'id: leave it out of a provisioned file (Grafana assigns it; a fixed id collides across instances)',
      'panels[0].targets[0].expr: refers to undefined variable(s) $job',
      'panels[1].targets[0].datasource.type: "loki", but data source datalab-prometheus is of type prometheus',
    ]);
    // Defined as a template variable, the same query is valid.
    d.templating = { list: [{ name: 'job', type: 'query', datasource: { type: 'prometheus', uid: PROMETHEUS_DATASOURCE_UID }, query: 'label_values(up, job)' }] };
    d.time = { from: 'now-6h', to: 'now' };
    delete d.id;
    (d.panels[1].targets as Record<string, unknown>[])[0].datasource = { type: 'prometheus', uid: PROMETHEUS_DATASOURCE_UID };
    expect(checkDashboard(JSON.stringify(d), DS)).toEqual([]);
  });

  it('the set: a dashboard outside every provider path, two dashboards with one uid, no data source', () => {
    const moved = generated.map((f) => (f.path.endsWith('.json') ? { ...f, path: '/var/lib/grafana/dashboards/platform.json' } : f));
    expect(checkProvisioning(moved)).toEqual([
      "/var/lib/grafana/dashboards/platform.json: under no dashboard provider's path (/etc/grafana/dashboards/datalab): Grafana never loads it",
    ]);
    const twice = [...generated, { path: '/etc/grafana/dashboards/datalab/copy.json', content: fileOf(generated, 'platform.json') }];
    expect(checkProvisioning(twice)).toEqual([`/etc/grafana/dashboards/datalab/copy.json: uid "${PLATFORM_DASHBOARD_UID}" is also the uid of /etc/grafana/dashboards/datalab/platform.json`]);
    const noDatasource = withDashboard(dashboard()).filter((f) => !f.path.includes('/datasources/'));
    expect(checkProvisioning(noDatasource)).toEqual(expect.arrayContaining(['no data source provisioned under /etc/grafana/provisioning/datasources']));
  });

  it('finds variables in every syntax Grafana accepts', () => {
    expect(variablesIn('rate(x{a="$a", b="${b}", c="${c:regex}", d="[[d]]"}[$__rate_interval])').sort()).toEqual(['__rate_interval', 'a', 'b', 'c', 'd']);
  });
});
