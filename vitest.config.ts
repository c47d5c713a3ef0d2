import { defineConfig } from 'vitest/config';

// One runner for everything: pure domain tests and integration tests against real PostgreSQL
// (DATABASE_URL's server when set, else an embedded one started by the global setup).
export default defineConfig({
  test: {
    include: ['server/src/**/*.test.ts', 'server/test/**/*.test.ts', 'contracts/src/**/*.test.ts', 'web/src/**/*.test.ts'],
    globalSetup: ['server/test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    env: { TZ: 'UTC' },
  },
});
