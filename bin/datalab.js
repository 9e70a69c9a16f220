#!/usr/bin/env node
// `npx datalab …`: runs the TypeScript CLI (cli/datalab.ts), bundled ahead of time and rebuilt when
// a source changed (bin/app.js), in this process.
'use strict';
// The project supports node >= 20; the AWS SDK's notice about its future node 22 floor is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

require('./app.js')
  .load({ entry: 'cli/datalab.ts' })
  .then(
    (cli) =>
      cli.main(process.argv.slice(2)).then(
        (code) => {
          process.exitCode = code;
          // A client that keeps a socket open must not keep the command from ending.
          setTimeout(() => process.exit(code), 1000).unref();
        },
        (err) => {
          process.stderr.write(`datalab: ${err && err.message}\n`);
          process.exitCode = 2;
        },
      ),
    (err) => {
      // A syntax error anywhere in the project surfaces here: one line, like every other error.
      process.stderr.write(`datalab: cannot load the project code: ${String((err && err.message) || err).split('\n')[0]}\n`);
      process.exit(2);
    },
  );
