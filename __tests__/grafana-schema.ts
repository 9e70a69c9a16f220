/**
 * Offline checks of Grafana provisioning files against Grafana's documented formats, since no
 * Grafana runs in the e2e (AGPL: not built here). Each function returns the problems it finds
 * (empty: valid), so tests can show every problem at once and can feed it broken files.
 *
 * Sources (read upstream, not copied): the provisioning docs (grafana/grafana
 * docs/sources/administration/provisioning/index.md: data source and dashboard provider files,
 * apiVersion 1 key names), the provisioning readers (pkg/services/provisioning/datasources and
 * dashboards: one default data source per org, access proxy|direct, provider type file), the
 * dashboard JSON model (docs .../view-dashboard-json-model and kinds/dashboard/dashboard_kind.cue:
 * gridPos w 1..24, x 0..23, h > 0; panel type non-empty; uid up to 40 characters).
 */
import * as path from 'node:path';
import { parse } from 'yaml';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const unknownKeys = (o: Rec, allowed: readonly string[]) => Object.keys(o).filter((k) => !allowed.includes(k));

/** Grafana's rule for uids of data sources, dashboards and folders: letters, digits, - and _, at most 40. */
export const UID = /^[a-zA-Z0-9_-]{1,40}$/;

const DATASOURCE_FILE_KEYS = ['apiVersion', 'datasources', 'deleteDatasources', 'prune'] as const;
const DATASOURCE_KEYS = [
  'orgId', 'orgName', 'version', 'name', 'type', 'access', 'url', 'user', 'database', 'basicAuth', 'basicAuthUser',
  'withCredentials', 'isDefault', 'correlations', 'jsonData', 'secureJsonData', 'editable', 'uid',
] as const;
/** The Prometheus data source's jsonData keys the provisioning docs list (HTTP* common ones included). */
const PROMETHEUS_JSON_DATA = {
  httpMethod: (v: unknown) => v === 'GET' || v === 'POST',
  timeInterval: (v: unknown) => typeof v === 'string' && /^\d+(ms|s|m|h|d)$/.test(v),
  customQueryParameters: (v: unknown) => typeof v === 'string',
  manageAlerts: (v: unknown) => typeof v === 'boolean',
  alertmanagerUid: (v: unknown) => typeof v === 'string',
  prometheusType: (v: unknown) => ['Prometheus', 'Cortex', 'Mimir', 'Thanos'].includes(v as string),
  prometheusVersion: (v: unknown) => typeof v === 'string' && /^\d+\.\d+\.\d+$/.test(v),
  cacheLevel: (v: unknown) => ['Low', 'Medium', 'High', 'None'].includes(v as string),
  incrementalQuerying: (v: unknown) => typeof v === 'boolean',
  disableRecordingRules: (v: unknown) => typeof v === 'boolean',
  timeout: (v: unknown) => typeof v === 'string' || typeof v === 'number',
  tlsSkipVerify: (v: unknown) => typeof v === 'boolean',
  tlsAuth: (v: unknown) => typeof v === 'boolean',
  tlsAuthWithCACert: (v: unknown) => typeof v === 'boolean',
} as const;

export interface ProvisionedDatasource {
  readonly uid: string;
  readonly type: string;
  readonly orgId: number;
}

/** A data source provisioning file (YAML). Returns the problems and the data sources it provisions. */
export function checkDatasourceFile(text: string): { problems: string[]; datasources: ProvisionedDatasource[] } {
  const problems: string[] = [];
  const datasources: ProvisionedDatasource[] = [];
  const doc = parse(text) as unknown;
  if (!isRec(doc)) return { problems: ['not a YAML mapping'], datasources };
  if (!Number.isInteger(doc.apiVersion) || (doc.apiVersion as number) < 1) problems.push(`apiVersion: expected 1 (got ${JSON.stringify(doc.apiVersion)}; without it Grafana reads the deprecated snake_case format)`);
  unknownKeys(doc, DATASOURCE_FILE_KEYS).forEach((k) => problems.push(`${k}: not a key of a data source file`));
  if (doc.prune !== undefined && typeof doc.prune !== 'boolean') problems.push('prune: expected a boolean');
  if (!Array.isArray(doc.datasources) || doc.datasources.length === 0) problems.push('datasources: expected a non-empty list');
  const defaults = new Map<number, number>();
  const names = new Set<string>();
  ((doc.datasources as unknown[]) ?? []).forEach((ds, i) => {
    const at = `datasources[${i}]`;
    if (!isRec(ds)) return void problems.push(`${at}: expected a mapping`);
    unknownKeys(ds, DATASOURCE_KEYS).forEach((k) => problems.push(`${at}.${k}: not a data source key (is it jsonData?)`));
    for (const k of ['name', 'type', 'access'] as const) if (typeof ds[k] !== 'string' || !ds[k]) problems.push(`${at}.${k}: required`);
    if (ds.access !== undefined && ds.access !== 'proxy' && ds.access !== 'direct') problems.push(`${at}.access: expected proxy or direct (got ${JSON.stringify(ds.access)})`);
    const orgId = (ds.orgId as number | undefined) ?? 1;
    if (typeof ds.name === 'string') {
      if (names.has(`${orgId}/${ds.name}`)) problems.push(`${at}.name: "${ds.name}" is provisioned twice in org ${orgId}`);
      names.add(`${orgId}/${ds.name}`);
    }
    if (ds.uid === undefined) problems.push(`${at}.uid: set it, or Grafana derives one from the name and dashboards cannot refer to it stably`);
    else if (typeof ds.uid !== 'string' || !UID.test(ds.uid)) problems.push(`${at}.uid: ${JSON.stringify(ds.uid)} is not a Grafana uid (letters, digits, - and _, at most 40)`);
    if (ds.url !== undefined && (typeof ds.url !== 'string' || !/^https?:\/\/[^/\s]+/.test(ds.url))) problems.push(`${at}.url: expected an http(s) URL (got ${JSON.stringify(ds.url)})`);
    for (const k of ['isDefault', 'editable', 'basicAuth', 'withCredentials'] as const) if (ds[k] !== undefined && typeof ds[k] !== 'boolean') problems.push(`${at}.${k}: expected a boolean`);
    if (ds.isDefault === true) {
      defaults.set(orgId, (defaults.get(orgId) ?? 0) + 1);
      if (defaults.get(orgId) === 2) problems.push(`${at}.isDefault: a second default data source in org ${orgId} (Grafana refuses the file)`);
    }
    if (ds.jsonData !== undefined && !isRec(ds.jsonData)) problems.push(`${at}.jsonData: expected a mapping`);
    if (isRec(ds.jsonData)) {
      for (const k of ['password', 'basicAuthPassword']) if (k in ds.jsonData) problems.push(`${at}.jsonData.${k}: secrets belong in secureJsonData`);
      if (ds.type === 'prometheus') {
        for (const [k, v] of Object.entries(ds.jsonData)) {
          const valid = (PROMETHEUS_JSON_DATA as Record<string, (x: unknown) => boolean>)[k];
          if (!valid) problems.push(`${at}.jsonData.${k}: not a documented Prometheus setting`);
          else if (!valid(v)) problems.push(`${at}.jsonData.${k}: invalid value ${JSON.stringify(v)}`);
        }
      }
    }
    if (typeof ds.uid === 'string' && typeof ds.type === 'string') datasources.push({ uid: ds.uid, type: ds.type, orgId });
  });
  return { problems, datasources };
}

const PROVIDER_KEYS = ['name', 'orgId', 'folder', 'folderUid', 'type', 'disableDeletion', 'updateIntervalSeconds', 'allowUiUpdates', 'options'] as const;

export interface DashboardProvider {
  readonly name: string;
  readonly orgId: number;
  readonly path: string;
}

/** A dashboard provider file (YAML). Returns the problems and the file providers' paths. */
export function checkDashboardProviderFile(text: string): { problems: string[]; providers: DashboardProvider[] } {
  const problems: string[] = [];
  const providers: DashboardProvider[] = [];
  const doc = parse(text) as unknown;
  if (!isRec(doc)) return { problems: ['not a YAML mapping'], providers };
  if (!Number.isInteger(doc.apiVersion) || (doc.apiVersion as number) < 1) problems.push(`apiVersion: expected 1 (got ${JSON.stringify(doc.apiVersion)})`);
  unknownKeys(doc, ['apiVersion', 'providers']).forEach((k) => problems.push(`${k}: not a key of a dashboard provider file`));
  if (!Array.isArray(doc.providers) || doc.providers.length === 0) problems.push('providers: expected a non-empty list');
  const names = new Set<string>();
  ((doc.providers as unknown[]) ?? []).forEach((p, i) => {
    const at = `providers[${i}]`;
    if (!isRec(p)) return void problems.push(`${at}: expected a mapping`);
    unknownKeys(p, PROVIDER_KEYS).forEach((k) => problems.push(`${at}.${k}: not a provider key`));
    if (typeof p.name !== 'string' || !p.name) problems.push(`${at}.name: required`);
    else if (names.has(p.name)) problems.push(`${at}.name: "${p.name}" is not unique`);
    else names.add(p.name);
    if ((p.type ?? 'file') !== 'file') problems.push(`${at}.type: only "file" is a provider type (got ${JSON.stringify(p.type)})`);
    for (const k of ['disableDeletion', 'allowUiUpdates'] as const) if (p[k] !== undefined && typeof p[k] !== 'boolean') problems.push(`${at}.${k}: expected a boolean`);
    if (p.updateIntervalSeconds !== undefined && (!Number.isInteger(p.updateIntervalSeconds) || (p.updateIntervalSeconds as number) < 1)) problems.push(`${at}.updateIntervalSeconds: expected a positive integer`);
    if (p.folderUid !== undefined && (typeof p.folderUid !== 'string' || (p.folderUid !== '' && !UID.test(p.folderUid)))) problems.push(`${at}.folderUid: not a Grafana uid`);
    const options = p.options;
    if (!isRec(options)) return void problems.push(`${at}.options: required (options.path)`);
    unknownKeys(options, ['path', 'foldersFromFilesStructure']).forEach((k) => problems.push(`${at}.options.${k}: not a file provider option`));
    if (typeof options.path !== 'string' || !path.posix.isAbsolute(options.path)) problems.push(`${at}.options.path: required, an absolute path`);
    if (options.foldersFromFilesStructure === true && (p.folder || p.folderUid)) problems.push(`${at}: folder and folderUid must be empty with options.foldersFromFilesStructure`);
    if (typeof p.name === 'string' && typeof options.path === 'string') providers.push({ name: p.name, orgId: (p.orgId as number | undefined) ?? 1, path: options.path });
  });
  return { problems, providers };
}

/** Variables Grafana defines itself (global variables), usable in any query. */
export const GRAFANA_BUILT_INS = [
  '__interval', '__interval_ms', '__rate_interval', '__rate_interval_ms', '__range', '__range_s', '__range_ms',
  '__from', '__to', '__dashboard', '__org', '__user', '__timeFilter', '__name', '__all_variables', '__url_time_range',
] as const;

/** Every variable a query refers to: `$name`, `${name}`, `${name:format}` or `[[name]]`. */
export function variablesIn(expr: string): string[] {
  const found = new Set<string>();
  for (const m of expr.matchAll(/\$(\w+)|\$\{(\w+)(?::[^}]*)?\}|\[\[(\w+)(?::[^\]]*)?\]\]/g)) found.add(m[1] ?? m[2] ?? m[3]);
  return [...found];
}

const DASHBOARD_REQUIRED = ['uid', 'title', 'schemaVersion', 'panels', 'time', 'templating', 'annotations'] as const;

interface Box {
  readonly id: unknown;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** A dashboard JSON file (the classic model a file provider reads), against the data sources provisioned with it. */
export function checkDashboard(text: string, datasources: readonly ProvisionedDatasource[]): string[] {
  const problems: string[] = [];
  let d: unknown;
  try {
    d = JSON.parse(text);
  } catch (e) {
    return [`not JSON: ${(e as Error).message}`];
  }
  if (!isRec(d)) return ['not a JSON object'];
  for (const k of DASHBOARD_REQUIRED) if (d[k] === undefined) problems.push(`${k}: required`);
  if (d.id !== undefined && d.id !== null) problems.push('id: leave it out of a provisioned file (Grafana assigns it; a fixed id collides across instances)');
  if (d.uid !== undefined && (typeof d.uid !== 'string' || !UID.test(d.uid))) problems.push(`uid: ${JSON.stringify(d.uid)} is not a Grafana uid`);
  if (d.title !== undefined && (typeof d.title !== 'string' || !d.title.trim())) problems.push('title: expected a non-empty string');
  if (d.schemaVersion !== undefined && !Number.isInteger(d.schemaVersion)) problems.push('schemaVersion: expected an integer');
  if (d.version !== undefined && !Number.isInteger(d.version)) problems.push('version: expected an integer');
  if (d.tags !== undefined && !(Array.isArray(d.tags) && d.tags.every((t) => typeof t === 'string'))) problems.push('tags: expected a list of strings');
  if (d.timezone !== undefined && !(typeof d.timezone === 'string' && (['browser', 'utc', ''].includes(d.timezone) || /^[A-Za-z_]+\/[A-Za-z_/+-]+$/.test(d.timezone)))) problems.push(`timezone: expected browser, utc or an IANA zone (got ${JSON.stringify(d.timezone)})`);
  if (d.graphTooltip !== undefined && ![0, 1, 2].includes(d.graphTooltip as number)) problems.push('graphTooltip: expected 0, 1 or 2');
  if (d.refresh !== undefined && d.refresh !== false && !(typeof d.refresh === 'string' && /^(\d+(ms|s|m|h|d))?$/.test(d.refresh))) problems.push(`refresh: expected an interval such as 30s, or false (got ${JSON.stringify(d.refresh)})`);
  if (d.editable !== undefined && typeof d.editable !== 'boolean') problems.push('editable: expected a boolean');
  if (d.time !== undefined && !(isRec(d.time) && typeof d.time.from === 'string' && typeof d.time.to === 'string')) problems.push('time: expected {from, to}');
  if (d.annotations !== undefined && !(isRec(d.annotations) && (d.annotations.list === undefined || Array.isArray(d.annotations.list)))) problems.push('annotations: expected {list: [...]}');

  const variables = new Set<string>();
  if (d.templating !== undefined) {
    if (!isRec(d.templating) || (d.templating.list !== undefined && !Array.isArray(d.templating.list))) problems.push('templating: expected {list: [...]}');
    else {
      ((d.templating.list as unknown[]) ?? []).forEach((v, i) => {
        const at = `templating.list[${i}]`;
        if (!isRec(v) || typeof v.name !== 'string' || !/^\w+$/.test(v.name)) return void problems.push(`${at}.name: required, a word`);
        if (!['query', 'adhoc', 'constant', 'datasource', 'interval', 'textbox', 'custom', 'system'].includes(v.type as string)) problems.push(`${at}.type: unknown variable type ${JSON.stringify(v.type)}`);
        if (variables.has(v.name)) problems.push(`${at}.name: "${v.name}" defined twice`);
        variables.add(v.name);
        if (v.type === 'query' && isRec(v.datasource) && !datasources.some((ds) => ds.uid === (v.datasource as Rec).uid)) problems.push(`${at}.datasource: uid ${JSON.stringify((v.datasource as Rec).uid)} is not a provisioned data source`);
      });
    }
  }

  const checkRef = (at: string, ref: unknown) => {
    if (!isRec(ref)) return void problems.push(`${at}: expected {type, uid} of a provisioned data source (a name string is the pre-8.3 form)`);
    const ds = datasources.find((x) => x.uid === ref.uid);
    if (!ds) return void problems.push(`${at}.uid: ${JSON.stringify(ref.uid)} is not a provisioned data source (provisioned: ${datasources.map((x) => x.uid).join(', ') || 'none'})`);
    if (ref.type !== undefined && ref.type !== ds.type) problems.push(`${at}.type: ${JSON.stringify(ref.type)}, but data source ${ds.uid} is of type ${ds.type}`);
  };

  if (!Array.isArray(d.panels)) {
    if (d.panels !== undefined) problems.push('panels: expected a list');
    return problems;
  }
  const ids = new Map<unknown, number>();
  const boxes: Box[] = [];
  d.panels.forEach((p, i) => {
    const at = `panels[${i}]`;
    if (!isRec(p)) return void problems.push(`${at}: expected an object`);
    if (typeof p.type !== 'string' || !p.type) problems.push(`${at}.type: required, the panel plugin id`);
    if (!Number.isInteger(p.id) || (p.id as number) < 1) problems.push(`${at}.id: expected a positive integer`);
    else if (ids.has(p.id)) problems.push(`${at}.id: ${String(p.id)} is also the id of panels[${ids.get(p.id)}]`);
    else ids.set(p.id, i);
    if (typeof p.title !== 'string' || !p.title) problems.push(`${at}.title: expected a title`);
    const g = p.gridPos;
    if (!isRec(g) || ![g.x, g.y, g.w, g.h].every((n) => Number.isInteger(n))) problems.push(`${at}.gridPos: expected integer {x, y, w, h}`);
    else {
      const { x, y, w, h } = g as { x: number; y: number; w: number; h: number };
      if (w < 1 || w > 24) problems.push(`${at}.gridPos.w: ${w} not in 1..24`);
      if (x < 0 || x > 23) problems.push(`${at}.gridPos.x: ${x} not in 0..23`);
      if (x + w > 24) problems.push(`${at}.gridPos: x + w = ${x + w} is wider than the 24-column grid`);
      if (h < 1) problems.push(`${at}.gridPos.h: must be > 0`);
      if (y < 0) problems.push(`${at}.gridPos.y: must be ≥ 0`);
      for (const b of boxes) if (overlap(b, { id: p.id, x, y, w, h })) problems.push(`${at}.gridPos: overlaps panel ${String(b.id)}`);
      boxes.push({ id: p.id, x, y, w, h });
    }
    if (p.type === 'row') return;
    if (p.datasource !== undefined) checkRef(`${at}.datasource`, p.datasource);
    if (!isRec(p.fieldConfig) || !isRec(p.fieldConfig.defaults) || !Array.isArray(p.fieldConfig.overrides)) problems.push(`${at}.fieldConfig: expected {defaults: {...}, overrides: [...]}`);
    if (p.options !== undefined && !isRec(p.options)) problems.push(`${at}.options: expected an object`);
    if (!Array.isArray(p.targets) || p.targets.length === 0) return void problems.push(`${at}.targets: a data panel needs at least one query`);
    const refIds = new Set<string>();
    p.targets.forEach((t, j) => {
      const tat = `${at}.targets[${j}]`;
      if (!isRec(t)) return void problems.push(`${tat}: expected an object`);
      if (typeof t.refId !== 'string' || !t.refId) problems.push(`${tat}.refId: required`);
      else if (refIds.has(t.refId)) problems.push(`${tat}.refId: "${t.refId}" used twice in the panel`);
      else refIds.add(t.refId);
      checkRef(`${tat}.datasource`, t.datasource ?? p.datasource);
      if (typeof t.expr !== 'string' || !t.expr.trim()) problems.push(`${tat}.expr: required (the PromQL query)`);
      else {
        const unknown = variablesIn(t.expr).filter((v) => !variables.has(v) && !(GRAFANA_BUILT_INS as readonly string[]).includes(v));
        if (unknown.length) problems.push(`${tat}.expr: refers to undefined variable(s) ${unknown.map((v) => `$${v}`).join(', ')}`);
      }
      for (const k of ['instant', 'range'] as const) if (t[k] !== undefined && typeof t[k] !== 'boolean') problems.push(`${tat}.${k}: expected a boolean`);
      if (t.instant === false && t.range === false) problems.push(`${tat}: neither instant nor range: the query never runs`);
    });
  });
  return problems;
}

/** The whole provisioning set as uploaded: data sources, providers, and every dashboard under a provider's path. */
export function checkProvisioning(files: readonly { readonly path: string; readonly content: string }[], provisioningDir = '/etc/grafana/provisioning'): string[] {
  const problems: string[] = [];
  const datasources: ProvisionedDatasource[] = [];
  const providers: DashboardProvider[] = [];
  const yaml = (f: { path: string }) => /\.ya?ml$/.test(f.path);
  for (const f of files.filter((x) => yaml(x) && path.posix.dirname(x.path) === `${provisioningDir}/datasources`)) {
    const r = checkDatasourceFile(f.content);
    r.problems.forEach((p) => problems.push(`${f.path}: ${p}`));
    datasources.push(...r.datasources);
  }
  for (const f of files.filter((x) => yaml(x) && path.posix.dirname(x.path) === `${provisioningDir}/dashboards`)) {
    const r = checkDashboardProviderFile(f.content);
    r.problems.forEach((p) => problems.push(`${f.path}: ${p}`));
    providers.push(...r.providers);
  }
  const uids = new Map<string, string>();
  const dashboards = files.filter((f) => f.path.endsWith('.json'));
  for (const f of dashboards) {
    if (!providers.some((p) => f.path.startsWith(`${p.path.replace(/\/$/, '')}/`))) problems.push(`${f.path}: under no dashboard provider's path (${providers.map((p) => p.path).join(', ') || 'no providers'}): Grafana never loads it`);
    checkDashboard(f.content, datasources).forEach((p) => problems.push(`${f.path}: ${p}`));
    try {
      const uid = (JSON.parse(f.content) as Rec).uid as string;
      if (uids.has(uid)) problems.push(`${f.path}: uid "${uid}" is also the uid of ${uids.get(uid)}`);
      uids.set(uid, f.path);
    } catch {
      // reported by checkDashboard
    }
  }
  if (!datasources.length) problems.push(`no data source provisioned under ${provisioningDir}/datasources`);
  if (!providers.length) problems.push(`no dashboard provider under ${provisioningDir}/dashboards`);
  for (const f of files) if (!yaml(f) && !f.path.endsWith('.json')) problems.push(`${f.path}: neither a provisioning YAML nor a dashboard JSON`);
  return problems;
}
