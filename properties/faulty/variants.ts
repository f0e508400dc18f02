/**
 * A gallery of faulty implementations: each is the reference model with one rule broken. The
 * first four are the defects measured on the Go original (see the end of `docs/spec.md`); the
 * rest are faults a careful implementer could plausibly make. The gallery test shows that the
 * properties reject every one, and each for the aspect it belongs to.
 *
 * @module
 */

import { ModelValue, ModelWatcher, type ModelPendingGet, type ModelSet } from '../../model/model-value.js';
import type { GetOptions } from '../../src/types.js';

/**
 * Defect 1 of the original, out-of-order delivery: a sync-mode watcher's first version (the one
 * current at its watch) is overtaken by the versions set after it, as the original's dead-letter
 * value was (its TestSync received 1, 2, 3, 4, 0).
 */
export class OutOfOrderDelivery<T> extends ModelValue<T> {
  override makeWatcher(cursor: number): ModelWatcher<T> {
    return new OvertakenWatcher(this, cursor);
  }
}

class OvertakenWatcher<T> extends ModelWatcher<T> {
  private first = true;
  private heldBack: number | undefined;

  override nextVersion(): number | undefined {
    const next = super.nextVersion();
    if (this.first && next !== undefined && this.value.latest() > next) {
      this.heldBack = next;
      return next + 1;
    }
    return next ?? this.heldBack;
  }

  override receive(version: number, settlements: (() => void)[]): T {
    this.first = false;
    if (version !== this.heldBack) return super.receive(version, settlements);
    this.heldBack = undefined;
    return this.value.versions[version - 1] as T;
  }
}

/**
 * Defect 2 of the original, a sync set wedged by cancellation: after a get is aborted, the next
 * set tries to hand its version to the dead get and never completes.
 */
export class CancelWedgesSyncSet<T> extends ModelValue<T> {
  wedged: number | undefined;

  override makeWatcher(cursor: number): ModelWatcher<T> {
    return new WedgingWatcher(this, cursor);
  }

  override audienceComplete(record: ModelSet<T>): boolean {
    return record.version !== this.wedged && super.audienceComplete(record);
  }
}

class WedgingWatcher<T> extends ModelWatcher<T> {
  override abort(pending: ModelPendingGet<T>): void {
    const owner = this.value as CancelWedgesSyncSet<T>;
    if (this.pending === pending) owner.wedged = this.value.latest() + 1;
    super.abort(pending);
  }
}

/** Defect 3 of the original: closing a watcher does not release the sync sets waiting for it. */
export class CloseKeepsSyncSet<T> extends ModelValue<T> {
  override audienceComplete(record: ModelSet<T>): boolean {
    return record.audience.every((watcher) => watcher.cursor >= record.version);
  }
}

/** Defect 4 of the original: a get on a closed watcher waits instead of failing. */
export class GetAfterCloseWaits<T> extends ModelValue<T> {
  override makeWatcher(cursor: number): ModelWatcher<T> {
    return new WaitingWhenClosedWatcher(this, cursor);
  }
}

class WaitingWhenClosedWatcher<T> extends ModelWatcher<T> {
  override get(options?: GetOptions): Promise<T> {
    if (this.closed) return new Promise<T>(() => {});
    return super.get(options);
  }
}

/** The first get skips the version current at watch, as tokio's watch does on subscribe. */
export class FirstGetSkipsCurrent<T> extends ModelValue<T> {
  override makeWatcher(): ModelWatcher<T> {
    return new ModelWatcher(this, this.latest());
  }
}

/** Coalescing returns the oldest unseen version rather than the newest. */
export class StaleCoalescing<T> extends ModelValue<T> {
  override makeWatcher(cursor: number): ModelWatcher<T> {
    return new StaleWatcher(this, cursor);
  }
}

class StaleWatcher<T> extends ModelWatcher<T> {
  override nextVersion(): number | undefined {
    return this.value.latest() > this.cursor ? this.cursor + 1 : undefined;
  }
}

/** A get made with an aborted signal consumes the available version before rejecting. */
export class CancelledGetConsumes<T> extends ModelValue<T> {
  override makeWatcher(cursor: number): ModelWatcher<T> {
    return new ConsumingWatcher(this, cursor);
  }
}

class ConsumingWatcher<T> extends ModelWatcher<T> {
  override get(options?: GetOptions): Promise<T> {
    const version = this.nextVersion();
    if (options?.signal?.aborted === true && !this.closed && this.pending === undefined && version !== undefined) this.cursor = version;
    return super.get(options);
  }
}

/** A concurrent get is refused, but it also rejects the get that was pending. */
export class ConcurrentGetDisturbs<T> extends ModelValue<T> {
  override makeWatcher(cursor: number): ModelWatcher<T> {
    return new DisturbingWatcher(this, cursor);
  }
}

class DisturbingWatcher<T> extends ModelWatcher<T> {
  override get(options?: GetOptions): Promise<T> {
    if (this.closed || this.pending === undefined) return super.get(options);
    const error = new Error('a get is already pending');
    error.name = 'ConcurrentGetError';
    this.leaveWaiting()?.reject(error);
    return Promise.reject(error);
  }
}

/** A get never removes its abort listener, so a long-lived signal collects them. */
export class AbortListenerLeak<T> extends ModelValue<T> {
  override makeWatcher(cursor: number): ModelWatcher<T> {
    return new LeakingWatcher(this, cursor);
  }
}

class LeakingWatcher<T> extends ModelWatcher<T> {
  override leaveWaiting(): ReturnType<ModelWatcher<T>['leaveWaiting']> {
    const pending = this.pending;
    this.pending = undefined;
    return pending;
  }
}

/** A sync-mode set resolves at once, without waiting for its audience. */
export class SyncSetSettlesEarly<T> extends ModelValue<T> {
  override audienceComplete(): boolean {
    return true;
  }
}
