import { defineConfig } from 'vitest/config';

// Two projects: API/unit tests on real databases, and the Playwright stories in Chromium.
export default defineConfig({
  test: {
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
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
