/**
 * The acceptance scenario of the core, processing and visualization stacks, in the order it runs
 * (visualization reads what processing wrote, and is destroyed first; processing is destroyed
 * before core's later steps change and destroy it).
 */
import type { ScenarioStep } from '../runner';
import { change } from './change';
import { consul } from './consul';
import { dataSurvives } from './data-survives';
import { deploy } from './deploy';
import { destroy } from './destroy';
import { hardening } from './hardening';
import { idempotency } from './idempotency';
import { kafka } from './kafka';
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
  visualizationDestroy,
  processingDestroy,
  change,
  dataSurvives,
  destroy,
];
