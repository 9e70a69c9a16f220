/**
 * Tests run through ts-jest in transpile-only mode (tsconfig `isolatedModules`): `npm test`
 * type-checks once with `tsc --noEmit`
 * before jest starts, so jest does not type-check a second time.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/__tests__'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { diagnostics: false }],
  },
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
  testTimeout: 60000,
  // jest's default is one worker fewer than the CPUs: a single worker on a 2-core machine. The
  // type-check has finished before jest starts, so both cores can run test files.
  maxWorkers: '100%',
};
