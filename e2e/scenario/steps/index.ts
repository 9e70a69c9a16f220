/** The acceptance scenario of the core, processing and monitoring stacks, in the order it runs (monitoring, then processing are destroyed before core's later steps change and destroy it). */
import type { ScenarioStep } from '../runner';
import { change } from './change';
import { consul } from './consul';
import { dataSurvives } from './data-survives';
import { deploy } from './deploy';
import { destroy } from './destroy';
import { hardening } from './hardening';
import { idempotency } from './idempotency';
import { kafka } from './kafka';
import { monitoring, monitoringDestroy } from './monitoring';
import { lake } from './lake';
import { incremental, jobPrivilege, pipeline, processing, processingDestroy } from './processing';
import { verify } from './verify';

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
  // After every step that deploys a group it watches, before any of them is destroyed.
  monitoring,
  monitoringDestroy,
  processingDestroy,
  change,
  dataSurvives,
  destroy,
];
