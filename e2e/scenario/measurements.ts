/**
 * What a run measured — named durations (deploy to healthy, no-op plan, destroy …), step timings
 * and peak memory per container — written as JSON to the cache (`<cache>/last-run.json`, outside
 * the clone) and rendered as the markdown tables docs/performance.md takes.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheRoot } from '../lib/cache';
import { formatMs, StepTiming } from '../lib/log';
import type { MemoryPeak, TotalPeak } from './memory';

export interface Measurement {
  readonly name: string;
  readonly ms: number;
  /** What exactly was timed, from which event to which. */
  readonly note: string;
}

export class Measurements {
  private readonly items: Measurement[] = [];
  private readonly notes: string[] = [];

  record(name: string, ms: number, note: string): void {
    this.items.push({ name, ms, note });
  }

  list(): readonly Measurement[] {
    return [...this.items];
  }

  /** Something that passed only after a known flaky failure: reported, never hidden. */
  warn(note: string): void {
    this.notes.push(note);
  }

  warnings(): readonly string[] {
    return [...this.notes];
  }
}

export interface StepOutcome {
  readonly name: string;
  readonly status: 'pass' | 'fail' | 'skip';
  readonly ms: number;
  /** The failure's first line, or why the step was skipped. */
  readonly detail?: string;
}

export interface RunReport {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly ok: boolean;
  readonly host: { readonly cpus: number; readonly memoryMiB: number; readonly dockerServer: string };
  readonly preparation: readonly StepTiming[];
  readonly steps: readonly StepOutcome[];
  readonly measurements: readonly Measurement[];
  readonly warnings: readonly string[];
  readonly memory: readonly MemoryPeak[];
  /** The environment's highest total in one sample, against the host memory its config declares. */
  readonly memoryTotal?: TotalPeak & { readonly declaredHostMiB: number };
}

export function hostFacts(dockerServer: string): RunReport['host'] {
  return { cpus: os.cpus().length, memoryMiB: Math.round(os.totalmem() / 1024 ** 2), dockerServer };
}

export function writeReport(report: RunReport): string {
  const file = path.join(cacheRoot(), 'last-run.json');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}

const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;

export function markdown(report: RunReport): string {
  const steps = [
    row(['step', 'result', 'time']),
    row(['---', '---', '---:']),
    ...report.steps.map((st) => row([st.name, st.status, st.status === 'skip' ? '—' : formatMs(st.ms)])),
  ];
  const measured = [row(['measurement', 'time', 'what']), row(['---', '---:', '---']), ...report.measurements.map((m) => row([m.name, formatMs(m.ms), m.note]))];
  const memory = [
    row(['container', 'peak MiB', 'limit MiB', 'peak / limit', 'samples']),
    row(['---', '---:', '---:', '---:', '---:']),
    ...report.memory.map((m) => row([m.container, m.peakMiB.toFixed(1), m.limitMiB.toFixed(0), `${Math.round((m.peakMiB / m.limitMiB) * 100)} %`, m.samples])),
  ];
  const t = report.memoryTotal;
  if (t) {
    memory.push(
      '',
      `Host total: ${t.peakMiB.toFixed(0)} MiB used at once by ${t.containers} containers (${t.at}), whose limits add up to ${t.limitsMiB.toFixed(0)} MiB; ` +
        `the environment declares host.memoryMb ${t.declaredHostMiB} (${Math.round((t.peakMiB / t.declaredHostMiB) * 100)} % used, ${Math.round((t.limitsMiB / t.declaredHostMiB) * 100)} % limited).`,
    );
  }
  const h = report.host;
  const warnings = report.warnings.length ? ['', 'Warnings:', ...report.warnings.map((w) => `- ${w}`)] : [];
  return [
    `e2e run ${report.startedAt} (${h.cpus} CPUs, ${h.memoryMiB} MiB, Docker ${h.dockerServer}): ${report.ok ? 'passed' : 'FAILED'}`,
    ...warnings,
    '',
    ...steps,
    '',
    ...measured,
    '',
    ...memory,
  ].join('\n');
}
