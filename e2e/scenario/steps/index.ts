/** The acceptance scenario of every stack, in the order it runs (the stacks on top of core are destroyed, dependents first, before core's later steps change and destroy it). */
import type { ScenarioStep } from '../runner';
import { change } from './change';
import { consul } from './consul';
import { dataSurvives } from './data-survives';
import { deploy } from './deploy';
import { destroy } from './destroy';
import { hardening } from './hardening';
import { idempotency } from './idempotency';
import { kafka } from './kafka';
import { ml, mlDestroy } from './ml';
import { monitoring, monitoringDestroy } from './monitoring';
import { pipelines } from './pipelines';
import { lake } from './lake';
import { incremental, jobPrivilege, pipeline, processing, processingDestroy } from './processing';
import { verify } from './verify';
import { visualization, visualizationDestroy } from './visualization';

export const STEPS: readonly ScenarioStep[] = [
  deploy,
  hardening,
  lake,
  kafka,
  consul,
  verify,
  idempotency,
  processing,
  pipeline,
  incremental,
  jobPrivilege,
  visualization,
  ml,
  pipelines,
  // After every step that deploys a group it watches, before any of them is destroyed.
  monitoring,
  monitoringDestroy,
  mlDestroy,
  visualizationDestroy,
  processingDestroy,
  change,
  dataSurvives,
  destroy,
];
