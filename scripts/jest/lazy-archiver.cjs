// cdktf requires `archiver` as it loads (for zip assets), and with it readable-stream, glob and their
// dependencies; no test builds a zip. Mapped here by jest.config.js, it loads on first use instead,
// as in the bundled app (bin/app.js). (Those modules declare `const { Symbol, Promise, … }` at their
// top level, which jest's sandboxInjectedGlobals would make a duplicate declaration.)
'use strict';
const path = require('node:path');

let real;
module.exports = function archiver(...args) {
  real ??= require(require.resolve('archiver', { paths: [path.dirname(require.resolve('cdktf'))] }));
  return real(...args);
};
