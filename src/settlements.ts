/**
 * Deferred promise settlements. Every public call first finishes all its state changes, collecting
 * the promises it must settle here, and settles them only at its end (ORDER-1). Settling a promise
 * can run user code at once (a `then` getter on the data), and that code must never see a
 * half-made change.
 *
 * @module
 */

/** One promise settlement, to be run once the call's state changes are complete. */
export type Settlement = () => void;

/** Runs the collected settlements in the order they were collected (ORDER-2). */
export function settleAll(settlements: readonly Settlement[]): void {
  for (const settle of settlements) settle();
}
