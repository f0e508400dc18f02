/**
 * Deferred promise settlements. Every public call first finishes all its state changes, collecting
 * the promises it must settle here, and settles them only at its end (ORDER-1). Settling a promise
 * can run user code at once (a `then` getter on the data), and that code must never see a
 * half-made change.
 *
 * @module
 */

/** The settlements one call collects, settled together at its end, in the order collected. */
export class Settlements {
  /**
   * Settling functions and their arguments, alternating. Pairs rather than closures, so that a
   * set that wakes a thousand gets allocates no closure per get.
   */
  #pairs: unknown[] | undefined;

  /** Collects `settle(value)`, to be called by {@link Settlements.settleAll}. */
  add<V>(settle: (value: V) => void, value: V): void {
    // Made on first use: most calls (a ready get in async mode) collect nothing.
    (this.#pairs ??= []).push(settle, value);
  }

  /** Settles everything collected, in the order collected (ORDER-2). */
  settleAll(): void {
    const pairs = this.#pairs ?? [];
    for (let index = 0; index < pairs.length; index += 2) (pairs[index] as (value: unknown) => void)(pairs[index + 1]);
  }
}
