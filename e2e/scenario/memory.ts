/**
 * Peak memory of the environment's containers over the whole scenario: `docker stats --no-stream`
 * every 2 s (each call itself takes a moment: Docker reads two samples), keeping per container the
 * highest usage seen and the limit Docker enforces (the configured memoryMb).
 */
import { capture } from '../lib/exec';
import { sleep } from './assert';
import { PREFIX } from './context';

export interface MemoryPeak {
  readonly container: string;
  readonly peakMiB: number;
  readonly limitMiB: number;
  readonly samples: number;
}

const UNITS: Readonly<Record<string, number>> = { B: 1, KiB: 1024, MiB: 1024 ** 2, GiB: 1024 ** 3, TiB: 1024 ** 4, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/** "123.4MiB" → bytes; undefined for what is not a size ("--" for a stopped container). */
export function parseSize(text: string): number | undefined {
  const m = /^([\d.]+)\s*([A-Za-z]+)$/.exec(text.trim());
  const unit = m && UNITS[m[2]];
  return m && unit ? Number(m[1]) * unit : undefined;
}

const mib = (b: number) => Math.round((b / 1024 ** 2) * 10) / 10;

/** Containers of the environment, not the scenario's throw-away clients or another tool's smoke tests. */
function isEnvironmentContainer(name: string): boolean {
  return name.startsWith(`${PREFIX}-`) && !name.startsWith(`${PREFIX}-probe-`) && !name.startsWith(`${PREFIX}-smoke-`);
}

/** The highest sum of the environment's containers' usage in one sample: what the host held at once. */
export interface TotalPeak {
  readonly peakMiB: number;
  /** The sum of the limits of the containers running in that sample. */
  readonly limitsMiB: number;
  readonly containers: number;
  readonly at: string;
}

export class MemorySampler {
  private readonly peaks = new Map<string, { peak: number; limit: number; samples: number }>();
  private total?: { used: number; limits: number; containers: number; at: string };
  private stopped = false;
  private loop?: Promise<void>;
  private errors = 0;

  start(intervalMs = 2000): void {
    this.loop = (async () => {
      while (!this.stopped) {
        const started = Date.now();
        await this.sample();
        await sleep(Math.max(0, intervalMs - (Date.now() - started)));
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  /** Samples that failed (a container vanishing mid-call): reported, never fatal. */
  get failedSamples(): number {
    return this.errors;
  }

  private async sample(): Promise<void> {
    let out: string;
    try {
      out = await capture('docker', ['stats', '--no-stream', '--format', '{{.Name}} {{.MemUsage}}'], { timeoutMs: 30_000 });
    } catch {
      this.errors++;
      return;
    }
    this.addSample(out);
  }

  /** One `docker stats --no-stream --format '{{.Name}} {{.MemUsage}}'` output. */
  addSample(out: string): void {
    const sum = { used: 0, limits: 0, containers: 0 };
    for (const line of out.split('\n')) {
      const m = /^(\S+)\s+(.+?)\s*\/\s*(.+)$/.exec(line.trim());
      if (!m || !isEnvironmentContainer(m[1])) continue;
      const used = parseSize(m[2]);
      const limit = parseSize(m[3]);
      // A container that has exited reports 0B / 0B: not a sample.
      if (used === undefined || !limit) continue;
      const p = this.peaks.get(m[1]) ?? { peak: 0, limit, samples: 0 };
      this.peaks.set(m[1], { peak: Math.max(p.peak, used), limit: Math.max(p.limit, limit), samples: p.samples + 1 });
      sum.used += used;
      sum.limits += limit;
      sum.containers++;
    }
    if (sum.containers && sum.used > (this.total?.used ?? 0)) this.total = { ...sum, at: new Date().toISOString() };
  }

  /** The environment's highest total in one sample, or undefined before any container ran. */
  totalPeak(): TotalPeak | undefined {
    const t = this.total;
    return t && { peakMiB: mib(t.used), limitsMiB: mib(t.limits), containers: t.containers, at: t.at };
  }

  report(): readonly MemoryPeak[] {
    return [...this.peaks].sort(([a], [b]) => a.localeCompare(b)).map(([container, p]) => ({ container, peakMiB: mib(p.peak), limitMiB: mib(p.limit), samples: p.samples }));
  }
}
