/**
 * Typed definitions of the platform's pipelines: named sequences of jobs (jobs/) that Prefect runs
 * on a schedule and on demand (`npx datalab run <pipeline>`). A pipeline names its jobs by
 * reference; the order it runs them in is the job plan's (jobs/plan.ts), so the medallion
 * pipeline runs bronze → silver → gold exactly as a deploy does. Schedules are per environment
 * (`processing.pipelines`, config/groups/pipelines.ts). Documented in docs/pipelines.md.
 */
import * as path from 'node:path';
import { JobDefinition, PROJECT_ROOT } from '../jobs/job';

export interface PipelineDefinitionProps {
  /** Stable name: the Prefect deployment, the config key and `datalab run <name>`. */
  readonly name: string;
  readonly description: string;
  /** The jobs it runs; run in the job plan's order. */
  readonly jobs: readonly JobDefinition[];
}

export interface PipelineDefinition extends PipelineDefinitionProps {
  /** The definition file, relative to the project root (for error messages). */
  readonly definedIn: string;
}

const NAME = /^[a-z][a-z0-9-]{1,40}$/;

/** Declares a pipeline; `definedIn` is the caller's `__filename`. Shape errors throw here. */
export function definePipeline(definedIn: string, props: PipelineDefinitionProps): PipelineDefinition {
  const file = path.relative(PROJECT_ROOT, definedIn) || definedIn;
  const problems: string[] = [];
  if (!NAME.test(props.name)) problems.push(`name "${props.name}" must match ${NAME}`);
  if (props.jobs.length === 0) problems.push('jobs: a pipeline runs at least one job');
  const names = props.jobs.map((j) => j.name);
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length > 0) problems.push(`jobs: ${[...new Set(twice)].join(', ')} listed more than once`);
  if (problems.length > 0) throw new Error(`${file}: invalid pipeline definition:\n  ${problems.join('\n  ')}`);
  return { ...props, definedIn: file };
}

/**
 * The jobs of `pipeline` in the order of `planOrder` (the job plan's names, in run order). A job
 * missing from the plan (disabled in the environment) is returned in `missing`.
 */
export function pipelineSteps(pipeline: PipelineDefinition, planOrder: readonly string[]): { steps: string[]; missing: string[] } {
  const names = pipeline.jobs.map((j) => j.name);
  return { steps: planOrder.filter((n) => names.includes(n)), missing: names.filter((n) => !planOrder.includes(n)) };
}
