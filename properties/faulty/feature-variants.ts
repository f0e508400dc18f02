/**
 * Faulty variants of the model's newer rules: reading without waiting (PEEK), initial data
 * (VAL-7), and a producer's bounded wait and backlog in sync mode (SYNC-7, SYNC-8). Each breaks
 * one rule; the gallery test shows the properties reject each.
 *
 * @module
 */

import { ModelValue, ModelWatcher } from '../../model/model-value.js';
import type { Snapshot } from '../../src/types.js';

/** Every peek makes a new snapshot object, so snapshots cannot be compared by identity (PEEK-3). */
export class PeekMakesFreshSnapshots<T> extends ModelValue<T> {
  override peek(): Snapshot<T> | undefined {
    const snapshot = super.peek();
    return snapshot === undefined ? undefined : Object.freeze({ ...snapshot });
  }
}

/** A peek marks the current version as seen by every open watcher, as a get would (PEEK-2). */
export class PeekMarksSeen<T> extends ModelValue<T> {
  override peek(): Snapshot<T> | undefined {
    for (const watcher of this.watchers) if (!watcher.closed && watcher.pending === undefined) watcher.cursor = this.latest();
    return super.peek();
  }
}

/** A peek lags one set behind: it reads the version before the current one (PEEK-1). */
export class PeekLagsBehind<T> extends ModelValue<T> {
  override peek(): Snapshot<T> | undefined {
    const version = this.latest() - 1;
    return version < 1 ? undefined : Object.freeze({ version, data: this.versions[version - 1] as T });
  }
}

/** The initial data is held back: the value starts unset after all (VAL-7). */
export class InitialIgnored<T> extends ModelValue<T> {
  constructor(options?: { readonly sync?: boolean | undefined; readonly initial?: T }) {
    super(options?.sync === undefined ? undefined : { sync: options.sync });
  }
}

/** A sync set ignores its producer's signal: the producer cannot stop waiting (SYNC-7). */
export class BoundedSetIgnoresSignal<T> extends ModelValue<T> {
  override set(data: T): Promise<void> {
    return super.set(data);
  }
}

/** An abort of a bounded set also withdraws its version from the watchers that had not received it (SYNC-7). */
export class AbortWithdrawsVersion<T> extends ModelValue<T> {
  override set(data: T, options?: { readonly signal?: AbortSignal | undefined }): Promise<void> {
    const version = this.latest() + 1;
    options?.signal?.addEventListener('abort', () => {
      if (this.latest() === version) this.versions.pop();
    });
    return super.set(data, options);
  }
}

/** The backlog counts every open watcher, not only those holding a set up (SYNC-8). */
export class BacklogCountsEveryWatcher<T> extends ModelValue<T> {
  override backlog(): { readonly sets: number; readonly watchers: number } {
    const { sets } = super.backlog();
    return { sets, watchers: sets === 0 ? 0 : this.watchers.filter((watcher: ModelWatcher<T>) => !watcher.closed).length };
  }
}
