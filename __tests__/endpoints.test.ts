import * as fs from 'node:fs';
import * as path from 'node:path';
import { allEndpoints } from '../cli/datalab';
import { endpointsTable, readmeBlock, README_BEGIN, README_END, replaceReadmeBlock } from '../ops/endpoints';
import { extendedModel } from './ops-platform';

describe('the endpoints table', () => {
  it('is the table between the markers in README.md (else run `npx datalab endpoints --readme`)', () => {
    const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
    const block = readmeBlock(readme);
    if (block !== allEndpoints()) {
      throw new Error('README.md endpoints table differs from the model: run `npx datalab endpoints --readme` and commit the result');
    }
  });

  it('has a column per environment, host:port for TCP listeners, and a dash where a service is off', () => {
    const lines = allEndpoints().split('\n');
    expect(lines[0]).toBe('| stack | service | port | dev | staging | prod | e2e |');
    expect(lines).toContain('| core | kafka | external | 127.0.0.1:9092 | 127.0.0.1:9092 | 127.0.0.1:9092 | 127.0.0.1:9092 |');
    expect(lines).toContain('| core | kafka-ui | http | http://127.0.0.1:8082 | http://127.0.0.1:8082 | — | — |');
    // Each environment's lake server: MinIO, or SeaweedFS's S3 gateway in e2e.
    expect(lines).toContain('| core | minio | api | http://127.0.0.1:9000 | http://127.0.0.1:9000 | http://127.0.0.1:9000 | — |');
    expect(lines).toContain('| core | seaweedfs | s3 | — | — | — | http://127.0.0.1:9000 |');
  });

  it('lists each replica on its own consecutive host port, after its stack', () => {
    const m = extendedModel();
    const lines = endpointsTable([m]).split('\n');
    expect(lines.slice(-2)).toEqual(['| extra | ingest | http | http://127.0.0.1:18080 |', '| extra | ingest-2 | http | http://127.0.0.1:18081 |']);
  });

  it('replaces only the block between the markers', () => {
    const text = `intro\n${README_BEGIN}\nold\n${README_END}\noutro\n`;
    expect(replaceReadmeBlock(text, '| new |')).toBe(`intro\n${README_BEGIN}\n| new |\n${README_END}\noutro\n`);
    expect(() => replaceReadmeBlock('no markers', 'x')).toThrow(/README.md has no endpoints block/);
  });
});
