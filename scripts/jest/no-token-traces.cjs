/**
 * Jest transform for cdktf's token stack-trace module: the same swap as in the bundled app
 * (bin/app.js, TOKEN_TRACE_MODULE): tokens created in tests record no stack trace, unless
 * debugging (`DATALAB_DEBUG=1`), when cdktf's own module runs.
 */
'use strict';
const { createHash } = require('node:crypto');
const { NO_TOKEN_TRACES } = require('../../bin/app.js');

const debugging = () => Boolean(process.env.DATALAB_DEBUG);

module.exports = {
  getCacheKey(source, filename) {
    return createHash('sha256').update(NO_TOKEN_TRACES).update('\0').update(filename).update('\0').update(source).update(debugging() ? '\0debug' : '').digest('hex');
  },
  process(source) {
    return { code: debugging() ? source : NO_TOKEN_TRACES };
  },
};
