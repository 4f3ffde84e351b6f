/**
 * `npm run test:cluster`: the cluster test tier (test/cluster), apart from `npm test` because it needs the
 * Temporal server built from the Go module proxy and takes minutes. It starts its own cluster, so no
 * global dev server; the Temporal CLI (for the deploy scripts) is found as `npm test` finds it.
 */
const base = require('./jest.config.js');
const { transform, moduleFileExtensions, testEnvironment } = base.projects[0];

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment,
  transform,
  moduleFileExtensions,
  testMatch: ['<rootDir>/test/cluster/**/*.test.ts'],
  setupFiles: ['<rootDir>/test/setup/quiet-runtime.ts'],
  testTimeout: 900_000,
  maxWorkers: 1,
};
