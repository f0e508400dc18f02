/**
 * The `@example`s of `src/etcd/`, type-checked and run against the etcd this suite starts (their
 * `127.0.0.1:2379` becomes its endpoint).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkExample, examples, root, sources } from '../test/support/doc-examples.js';
import { useEtcd } from './etcd-server.js';

const etcd = useEtcd({ beforeAll, afterAll });
// Inside the repository, so that the examples resolve `etcd3` from its node_modules.
const scratch = join(root, 'etcd-tests', '.examples');

const all = sources(join(root, 'src', 'etcd')).flatMap((file) =>
  examples(file).map((code, index) => ({ name: `${file.slice(root.length + 1)} #${index + 1}`, code })),
);

describe('EtcdValue doc comment examples', () => {
  it('there are examples to check', () => {
    expect(all.length).toBeGreaterThanOrEqual(1);
  });

  for (const example of all) {
    it(`${example.name} type-checks and runs against a real etcd`, () => {
      mkdirSync(scratch, { recursive: true });
      try {
        checkExample(example.code.replaceAll('http://127.0.0.1:2379', etcd.server().endpoint), scratch);
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    }, 60_000);
  }
});
