/**
 * Every `@example` in a doc comment is type-checked and run, so the generated API docs, which
 * readers take as the spec of each method, cannot rot. EtcdValue's examples need a running etcd:
 * `etcd-tests/doc-examples.test.ts` checks them against the etcd it starts.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkExample, examples, root, sources } from './support/doc-examples.js';
import { processTimeout } from './support/timeouts.js';

const all = ['src', 'model', 'conformance']
  .flatMap((folder) => sources(join(root, folder)))
  .filter((file) => !file.startsWith(join(root, 'src', 'etcd')))
  .flatMap((file) => examples(file).map((code, index) => ({ name: `${file.slice(root.length + 1)} #${index + 1}`, code })));

describe('doc comment examples', () => {
  it('there are examples to check', () => {
    expect(all.length).toBeGreaterThanOrEqual(3);
  });

  for (const example of all) {
    // Type-checking an example that imports the conformance kit compiles its whole import graph,
    // fast-check's types included: some 12 s on this shared 2-core machine under load.
    it(`${example.name} type-checks and runs`, () => {
      checkExample(example.code, tmpdir());
    }, processTimeout);
  }
});
