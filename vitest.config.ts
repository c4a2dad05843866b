import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

// graphql 16 ships ESM (index.mjs) and CJS (index.js) side by side. Apollo's gateway loads the CJS
// one; Vite would hand tests the ESM one, and graphql refuses objects from "another realm". Tests
// get the same file Node itself loads.
const graphqlEntry = createRequire(new URL('./gateway/package.json', import.meta.url)).resolve('graphql');

const env = { APOLLO_TELEMETRY_DISABLED: 'true', LOG_LEVEL: 'silent' };

export default defineConfig({
  resolve: { alias: [{ find: /^graphql$/, replacement: graphqlEntry }] },
  test: {
    // Two cores: two test files at a time. End-to-end files each start a whole graph of processes.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['shared/test/**/*.test.ts', 'gateway/test/**/*.test.ts', 'subgraphs/*/test/**/*.test.ts', 'scripts/test/**/*.test.ts', 'bench/test/**/*.test.ts'],
          env,
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          // Generates the end-to-end dataset once per run (reused while the generator is unchanged).
          globalSetup: ['e2e/global-setup.ts'],
          env,
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
