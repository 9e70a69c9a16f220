#!/usr/bin/env node
// `npx datalab …`: runs the TypeScript CLI (cli/datalab.ts) through tsx, in this process.
'use strict';
require('tsx/cjs/api').register();
const { main } = require('../cli/datalab.ts');

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // A client that keeps a socket open must not keep the command from ending.
    setTimeout(() => process.exit(code), 1000).unref();
  },
  (err) => {
    process.stderr.write(`datalab: ${err && err.message}\n`);
    process.exitCode = 2;
  },
);
