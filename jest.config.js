/** @type {import('jest').Config} */
const transform = { '^.+\\.ts$': ['@swc/jest', { jsc: { target: 'es2022' } }] };
const shared = { testEnvironment: 'node', transform, moduleFileExtensions: ['ts', 'js', 'json'] };

module.exports = {
  testTimeout: 120_000,
  // Two cores: the server, the workers and the emulators need the CPU more than extra jest workers do.
  maxWorkers: 2,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'integration',
      // One dev server for the whole run: started here, shared through TEMPORAL_TEST_ADDRESS. Only this
      // project's tests need it, so `npm run test:unit` runs without a Temporal binary.
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
      testMatch: ['<rootDir>/test/!(unit|cluster)/**/*.test.ts'],
      slowTestThreshold: 30,
      setupFiles: ['<rootDir>/test/setup/quiet-runtime.ts'],
    },
  ],
};
