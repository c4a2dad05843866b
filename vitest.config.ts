import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/test/**/*.test.ts', 'gateway/test/**/*.test.ts', 'subgraphs/*/test/**/*.test.ts', 'scripts/test/**/*.test.ts', 'e2e/**/*.test.ts'],
    exclude: ['**/node_modules/**'],
    env: { APOLLO_TELEMETRY_DISABLED: 'true', LOG_LEVEL: 'silent' },
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // End-to-end files start real processes; two cores do not like several sets at once.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
