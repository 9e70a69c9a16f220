/**
 * Before any test file runs: brings the bundle of the app cdktf.json runs (main.ts, see bin/app.js)
 * up to date. Several test files run the app, in parallel workers; after an edit each would find
 * the bundle stale and build it at the same time. (The scripts and the `datalab` CLI are each run
 * by one test file, one test after another: the first run builds, the others reuse it.)
 */
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const app = require('../../bin/app.js');

module.exports = async function globalSetup() {
  const command = JSON.parse(fs.readFileSync(path.join(app.ROOT, 'cdktf.json'), 'utf8')).app.trim();
  const m = /^node bin\/app\.js(?:\s+(\S+\.ts))?$/.exec(command);
  if (m) await app.ensureBuilt({ entry: m[1] ?? 'main.ts' });
};
