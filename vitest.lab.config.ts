import { defineConfig } from 'vitest/config';

/**
 * The lab suite: real OpenStack in Docker (see LAB-NOTES.md). Files run one at a time in one
 * process, since they share two cores and one Docker daemon; limits are generous per test, and
 * every wait inside the lab has its own hard limit.
 */
export default defineConfig({
  test: {
    include: ['test/lab/**/*.test.ts'],
    testTimeout: 20 * 60_000,
    hookTimeout: 15 * 60_000,
    fileParallelism: false,
    sequence: { concurrent: false },
    reporters: ['verbose'],
  },
});
