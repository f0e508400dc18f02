import { defineConfig } from 'vitest/config';

/**
 * The leak tests: long runs that force garbage collection and measure the heap. A project of
 * their own, so that the mutation run (which uses vitest.config.ts) does not repeat them for
 * every mutant, and so that they run in a fresh process with nothing else on its heap.
 */
export default defineConfig({
  test: {
    include: ['leaks/**/*.test.ts'],
    dangerouslyIgnoreUnhandledErrors: false,
    execArgv: ['--expose-gc'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
  },
});
