import { defineConfig } from 'vitest/config';

/** The slow proofs (minutes): `npm run test:slow`. Not part of the fast suite. */
export default defineConfig({
  test: {
    include: ['test/slow/**/*.test.ts'],
    testTimeout: 600_000,
  },
});
