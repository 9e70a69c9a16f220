/**
 * `node --import tsx e2e/images/cli.ts [--smoke] [name…]`: builds the e2e stand-in images (all, or
 * the named ones: debian, seaweedfs, consul, consul-1.14, consul-esm, kafka, spark, prometheus,
 * postgres) and prints what was
 * done and how long it took. With --smoke, the smoke tests of the named images run afterwards
 * (smoke.ts; `consul` and `consul-1.14` include consul-esm). Exit 0 on success, 1 on a failed
 * build, an unavailable image or a failed smoke test, 2 on bad arguments.
 */
import { ImageResult, prepareImages, STAND_INS } from './index';
import { SMOKE_TESTS } from './smoke';

async function main(argv: string[]): Promise<number> {
  const smoke = argv.includes('--smoke');
  const names = argv.filter((a) => a !== '--smoke');
  const bad = names.filter((n) => n.startsWith('-') || (n !== 'debian' && !STAND_INS.some((s) => s.name === n)));
  if (bad.length) {
    console.error(`usage: cli.ts [--smoke] [debian|${STAND_INS.map((s) => s.name).join('|')}]…  (unknown: ${bad.join(' ')})`);
    return 2;
  }
  const results: ImageResult[] = [];
  const start = Date.now();
  const images = await prepareImages({ only: names, onResult: (r) => results.push(r) });
  console.log(`\n${'image'.padEnd(30)} ${'action'.padEnd(10)} seconds`);
  for (const r of results) console.log(`${r.image.padEnd(30)} ${(r.unavailable ? 'UNAVAILABLE' : r.built ? 'built' : 'cached').padEnd(10)} ${r.seconds}`);
  console.log(`${images.length} images ready in ${((Date.now() - start) / 1000).toFixed(1)}s`);

  const missing = results.filter((r) => r.unavailable);
  if (!smoke) return missing.length ? 1 : 0;
  let failed = 0;
  const toTest = Object.keys(SMOKE_TESTS).filter((n) => !names.length || names.includes(n));
  for (const name of toTest) {
    const t = Date.now();
    try {
      const lines = await SMOKE_TESTS[name]();
      console.log(`smoke ${name}: ok (${((Date.now() - t) / 1000).toFixed(1)}s)`);
      for (const l of lines) console.log(`  ${l}`);
    } catch (e) {
      failed++;
      console.error(`smoke ${name}: FAILED (${((Date.now() - t) / 1000).toFixed(1)}s)\n  ${(e as Error).message.replace(/\n/g, '\n  ')}`);
    }
  }
  console.log(`smoke: ${toTest.length - failed} passed, ${failed} failed`);
  return failed || missing.length ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`images: ${err.message}`);
    process.exit(1);
  },
);
