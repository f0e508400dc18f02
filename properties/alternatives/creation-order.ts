/**
 * A correct implementation of another design: one set wakes the waiting gets in the order their
 * watchers were made, not the order the gets began waiting. Within one call that order can only be
 * seen by racing microtasks, so it conforms by default, and fails the profile `'strict-order'` on
 * GET-6's order alone. `npm run conform -- properties/alternatives/creation-order.ts`
 *
 * @module
 */

import { SpecValue, type SpecWatcher } from './spec-value.js';

/** Wakes waiting gets in the order their watchers were made. */
export class CreationOrderValue<T> extends SpecValue<T> {
  override wakeOrder(waiting: readonly SpecWatcher<T>[]): readonly SpecWatcher<T>[] {
    return [...waiting].sort((left, right) => left.id - right.id);
  }
}

/** What it declares to the conformance kit. */
export const features = ['sync', 'initial'];

/** The factory the kit and `event-value conform` call. */
export default (options: { sync: boolean; initial?: unknown }) => new CreationOrderValue<unknown>(options);
