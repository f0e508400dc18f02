/**
 * Forced garbage collection, for the clauses about what a value keeps alive (CLOSE-4, LIFE-1 to
 * LIFE-3): without it, whether an object can be collected is not observable.
 *
 * @module
 */

import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Node's `gc()`: the global one when Node was started with `--expose-gc`, or else one obtained by
 * setting that flag at run time, which a fresh context then exposes (this also works in worker
 * threads, where `--expose-gc` cannot be passed). Undefined where neither works.
 */
export function forcedGc(): (() => void) | undefined {
  const global = (globalThis as { gc?: () => void }).gc;
  if (global !== undefined) return global;
  try {
    setFlagsFromString('--expose-gc');
    const gc: unknown = runInNewContext('gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Collects garbage thoroughly with `gc`. A `WeakRef` deref'd in the current job keeps its target
 * until the job ends, and finalization needs a turn too, so this waits a macrotask before and
 * after each collection.
 */
export async function collectWith(gc: () => void): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await new Promise((resolve) => setImmediate(resolve));
    gc();
  }
  await new Promise((resolve) => setImmediate(resolve));
}
