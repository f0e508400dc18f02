/**
 * Lets fast-check's scheduler pick when the continuation of a settled promise runs.
 *
 * The task is handed to the scheduler only once the promise has settled. Scheduling the promise
 * itself would let the scheduler wait on a get that only a later scheduled set can resolve, a
 * deadlock of the test rather than of the code under test.
 *
 * @module
 */

import type fc from 'fast-check';

/** `promise`, whose continuation runs when the scheduler chooses, among the ready ones. */
export function inSchedulerOrder<T>(scheduler: fc.Scheduler, promise: Promise<T>, label: string): Promise<T> {
  return promise.then(
    (value) => scheduler.schedule(Promise.resolve(value), label),
    (reason: unknown) =>
      scheduler.schedule(Promise.resolve(), label).then(() => {
        throw reason;
      }),
  );
}

/**
 * Runs the scheduler until nothing is left to schedule: after each round, the promises settled
 * in it get a macrotask to hand their continuations to the scheduler, and if they did, another
 * round runs.
 */
export async function drain(scheduler: fc.Scheduler): Promise<void> {
  for (;;) {
    await scheduler.waitAll();
    await new Promise((resolve) => setImmediate(resolve));
    if (scheduler.count() === 0) return;
  }
}
