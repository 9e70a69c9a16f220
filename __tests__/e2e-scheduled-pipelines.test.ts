import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { loadEnvironment } from '../config/loader';
import { Testing } from 'cdktf';
import type { EnvConfig } from '../config/schema';
import { capacityPlan } from '../policy/capacity';
import { buildPlatform } from '../stacks/platform';
import {
  addSchedules,
  dailyCronAt,
  parseMetrics,
  PIPELINES_HOST_MEMORY_MB,
  removeSchedules,
  retentionFor,
  STEP_PIPELINES,
  wallClock,
  wallTimeExists,
} from '../e2e/scenario/scheduled-pipelines';

const CONFIG = path.join(__dirname, '..', 'config');

/** The peak of a config, built without synth's refusal. */
const peakOf = (cfg: EnvConfig) => {
  const app = Testing.app({ stackTraces: false });
  buildPlatform(app, cfg, { checkCapacity: false });
  return capacityPlan(app, cfg).total.peakMemoryMb;
};

/** The e2e config after `edit`, loaded as the deploy loads it. */
function e2eWith(edit: (doc: ReturnType<typeof parseDocument>) => void) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'datalab-e2e-pl-'));
  for (const f of fs.readdirSync(CONFIG).filter((f) => f.endsWith('.yaml'))) fs.copyFileSync(path.join(CONFIG, f), path.join(dir, f));
  const file = path.join(dir, 'e2e.yaml');
  const doc = parseDocument(fs.readFileSync(file, 'utf8'));
  edit(doc);
  fs.writeFileSync(file, doc.toString());
  try {
    return loadEnvironment('e2e', dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('the pipelines step\'s config copy', () => {
  const scheduled = e2eWith(addSchedules);

  it('is a valid e2e config that schedules four pipelines, with the alerts topic data-checks writes', () => {
    expect(Object.keys(scheduled.processing!.pipelines)).toEqual(Object.keys(STEP_PIPELINES));
    expect(scheduled.processing!.pipelines['data-checks'].enabled).toBe(false);
    expect(scheduled.core.topics.map((t) => t.name)).toContain('alerts');
    expect(scheduled.host.memoryMb).toBe(PIPELINES_HOST_MEMORY_MB);
    expect(scheduled.processing!.maintenance.partitionRetentionDays).toEqual({ silver_events: 30, gold_event_counts: 30 });
  });

  it('needs the larger host: the schedules do not fit the e2e host, and do fit the declared one', () => {
    const peak = peakOf(scheduled);
    expect(peak).toBeLessThanOrEqual(PIPELINES_HOST_MEMORY_MB);
    expect(peak).toBeGreaterThan(loadEnvironment('e2e').host.memoryMb);
  });

  it('is taken out again to the e2e config, except the alerts topic core keeps', () => {
    const original = loadEnvironment('e2e');
    const back = e2eWith((doc) => {
      addSchedules(doc);
      removeSchedules(doc, original.host.memoryMb);
    });
    expect({ ...back, core: { ...back.core, topics: back.core.topics.filter((t) => t.name !== 'alerts') } }).toEqual(original);
  });
});

describe('scheduled-pipelines helpers', () => {
  it('writes the daily cron of a UTC minute', () => {
    expect(dailyCronAt(new Date('2026-11-30T14:07:00Z'))).toBe('7 14 * * *');
    expect(dailyCronAt(new Date('2026-11-30T00:00:00Z'))).toBe('0 0 * * *');
  });

  it('reads an instant as a wall clock in a time zone, daylight saving included', () => {
    expect(wallClock('2026-12-01T05:00:00Z', 'Europe/Berlin')).toEqual({ date: '2026-12-01', weekday: 'Tue', time: '06:00' });
    expect(wallClock('2026-07-01T04:00:00Z', 'Europe/Berlin')).toEqual({ date: '2026-07-01', weekday: 'Wed', time: '06:00' });
    expect(wallClock('2026-12-05T23:30:00Z', 'Europe/Berlin')).toEqual({ date: '2026-12-06', weekday: 'Sun', time: '00:30' });
  });

  it('knows the wall-clock times a time zone skips when clocks go forward', () => {
    // 2027-03-28: Europe/Berlin goes from 02:00 to 03:00 (train-model's Sunday 02:00 does not happen).
    expect(wallTimeExists('2027-03-28', '02:00', 'Europe/Berlin')).toBe(false);
    expect(wallTimeExists('2027-03-28', '03:00', 'Europe/Berlin')).toBe(true);
    expect(wallTimeExists('2027-03-21', '02:00', 'Europe/Berlin')).toBe(true);
    expect(wallTimeExists('2027-03-28', '02:00', 'UTC')).toBe(true);
  });

  it('chooses a partition retention that expires exactly the earliest event day', () => {
    expect(retentionFor('2026-10-31', new Date('2026-11-30T14:00:00Z'))).toEqual({ days: 29, cutoff: '2026-11-01' });
    // Maintenance deletes partitions before today − days: the cutoff day itself is kept.
    const { days, cutoff } = retentionFor('2026-10-31', new Date('2026-12-31T23:59:00Z'));
    expect(new Date(Date.UTC(2026, 11, 31) - days * 86_400_000).toISOString().slice(0, 10)).toBe(cutoff);
    expect(() => retentionFor('2026-11-30', new Date('2026-11-30T10:00:00Z'))).toThrow(/too recent/);
  });

  it('parses Prometheus samples with their labels, skipping comments', () => {
    const m = parseMetrics('# HELP x y\n# TYPE x gauge\ndatalab_data_check_failed{table="gold_event_counts",check="rows"} 1\nx_total 3\n\n');
    expect([...m]).toEqual([['datalab_data_check_failed{table="gold_event_counts",check="rows"}', 1], ['x_total', 3]]);
  });
});
