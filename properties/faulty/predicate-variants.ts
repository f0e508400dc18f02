/**
 * Faulty predicate gets (PRED-1 to PRED-6): the reference model with one predicate rule broken
 * each. They live apart from the main gallery because predicates are an idiom of MemoryValue:
 * the conformance kit and the exhaustive check do not draw predicate gets, so those could not
 * reject them.
 *
 * @module
 */

import { ModelValue, ModelWatcher, type ModelAnswer, type ModelPendingGet } from '../../model/model-value.js';

/** A version the predicate rejects is not consumed: the watcher is offered it again (PRED-2). */
export class RejectedVersionRedelivered<T> extends ModelValue<T> {
  override makeWatcher(cursor: number): ModelWatcher<T> {
    return new RedeliveringWatcher(this, cursor);
  }
}

class RedeliveringWatcher<T> extends ModelWatcher<T> {
  override startWaiting(): void {
    // Coming from a rejection, step back before the version just rejected.
    if (this.status === 'judging') this.cursor -= 1;
    super.startWaiting();
  }
}

/** A get with a predicate ignores the versions at hand and waits for the next set (PRED-3). */
export class PredicateIgnoresVersionsAtHand<T> extends ModelValue<T> {
  override makeWatcher(cursor: number): ModelWatcher<T> {
    return new WaitingForNewWatcher(this, cursor);
  }
}

class WaitingForNewWatcher<T> extends ModelWatcher<T> {
  override judgeAvailable(pending: ModelPendingGet<T>): void {
    if (this.status === 'judging' && this.pending === pending && pending.since === 0) {
      // Skip everything at hand without asking, as if it had been rejected.
      this.cursor = this.value.latest();
      this.startWaiting();
      return;
    }
    super.judgeAvailable(pending);
  }
}

/** A predicate that throws counts as one that rejected: the get goes on waiting (PRED-4). */
export class ThrowingPredicateSwallowed<T> extends ModelValue<T> {
  override makeWatcher(cursor: number): ModelWatcher<T> {
    return new SwallowingWatcher(this, cursor);
  }
}

class SwallowingWatcher<T> extends ModelWatcher<T> {
  override ask(accept: (data: T) => unknown, data: T): ModelAnswer {
    const answer = super.ask(accept, data);
    return answer.threw ? { threw: false, accepted: false } : answer;
  }
}

/** A set made inside a predicate hands the judging get its version as if it were waiting (PRED-5). */
export class SetInsidePredicateHandsOver<T> extends ModelValue<T> {
  override isWaiting(watcher: ModelWatcher<T>): boolean {
    return watcher.status === 'waiting' || watcher.status === 'judging';
  }
}

/** An abort inside the predicate rejects the get at once, before the verdict (PRED-6). */
export class AbortInterruptsPredicate<T> extends ModelValue<T> {
  override makeWatcher(cursor: number): ModelWatcher<T> {
    return new InterruptedWatcher(this, cursor);
  }
}

class InterruptedWatcher<T> extends ModelWatcher<T> {
  override abort(pending: ModelPendingGet<T>): void {
    if (this.pending !== pending) return;
    this.leaveWaiting();
    this.status = 'idle';
    pending.reject(pending.signal?.reason);
  }
}
