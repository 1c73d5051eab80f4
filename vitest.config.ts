import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'tests/unit/**/*.test.ts',
      'tests/routeros/**/*.test.ts',
      'tests/integration/**/*.test.ts',
      'tests/crash/**/*.test.ts',
    ],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // expect.poll waits for a condition; its default 1 s deadline is a wait on time that a loaded
    // machine (npm run test:stress) can miss. The test's own timeout is the real limit.
    expect: { poll: { timeout: 15_000, interval: 20 } },
  },
});
