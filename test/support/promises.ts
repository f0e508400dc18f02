/**
 * Helpers to look at promises from a test without awaiting them, so a test can tell "still
 * waiting" from "settled" at a precise point.
 */

/** What a tracked promise has done so far. */
export type Outcome<T> =
  | { readonly state: 'pending' }
  | { readonly state: 'fulfilled'; readonly value: T }
  | { readonly state: 'rejected'; readonly reason: unknown };

/** A live view of a promise's outcome, updated when it settles. */
export interface Tracked<T> {
  readonly outcome: Outcome<T>;
  readonly promise: Promise<T>;
}

/**
 * Starts tracking `promise`. The handlers are attached at once, so the promise never counts as an
 * unhandled rejection, and its outcome is visible after the next {@link flush}.
 */
export function track<T>(promise: Promise<T>): Tracked<T> {
  const tracked = { outcome: { state: 'pending' } as Outcome<T>, promise };
  promise.then(
    (value) => {
      tracked.outcome = { state: 'fulfilled', value };
    },
    (reason: unknown) => {
      tracked.outcome = { state: 'rejected', reason };
    },
  );
  return tracked;
}

/** Lets every queued microtask run, by waiting for the next turn of the event loop. */
export function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Waits `ms` milliseconds. Only for scenarios that stagger consumers, never to judge timing. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The `name` of a rejection reason, for comparing errors across implementations (ERR-1). */
export function errorName(reason: unknown): string {
  return reason instanceof Error ? reason.name : `not an Error: ${String(reason)}`;
}
