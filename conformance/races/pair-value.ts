/**
 * Two implementations driven as one: every call goes to both, and every outcome is compared. The
 * scheduled races run user code against a PairValue of MemoryValue and the reference model, so
 * whatever order the scheduler picks, both see exactly the same calls in exactly the same order,
 * and any difference in what they answer is recorded as a disagreement.
 *
 * @module
 */

import type { GetOptions, ValueCore, WatcherCore } from '../../src/types.js';
import { describeReason } from '../../properties/harness/run.js';

/** An outcome, described so two implementations can be compared. */
function describeOutcome(result: PromiseSettledResult<unknown>, signal: AbortSignal | undefined): string {
  if (result.status === 'fulfilled') return `fulfilled ${JSON.stringify(result.value)}`;
  const ownReason = signal !== undefined && result.reason === signal.reason;
  return `rejected ${ownReason ? 'with its signal reason' : describeReason(result.reason)}`;
}

/** A value made of two implementations that must agree. */
export class PairValue<T> implements ValueCore<T> {
  /** Every difference seen between the two, in order. */
  readonly disagreements: string[] = [];
  /** Every set's outcome per implementation, compared once the run is quiet. */
  readonly sets: { readonly version: number; left: boolean; right: boolean }[] = [];

  constructor(
    private readonly left: ValueCore<T>,
    private readonly right: ValueCore<T>,
  ) {}

  set(data: T): Promise<void> {
    const record = { version: this.sets.length + 1, left: false, right: false };
    this.sets.push(record);
    const left = Promise.resolve(this.left.set(data)).then(() => {
      record.left = true;
    });
    const right = Promise.resolve(this.right.set(data)).then(() => {
      record.right = true;
    });
    return Promise.all([left, right]).then(() => undefined);
  }

  /** The left one's snapshot; the races compare what watchers receive, not what peeks read. */
  peek(): ReturnType<ValueCore<T>['peek']> {
    return this.left.peek();
  }

  watch(): PairWatcher<T> {
    return new PairWatcher(this, this.left.watch(), this.right.watch());
  }

  /** Records any set that one implementation has settled and the other has not. */
  compareSets(): void {
    for (const set of this.sets) {
      if (set.left !== set.right) this.disagreements.push(`set ${set.version}: settled ${set.left ? 'left' : 'right'} only`);
    }
  }
}

/** A watcher of a {@link PairValue}. */
export class PairWatcher<T> implements WatcherCore<T> {
  constructor(
    private readonly pair: PairValue<T>,
    private readonly left: WatcherCore<T>,
    private readonly right: WatcherCore<T>,
  ) {}

  async get(options?: GetOptions): Promise<T> {
    const [left, right] = await Promise.allSettled([this.left.get(options), this.right.get(options)]);
    const described = [describeOutcome(left, options?.signal), describeOutcome(right, options?.signal)];
    if (described[0] !== described[1]) this.pair.disagreements.push(`get: ${described[0]} / ${described[1]}`);
    if (left.status === 'rejected') throw left.reason;
    return left.value;
  }

  close(): void {
    this.left.close();
    this.right.close();
  }
}
