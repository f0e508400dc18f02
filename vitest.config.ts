import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts'],
    // A rejection nobody handles is a defect of the library or of a test; fail the run on it.
    dangerouslyIgnoreUnhandledErrors: false,
  },
});
