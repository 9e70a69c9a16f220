import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadEnvironment } from '../config/loader';
import { architecturePage, lineageDiagram, stackDiagram } from '../ops/diagram';
import { modelFor } from '../ops/model';
import { extendedModel } from './ops-platform';

const ROOT = path.join(__dirname, '..');

describe('docs/architecture.md', () => {
  it('is what `npx datalab diagram` generates from the dev model', () => {
    const committed = fs.readFileSync(path.join(ROOT, 'docs', 'architecture.md'), 'utf8');
    const generated = architecturePage(modelFor(loadEnvironment('dev')));
    if (committed !== generated) {
      throw new Error('docs/architecture.md differs from the model: run `npx datalab diagram` and commit the result');
    }
  });

  it('is generated deterministically', () => {
    const a = architecturePage(modelFor(loadEnvironment('dev')));
    const b = architecturePage(modelFor(loadEnvironment('dev')));
    expect(a).toBe(b);
  });
});

describe('the Mermaid diagrams', () => {
  const m = extendedModel();

  it('draw each stack with an arrow to the stacks it is deployed after', () => {
    expect(stackDiagram(m)).toBe(['flowchart RL', '  stack_core["core"]', '  stack_extra["extra"]', '  stack_extra -->|"deploys after"| stack_core'].join('\n'));
  });

  it('place services, jobs and consumers in their stack, and buckets in medallion order', () => {
    const d = lineageDiagram(m);
    expect(d).toContain(
      [
        '  subgraph stack_extra["stack extra"]',
        '    user_alerting(["alerting"])',
        '    user_analyst(["analyst"])',
        '    job_bronze_to_silver{{"bronze-to-silver"}}',
        '    job_compact{{"compact"}}',
        '    job_export{{"export"}}',
        '    svc_ingest["ingest"]',
        '    job_silver_to_gold{{"silver-to-gold"}}',
        '  end',
      ].join('\n'),
    );
    const buckets = [...d.matchAll(/ {4}bucket_(\w+)\[/g)].map((x) => x[1]);
    expect(buckets).toEqual(['landing', 'bronze', 'silver', 'gold', 'mlflow']);
  });

  it('draw reads into and writes out of the actor, with the prefix', () => {
    const d = lineageDiagram(m);
    expect(d).toContain('  bucket_bronze -->|"reads"| job_bronze_to_silver');
    expect(d).toContain('  job_bronze_to_silver -->|"writes events/"| bucket_silver');
    expect(d).toContain('  topic_events -->|"reads"| svc_ingest');
    expect(d).toContain('  svc_ingest -->|"writes"| topic_events_dlq');
    expect(d).toContain('  bucket_gold -->|"reads"| user_analyst');
    // Read and write of the same prefix: one two-way arrow.
    expect(d).toContain('  job_compact <-->|"reads, writes daily/"| bucket_gold');
    expect(d).not.toContain('bucket_gold -->|"reads daily/"| job_compact');
  });

  it('list every flow in the page table', () => {
    const page = architecturePage(m);
    expect(page).toContain('| extra | bronze-to-silver (job) | writes | bucket `silver` prefix `events/` |');
    expect(page).toContain('| extra | alerting (consumer) | reads | topic `events-dlq` |');
  });
});
