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

/** The heap in use after a thorough collection, in bytes. */
export async function heapAfterCollection(): Promise<number> {
  await collectGarbage();
  return process.memoryUsage().heapUsed;
}
