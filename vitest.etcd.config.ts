import { defineConfig } from 'vitest/config';

/** `npm run test:etcd`: EtcdValue against a real etcd that the tests start themselves. */
export default defineConfig({
  test: {
    include: ['etcd-tests/**/*.test.ts'],
    dangerouslyIgnoreUnhandledErrors: false,
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
