/**
 * The e2e's memory sampler: per-container peaks, and the host total it reports against the
 * environment's declared host memory (docs/performance.md quotes both).
 */
import { MemorySampler, parseSize } from '../e2e/scenario/memory';
import { markdown, RunReport } from '../e2e/scenario/measurements';

describe('MemorySampler', () => {
  it('keeps each container peak and the highest total of one sample, ignoring exited and foreign containers', () => {
    const m = new MemorySampler();
    m.addSample(['datalab-e2e-kafka 400MiB / 1.5GiB', 'datalab-e2e-consul 50MiB / 256MiB', 'other-project 9GiB / 10GiB'].join('\n'));
    m.addSample(['datalab-e2e-kafka 300MiB / 1.5GiB', 'datalab-e2e-consul 60MiB / 256MiB', 'datalab-e2e-job-x 0B / 0B', 'datalab-e2e-smoke-pg 1GiB / 2GiB'].join('\n'));
    expect(m.report()).toEqual([
      { container: 'datalab-e2e-consul', peakMiB: 60, limitMiB: 256, samples: 2 },
      { container: 'datalab-e2e-kafka', peakMiB: 400, limitMiB: 1536, samples: 2 },
    ]);
    // 450 MiB in the first sample beats 360 in the second: the total is per sample, not the sum of peaks (460).
    expect(m.totalPeak()).toMatchObject({ peakMiB: 450, limitsMiB: 1792, containers: 2 });
  });

  it('has no total before a container ran', () => {
    const m = new MemorySampler();
    m.addSample('datalab-e2e-job-x 0B / 0B');
    expect(m.totalPeak()).toBeUndefined();
  });

  it('reads docker stats sizes in binary and decimal units', () => {
    expect(parseSize('1.5GiB')).toBe(1.5 * 1024 ** 3);
    expect(parseSize('12kB')).toBe(12_000);
    expect(parseSize('--')).toBeUndefined();
  });
});

describe('the run report', () => {
  it('states the host total against the declared host memory', () => {
    const report: RunReport = {
      startedAt: '2026-11-30T12:00:00Z',
      finishedAt: '2026-11-30T12:10:00Z',
      ok: true,
      host: { cpus: 2, memoryMiB: 23000, dockerServer: '20.10.24' },
      preparation: [],
      steps: [],
      measurements: [],
      warnings: [],
      memory: [],
      memoryTotal: { peakMiB: 4096, limitsMiB: 12288, containers: 20, at: '2026-11-30T12:05:00Z', declaredHostMiB: 16384 },
    };
    expect(markdown(report)).toContain(
      'Host total: 4096 MiB used at once by 20 containers (2026-11-30T12:05:00Z), whose limits add up to 12288 MiB; the environment declares host.memoryMb 16384 (25 % used, 75 % limited).',
    );
  });
});
