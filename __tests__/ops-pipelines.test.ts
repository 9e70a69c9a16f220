import { loadEnvironment } from '../config/loader';
import { NothingDeployedError } from '../ops/deployment';
import { modelFor } from '../ops/model';
import { Fetch, formatDuration, FlowRun, PrefectClient, prefectApiUrl, requireScheduled, runPipeline, runsTable, UnknownPipelineError } from '../ops/pipelines';

const API = 'http://127.0.0.1:4200/api';
const at = (s: number) => new Date(Date.UTC(2026, 0, 4, 6, 0, s)).toISOString();

/** A Prefect API that answers from `routes` and records each request. */
function fakePrefect(routes: (method: string, path: string, body: unknown) => { status: number; body: unknown } | undefined) {
  const calls: [string, string, unknown][] = [];
  const fetchFn: Fetch = async (url, init) => {
    const path = url.slice(API.length);
    const body = init?.body ? JSON.parse(init.body) : undefined;
    calls.push([init?.method ?? 'GET', path, body]);
    const r = routes(init?.method ?? 'GET', path, body);
    if (!r) return { status: 404, text: async () => JSON.stringify({ detail: 'Not Found' }) };
    return { status: r.status, text: async () => JSON.stringify(r.body) };
  };
  return { calls, client: new PrefectClient(API, fetchFn) };
}

/** A pipeline run that goes Scheduled → Running (one step) → `final`. */
function pipelineRun(final: { type: string; name: string; message?: string }) {
  let polls = 0;
  const step: FlowRun = { id: 's1', name: 'calm-otter', deployment_id: 'd-job', state: { type: 'COMPLETED', name: 'Completed' }, start_time: at(1), end_time: at(4) };
  return fakePrefect((method, path) => {
    if (method === 'GET' && path === '/deployments/name/datalab-pipeline/medallion') return { status: 200, body: { id: 'd-pipe' } };
    if (method === 'POST' && path === '/deployments/d-pipe/create_flow_run') return { status: 201, body: { id: 'r1', name: 'lean-mink' } };
    if (method === 'GET' && path === '/flow_runs/r1') {
      polls++;
      const state = polls === 1 ? { type: 'SCHEDULED', name: 'Scheduled' } : polls === 2 ? { type: 'RUNNING', name: 'Running' } : final;
      return { status: 200, body: { id: 'r1', name: 'lean-mink', state, start_time: at(0), end_time: polls > 2 ? at(75) : null } };
    }
    if (method === 'POST' && path === '/flow_runs/filter') return { status: 200, body: polls >= 2 ? [step] : [] };
    if (method === 'GET' && path === '/deployments/d-job') return { status: 200, body: { name: 'bronze-events' } };
    return undefined;
  });
}

describe('datalab run', () => {
  it('starts the pipeline\'s deployment now, prints each state and step, and ends with the run\'s outcome', async () => {
    const { client, calls } = pipelineRun({ type: 'COMPLETED', name: 'Completed' });
    const lines: string[] = [];
    const run = await runPipeline(client, 'medallion', { pollMs: 1, print: (l) => lines.push(l), sleep: async () => undefined });
    expect(run.state!.type).toBe('COMPLETED');
    expect(lines).toEqual([
      'medallion: flow run lean-mink (r1) created',
      'medallion: Scheduled',
      'medallion: Running',
      '  step bronze-events (calm-otter): Completed after 3.0s',
      'medallion: Completed',
      'medallion: Completed after 1m15s',
    ]);
    expect(calls.filter(([, p]) => p.includes('create_flow_run'))).toEqual([['POST', '/deployments/d-pipe/create_flow_run', { tags: ['datalab-run'] }]]);
    // Its steps are the runs it started.
    expect(calls.find(([m, p]) => m === 'POST' && p === '/flow_runs/filter')![2]).toMatchObject({ flow_runs: { parent_flow_run_id: { any_: ['r1'] } } });
  });

  it('reports a failed run with Prefect\'s message', async () => {
    const { client } = pipelineRun({ type: 'FAILED', name: 'Failed', message: 'step datalab-job/silver-events failed after 2 attempt(s)' });
    const lines: string[] = [];
    const run = await runPipeline(client, 'medallion', { pollMs: 1, print: (l) => lines.push(l), sleep: async () => undefined });
    expect(run.state!.type).toBe('FAILED');
    expect(lines.slice(-2)).toEqual(['medallion: Failed — step datalab-job/silver-events failed after 2 attempt(s)', 'medallion: Failed after 1m15s']);
  });

  it('says the pipeline is not deployed on Prefect when the deployment is missing', async () => {
    const { client } = fakePrefect(() => undefined);
    await expect(runPipeline(client, 'medallion', { pollMs: 1, print: () => undefined })).rejects.toThrow(
      new UnknownPipelineError(`Prefect at ${API} has no deployment datalab-pipeline/medallion: deploy the processing stack (its pipeline-deployments step applies the declared pipelines)`),
    );
  });

  it('says Prefect does not answer, in one line, when nothing listens', async () => {
    const client = new PrefectClient(API, async () => {
      throw Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
    });
    await expect(client.pipelineDeployment('medallion')).rejects.toThrow(NothingDeployedError);
    await expect(client.pipelineDeployment('medallion')).rejects.toThrow(`Prefect does not answer at ${API} (ECONNREFUSED): is the ml stack deployed and running? (npx cdktf deploy ml)`);
  });
});

describe('datalab runs', () => {
  it('lists the pipeline runs newest first with state, start and duration, filtered by pipeline', async () => {
    const { client, calls } = fakePrefect((_method, path) => {
      if (path === '/deployments/filter') return { status: 200, body: [{ id: 'd1', name: 'medallion' }, { id: 'd2', name: 'data-checks' }] };
      if (path === '/flow_runs/filter') {
        return { status: 200, body: [{ id: 'r2', name: 'lean-mink', deployment_id: 'd1', state: { type: 'FAILED', name: 'Failed' }, start_time: at(0), end_time: at(91) }] };
      }
      return undefined;
    });
    const rows = await client.recentRuns('medallion', 5);
    expect(calls[1][2]).toMatchObject({ flow_runs: { deployment_id: { any_: ['d1'] } }, sort: 'START_TIME_DESC', limit: 5 });
    expect(runsTable(rows, new Date()).split('\n')).toEqual([
      'pipeline   run        state   started (UTC)         duration',
      'medallion  lean-mink  Failed  2026-01-04T06:00:00Z  1m31s',
    ]);
    expect(runsTable([], new Date())).toBe('no pipeline runs yet');
  });

  it('formats durations for people', () => {
    expect([formatDuration(12.34), formatDuration(245), formatDuration(3723), formatDuration(undefined)]).toEqual(['12.3s', '4m05s', '1h02m03s', '—']);
  });
});

describe('which pipelines, and where', () => {
  it('knows the pipelines an environment schedules and refuses others by name', () => {
    expect(requireScheduled(loadEnvironment('prod'), 'medallion')).toEqual(['medallion', 'lake-maintenance', 'train-model', 'data-checks']);
    expect(() => requireScheduled(loadEnvironment('prod'), 'nope')).toThrow('environment prod does not schedule a pipeline "nope"; it schedules: medallion, lake-maintenance, train-model, data-checks');
    expect(() => requireScheduled(loadEnvironment('dev'), undefined)).toThrow('environment dev schedules no pipeline (processing.pipelines in config/dev.yaml is empty; docs/pipelines.md)');
  });

  it('reaches Prefect at the ml stack\'s published port', () => {
    expect(prefectApiUrl(modelFor(loadEnvironment('prod')))).toBe(`http://127.0.0.1:${loadEnvironment('prod').ml!.prefect.server.ports.http!.port}/api`);
  });
});
