/**
 * The floors: for each benchmark, the cheapest code that meets that benchmark's contract, and
 * nothing more. A floor is not a usable Event Value: it drops every guarantee the benchmark does
 * not exercise (closing, cancellation, more than one set in flight, errors), so the distance from
 * event-value to its floor is the price of those guarantees plus any waste; the targets bound it.
 * Each class says what contract it meets and why nothing cheaper would.
 *
 * @module
 */

/**
 * The floor of an async `set` with nobody waiting.
 *
 * Contract: `set(data)` makes `data` what the next get reads, gives it a version number newer
 * than every watcher's cursor (so that a watcher can tell it has not received it), and hands it
 * to every get that waits. Nothing cheaper meets it: the data must be written, the version must
 * change, and the set must look whether anybody waits: two field writes and a length check. In
 * this benchmark nobody ever waits, so `wake` never runs, but the check is part of the contract.
 */
export class SetFloor {
  data: number | undefined;
  version: number;
  readonly waiting: ((data: number) => void)[];

  constructor() {
    this.data = undefined;
    this.version = 0;
    this.waiting = [];
  }

  set(data: number): void {
    this.data = data;
    this.version += 1;
    if (this.waiting.length !== 0) this.wake(data);
  }

  /** Hands `data` to the gets that wait; never runs in this benchmark. */
  private wake(data: number): void {
    for (const resolve of this.waiting.splice(0)) resolve(data);
  }
}

/** What a {@link FloorSlot} reads of its floor. */
export interface SlotOwner {
  readonly version: number;
  readonly data: number | undefined;
  /** A consumer has taken the newest version with a get that did not wait. */
  received(): void;
}

/**
 * One consumer's slot in a floor, allocated once at watch: the version it received last, the
 * resolver of its waiting get, and the executor that stores that resolver (allocated once too, so
 * that a waiting get allocates nothing but its promise).
 *
 * With `keepReject`, the executor stores the get's reject function as well, and nothing else
 * changes: the least a get that waits must keep so that a close or an abort can reject it
 * (CLOSE-2, ABORT-1), which the benchmarks never do. It is measured beside the floor to show what
 * that one store costs.
 */
export class FloorSlot {
  seen: number;
  resolve: ((data: number) => void) | undefined;
  reject: ((reason: unknown) => void) | undefined;
  readonly #floor: SlotOwner;
  readonly #executor: (resolve: (data: number) => void, reject: (reason: unknown) => void) => void;

  constructor(floor: SlotOwner, keepReject = false) {
    this.seen = 0;
    this.resolve = undefined;
    this.reject = undefined;
    this.#floor = floor;
    this.#executor = keepReject
      ? (resolve, reject) => {
          this.resolve = resolve;
          this.reject = reject;
        }
      : (resolve) => {
          this.resolve = resolve;
        };
  }

  /** The newest version if this consumer has not received it, or a promise the next set resolves. */
  get(): Promise<number> {
    const floor = this.#floor;
    if (floor.version > this.seen) {
      this.seen = floor.version;
      floor.received();
      return Promise.resolve(floor.data as number);
    }
    return new Promise(this.#executor);
  }

  /** Nothing to do: the benchmark drops the whole floor after each sample. */
  close(): void {}
}

/**
 * Hands `data`, as `version`, to every slot whose get waits; returns how many there were. The
 * slots are walked rather than a list of the waiting ones kept, since in these benchmarks every
 * consumer waits at every set, and walking costs less than building a list.
 */
function handOver(slots: readonly FloorSlot[], version: number, data: number): number {
  let handed = 0;
  for (let index = 0; index < slots.length; index++) {
    const slot = slots[index] as FloorSlot;
    const resolve = slot.resolve;
    if (resolve !== undefined) {
      slot.resolve = undefined;
      slot.seen = version;
      handed += 1;
      resolve(data);
    }
  }
  return handed;
}

/**
 * The floor of the fan-out, and of a ready get: a pre-allocated slot per consumer, and no
 * allocation per delivery beyond the promise.
 *
 * Contract: a get resolves with the newest version its consumer has not received, at once if
 * there is one, otherwise with the next set's data; a set wakes every waiting get. Nothing cheaper
 * meets it: a consumer must remember what it received (one number) and how to wake it (the
 * resolver a promise hands out), a set must reach every waiting consumer, and a get that waits must
 * return a promise. A set walks the slots (see {@link handOver}); a get that waits allocates its
 * promise and nothing else.
 */
export class FanOutFloor implements SlotOwner {
  version: number;
  data: number | undefined;
  readonly slots: FloorSlot[];
  readonly #keepReject: boolean;

  /** @param keepReject - Whether its slots keep a waiting get's reject function too (see {@link FloorSlot}). */
  constructor(keepReject = false) {
    this.version = 0;
    this.data = undefined;
    this.slots = [];
    this.#keepReject = keepReject;
  }

  set(data: number): void {
    this.data = data;
    handOver(this.slots, (this.version += 1), data);
  }

  /** Nothing to count: a fan-out set waits for nobody. */
  received(): void {}

  watch(): FloorSlot {
    const slot = new FloorSlot(this, this.#keepReject);
    this.slots.push(slot);
    return slot;
  }
}

/**
 * The floor of sync lockstep: a producer that awaits each set, and consumers that each receive
 * every version.
 *
 * Contract: a set's promise resolves once every consumer has received its version, and every
 * consumer receives every version, in order. The producer awaits each set, so at most one version
 * is ever in flight: that is what makes a log unnecessary here, and the floor keeps none. Nothing
 * cheaper meets it: the set must reach every waiting consumer and count the others (a consumer
 * that is not waiting takes the version with its next get), it must know when the last one has
 * received it, and it must return a promise that resolves then. One counter, one resolver, one
 * promise per set; a get that waits allocates its promise and nothing else.
 */
export class LockstepFloor implements SlotOwner {
  version: number;
  data: number | undefined;
  readonly slots: FloorSlot[];
  #missing: number;
  #settle: (() => void) | undefined;
  readonly #executor: (resolve: () => void) => void;

  constructor() {
    this.version = 0;
    this.data = undefined;
    this.slots = [];
    this.#missing = 0;
    this.#settle = undefined;
    this.#executor = (resolve) => {
      this.#settle = resolve;
    };
  }

  set(data: number): Promise<void> {
    this.data = data;
    const version = (this.version += 1);
    const done = new Promise<void>(this.#executor);
    // One share per consumer, and the set's own, taken last: with every consumer served already
    // (or none), that settles the set.
    this.#missing = this.slots.length + 1 - handOver(this.slots, version, data);
    this.received();
    return done;
  }

  /** One more consumer has the version in flight; the last one settles the set. */
  received(): void {
    this.#missing -= 1;
    if (this.#missing === 0) {
      const settle = this.#settle as () => void;
      this.#settle = undefined;
      settle();
    }
  }

  watch(): FloorSlot {
    const slot = new FloorSlot(this);
    this.slots.push(slot);
    return slot;
  }
}

/**
 * A floor watcher for churn: a cursor at the version current at its watch, the value it watches,
 * and whether it is closed.
 */
export class ChurnFloorWatcher {
  readonly floor: ChurnFloor;
  readonly seen: number;
  closed: boolean;

  constructor(floor: ChurnFloor) {
    this.floor = floor;
    this.seen = floor.version;
    this.closed = false;
  }

  close(): void {
    this.closed = true;
  }
}

/**
 * The floor of a watch followed by a close.
 *
 * Contract: watch makes a new, independent watcher that can later get from this value (so it
 * refers to the value and holds a cursor), and close makes it refuse every later get. Nothing
 * cheaper meets it: one object with those three fields, one write to close it. The value keeps
 * no list of its watchers, as event-value's async mode keeps none.
 */
export class ChurnFloor {
  readonly version: number;

  constructor() {
    this.version = 1;
  }

  watch(): ChurnFloorWatcher {
    return new ChurnFloorWatcher(this);
  }
}
