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
};
