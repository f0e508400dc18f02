import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts'],
    // A rejection nobody handles is a defect of the library or of a test; fail the run on it.
    dangerouslyIgnoreUnhandledErrors: false,
    // Some clauses are about what the library keeps alive (CLOSE-4, LIFE-1 to LIFE-3, COST-3);
    // their tests force garbage collection (test/support/gc.ts). The heavy leak tests are in
    // vitest.leaks.config.ts.
  },
});
