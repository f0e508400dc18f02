/**
 * Forced garbage collection for the tests of what the library keeps alive (CLOSE-4, LIFE-1 to
 * LIFE-3, COST-3). The test projects run Node with `--expose-gc`; without it these tests fail
 * rather than pass by checking nothing.
 *
 * @module
 */

/** Node's `gc()`, which `--expose-gc` installs. */
function gcFunction(): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('these tests need Node started with --expose-gc (the vitest configs pass it)');
  return gc;
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
