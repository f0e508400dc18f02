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

/**
 * How many of `refs` still point at something once collected: collects, and collects again while
 * any is alive, at most `rounds` times. V8 sometimes keeps an unreachable object through a few
 * forced collections. Under load, 4 of 30 runs of the 10,000 close-and-rewatch cycles of
 * `test/seed-scenarios.test.ts` found one closed watcher alive after {@link collectGarbage}:
 * always one whose pending get the close had rejected, and one more collection always freed it.
 * With `Error.stackTraceLimit = 0` it never happened in 240 cycles under the same load, which
 * points at the stack trace of that get's unreachable `WatcherClosedError` (V8's structured stack
 * keeps each frame's receiver: the watcher). A reference that the code under test holds keeps its
 * target through any number of collections, so asking for none alive after several rounds is as
 * strict as asking after one.
 */
export async function aliveAfterCollection(refs: readonly WeakRef<object>[], rounds = 10): Promise<number> {
  for (let round = 1; ; round++) {
    await collectGarbage();
    const count = alive(refs);
    if (count === 0 || round >= rounds) return count;
  }
}

/** The heap in use after a thorough collection, in bytes. */
export async function heapAfterCollection(): Promise<number> {
  await collectGarbage();
  return process.memoryUsage().heapUsed;
}
