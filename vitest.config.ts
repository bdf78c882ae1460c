import { defineConfig } from 'vitest/config';

// Two projects: API/unit tests on real databases, and the Playwright stories in Chromium.
export default defineConfig({
  test: {
    // Vitest's default on a 2-core machine is one worker, which ran every file one after the other
    // (13 minutes); two workers take API files and stories as they come (each story has its own server,
    // database and port).
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'api',
          include: ['test/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          environment: 'node',
          globalSetup: ['e2e/support/global-setup.ts'],
          // A poll waits as long as a locator does (10 s): two stories and the API tests share two cores.
          expect: { poll: { timeout: 10_000 } },
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
