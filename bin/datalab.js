#!/usr/bin/env node
// `npx datalab …`: runs the TypeScript CLI (cli/datalab.ts) through tsx, in this process.
'use strict';
// The project supports node >= 20; the AWS SDK's notice about its future node 22 floor is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
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
