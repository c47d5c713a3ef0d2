import { defineConfig } from 'vitest/config';

// Browser journeys (Playwright driving Debian's Chromium) and the `npm start` smoke test.
// They run against a real server process started by the global setup.
export default defineConfig({
  test: {
    root: '.',
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    env: { TZ: 'UTC' },
  },
});
