/**
 * Forced garbage collection for the tests of what the library keeps alive (CLOSE-4, LIFE-1 to
 * LIFE-3, COST-3).
 *
 * @module
 */

import { collectWith, forcedGc } from '../../conformance/checks/garbage.js';

/**
 * Collects garbage thoroughly, with Node's `gc()` obtained as the conformance kit obtains it
 * (`--expose-gc`, or the flag set at run time, which also works in the mutation run's workers).
 */
export async function collectGarbage(): Promise<void> {
  const gc = forcedGc();
  if (gc === undefined) throw new Error('cannot force garbage collection on this Node');
  await collectWith(gc);
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
