/**
 * Tests run through esbuild (scripts/jest/esbuild-transform.cjs: types stripped, nothing
 * type-checked): `npm test` type-checks once with `tsc --noEmit` before jest starts, so jest does
 * not type-check a second time.
 */
const { TOKEN_TRACE_MODULE } = require('./bin/app.js');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': '<rootDir>/scripts/jest/esbuild-transform.cjs',
    // cdktf's per-token stack traces off, as in the bundled app (bin/app.js, TOKEN_TRACE_MODULE).
    [TOKEN_TRACE_MODULE.source]: '<rootDir>/scripts/jest/no-token-traces.cjs',
  },
  // node_modules is not transformed, except that one module.
  transformIgnorePatterns: ['/node_modules/(?!cdktf/lib/tokens/private/stack-trace\\.js$)'],
  globalSetup: '<rootDir>/scripts/jest/global-setup.cjs',
  // Each test file runs in a vm context, where every global lookup (Object, Array, Symbol, …) is an
  // interceptor call into Node: YAML parsing, zod validation and cdktf synthesis ran two to three
  // times slower than in plain node. Jest passes these as parameters of its module wrapper instead
  // (the sandbox's own built-ins, so nothing changes but the lookup), for every module it loads.
  sandboxInjectedGlobals: [
    'Object', 'Array', 'Number', 'String', 'Boolean', 'Symbol', 'BigInt', 'Math', 'JSON', 'Reflect', 'Proxy',
    'Map', 'Set', 'WeakMap', 'WeakSet', 'Promise', 'Date', 'RegExp', 'Uint8Array', 'ArrayBuffer',
    'Error', 'TypeError', 'RangeError', 'SyntaxError', 'parseInt', 'parseFloat', 'isNaN',
  ],
  moduleNameMapper: { '^archiver$': '<rootDir>/scripts/jest/lazy-archiver.cjs' },
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
  testTimeout: 60000,
  // jest's default is one worker fewer than the CPUs: a single worker on a 2-core machine. The
  // type-check has finished before jest starts, so both cores can run test files.
  maxWorkers: '100%',
};
