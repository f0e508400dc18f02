/**
 * Forced garbage collection for the tests of what the library keeps alive (CLOSE-4, LIFE-1 to
 * LIFE-3, COST-3).
 *
 * @module
 */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Node's `gc()`: the global one when Node was started with `--expose-gc` (the leak project), or
 * else one obtained by setting that flag at run time, which a fresh context then exposes. The
 * second way also works in worker threads, where the mutation run's test runner puts the tests
 * and where `--expose-gc` cannot be passed.
 */
function gcFunction(): () => void {
  const global = (globalThis as { gc?: () => void }).gc;
  if (global !== undefined) return global;
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  if (typeof gc !== 'function') throw new Error('cannot force garbage collection on this Node');
  return gc as () => void;
}

/**
 * Collects garbage thoroughly. A `WeakRef` deref'd in the current job keeps its target until the
 * job ends, and finalization needs a turn too, so this waits a macrotask before and after.
 */
export async function collectGarbage(): Promise<void> {
  const gc = gcFunction();
  for (let round = 0; round < 3; round++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  await new Promise((resolve) => setImmediate(resolve));
}

/** How many of `refs` still point at something. */
export function alive(refs: readonly WeakRef<object>[]): number {
  return refs.filter((ref) => ref.deref() !== undefined).length;
}

/** The heap in use after a thorough collection, in bytes. */
export async function heapAfterCollection(): Promise<number> {
  await collectGarbage();
  return process.memoryUsage().heapUsed;
}
