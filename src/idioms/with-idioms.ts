/**
 * The idioms for any implementation: {@link withIdioms} lifts a {@link ValueCore} to a full
 * {@link Value}, and {@link readOnly} makes the read-only view of any value.
 *
 * @module
 */

import type { GetOptions, ReadOnlyValue, Value, ValueCore, Watcher, WatcherCore } from '../types.js';
import { IdiomaticWatcher } from './idiomatic-watcher.js';

/** A watcher of another implementation, with the idioms added: its get and close pass through. */
class WrappedWatcher<T> extends IdiomaticWatcher<T> {
  readonly #core: WatcherCore<T>;

  constructor(core: WatcherCore<T>) {
    super();
    this.#core = core;
  }

  get(options?: GetOptions): Promise<T> {
    return this.#core.get(options);
  }

  close(): void {
    this.#core.close();
  }
}

/**
 * @internal The watcher itself if it has the layer already (it extends {@link IdiomaticWatcher},
 * as MemoryValue's and EtcdValue's do), otherwise a wrapper that adds it.
 */
export function idiomatic<T>(watcher: WatcherCore<T>): Watcher<T> {
  return watcher instanceof IdiomaticWatcher ? (watcher as Watcher<T>) : new WrappedWatcher(watcher);
}

/**
 * Gives the watchers of any implementation the idioms of spec section 13 (`for await`, `using`,
 * `waitFor`): the value returned sets and watches through `value`, and wraps each watcher.
 * Nothing is added to the calls themselves, so the core behaves exactly as before.
 *
 * @param value - Any implementation of {@link ValueCore}.
 * @returns A {@link Value} over it.
 *
 * @example
 * ```ts
 * import { withIdioms } from 'event-value';
 * import { ModelValue } from 'event-value/model';
 *
 * // Any implementation of the core will do; here, the reference model, which has no idioms.
 * const value = withIdioms(new ModelValue<string>());
 * value.set('ready');
 * for await (const current of value.watch()) {
 *   console.log(current); // 'ready'
 *   break; // closes the watcher (ITER-3)
 * }
 * ```
 */
export function withIdioms<T>(value: ValueCore<T>): Value<T> {
  return {
    set: (data: T) => value.set(data),
    watch: (): Watcher<T> => idiomatic(value.watch()),
    peek: () => value.peek(),
  };
}

/**
 * The read-only view of a value, to hand to consumers: its only members are `watch` and `peek`,
 * which watch and read `value` exactly as its own do; it cannot set the value, and it is not the
 * value itself (VIEW-1).
 *
 * @param value - The value to view.
 * @returns A frozen object whose only members are `watch` and `peek`.
 */
export function readOnly<T>(value: ReadOnlyValue<T>): ReadOnlyValue<T> {
  return Object.freeze({ watch: () => value.watch(), peek: () => value.peek() });
}
