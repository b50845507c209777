/** Native ESM jest (see STACK.md): ts-jest transpiles only; `npm run typecheck` type-checks. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: [
    '<rootDir>/src/**/*.spec.ts',
    '<rootDir>/test/bench/**/*.spec.ts',
    '<rootDir>/test/**/*.e2e-spec.ts',
  ],
  setupFiles: ['<rootDir>/test/setup.ts'],
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: 2,
};
