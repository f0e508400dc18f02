import { defineConfig } from 'vitest/config';

/**
 * The browser test of `check-trace --html`: Debian's chromium, driven by playwright-core. A project
 * of its own, so that the mutation run (which uses vitest.config.ts) does not start a browser for
 * every mutant of the checker, and so that one browser serves the whole file. `npm test` runs it.
 */
export default defineConfig({
  test: {
    include: ['chromium-tests/**/*.test.ts'],
    dangerouslyIgnoreUnhandledErrors: false,
    fileParallelism: false,
    // Starting chromium takes about a second here; these leave room for a loaded, shared machine.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
