/**
 * Faulty layers: the reference model with the idioms of spec section 13 added and one of them
 * broken each (PRED, ITER, DISPOSE). The layer is written once over the core, so a fault in it
 * would reach every implementation; these show that the properties of the layer would see it.
 * They live apart from the main gallery because the conformance kit and the exhaustive check
 * judge the core, where these faults are not.
 *
 * @module
 */

import { ModelValue, ModelWatcher } from '../../model/model-value.js';
import { idiomatic } from '../../src/idioms/with-idioms.js';
import type { GetOptions, Watcher } from '../../src/types.js';

/** A model watcher with the layer's idioms, each of which a variant below may break. */
class LayeredWatcher<T> extends ModelWatcher<T> implements Watcher<T> {
  /** The layer over this watcher's own get and close. */
  readonly layer: Watcher<T> = idiomatic<T>({ get: (options) => this.get(options), close: () => this.close() });

  waitFor(accept: (data: T) => unknown, options?: GetOptions): Promise<T> {
    return this.layer.waitFor(accept, options);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this.layer[Symbol.asyncIterator]();
  }

  values(options?: GetOptions): AsyncIterableIterator<T> {
    return this.layer.values(options);
  }

  [Symbol.dispose](): void {
    this.layer[Symbol.dispose]();
  }
}

/** Makes a model value whose watchers are of the given faulty kind. */
function layered(Kind: new (value: ModelValue<number>, cursor: number) => LayeredWatcher<number>): new (options: { sync: boolean }) => ModelValue<number> {
  return class extends ModelValue<number> {
    override makeWatcher(cursor: number): ModelWatcher<number> {
      return new Kind(this, cursor);
    }
  };
}

/** `waitFor` resolves with the first version it examines, whatever the predicate said (PRED-1). */
export const AcceptsWhateverItExamines = layered(
  class extends LayeredWatcher<number> {
    override async waitFor(accept: (data: number) => unknown, options?: GetOptions): Promise<number> {
      const data = await this.get(options);
      accept(data);
      return data;
    }
  },
);

/** A predicate that throws counts as a rejection, and the wait goes on (PRED-4). */
export const ThrowingPredicateSwallowed = layered(
  class extends LayeredWatcher<number> {
    override waitFor(accept: (data: number) => unknown, options?: GetOptions): Promise<number> {
      return super.waitFor((data) => {
        try {
          return accept(data);
        } catch {
          return false;
        }
      }, options);
    }
  },
);

/** `waitFor` throws away the version at hand unexamined and waits for a newer one (PRED-2). */
export const IgnoresVersionAtHand = layered(
  class extends LayeredWatcher<number> {
    override async waitFor(accept: (data: number) => unknown, options?: GetOptions): Promise<number> {
      if (this.nextVersion() !== undefined) await this.get(options);
      return super.waitFor(accept, options);
    }
  },
);

/** Leaving a loop early does not close the watcher (ITER-3). */
export const LeavingKeepsWatcherOpen = layered(
  class extends LayeredWatcher<number> {
    override [Symbol.asyncIterator](): AsyncIterableIterator<number> {
      const iterator = super[Symbol.asyncIterator]();
      return { next: () => iterator.next(), return: () => Promise.resolve({ done: true, value: undefined }), [Symbol.asyncIterator]: () => iterator };
    }
  },
);

/** Disposing does nothing, so `using` leaves the watcher open (DISPOSE-1). */
export const DisposeDoesNothing = layered(
  class extends LayeredWatcher<number> {
    override [Symbol.dispose](): void {}
  },
);

/** Aborting a loop's signal rejects its step but leaves the watcher open (ITER-5). */
export const AbortedLoopKeepsWatcherOpen = layered(
  class extends LayeredWatcher<number> {
    override values(options?: GetOptions): AsyncIterableIterator<number> {
      const iterator: AsyncIterableIterator<number> = {
        next: () => this.get(options).then((value) => ({ done: false, value })),
        return: () => {
          this.close();
          return Promise.resolve({ done: true, value: undefined });
        },
        [Symbol.asyncIterator]: () => iterator,
      };
      return iterator;
    }
  },
);
