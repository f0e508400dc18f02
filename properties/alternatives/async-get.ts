/**
 * A correct implementation written the natural JavaScript way: its get goes through an `async`
 * function. The get decides within the call, but its promise settles a few microtasks later than
 * the call that decided it, so it conforms by default and fails the profile `'strict-order'` on
 * the timing of the clauses that say *at once* alone (GET-5, ABORT-1, CLOSE-3, ...).
 * `npm run conform -- properties/alternatives/async-get.ts`
 *
 * The async function is not the method itself: an `async get()` method keeps its watcher alive
 * while it waits (the suspended call holds `this`), so a pending get on a long-lived signal would
 * keep the watcher and its value from being collected, which LIFE-3 forbids and the kit reports.
 *
 * @module
 */

import type { GetOptions } from '../../src/types.js';
import { SpecValue, SpecWatcher } from './spec-value.js';

/** Passes a promise on through an async function, which settles a few microtasks later. */
async function later<T>(promise: Promise<T>): Promise<T> {
  return await promise;
}

/** A watcher whose get settles through an async function. */
class AsyncGetWatcher<T> extends SpecWatcher<T> {
  override get(options?: GetOptions): Promise<T> {
    return later(super.get(options));
  }
}

/** A value whose watchers get through an async function. */
export class AsyncGetValue<T> extends SpecValue<T> {
  override watch(): SpecWatcher<T> {
    const watcher = new AsyncGetWatcher(this, (this.made += 1), Math.max(this.latest() - 1, 0));
    if (this.sync) this.open.add(watcher);
    return watcher;
  }
}

/** What it declares to the conformance kit. */
export const features = ['sync', 'initial'];

/** The factory the kit and `event-value conform` call. */
export default (options: { sync: boolean; initial?: unknown }) => new AsyncGetValue<unknown>(options);
