/** The acceptance scenario of the core stack, in the order it runs. */
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
import { verify } from './verify';

export const STEPS: readonly ScenarioStep[] = [deploy, hardening, lake, kafka, consul, verify, idempotency, change, dataSurvives, destroy];
