/**
 * What a user might pick instead of event-value, each written the way a skilled user of it would
 * write a value with get-newest semantics: RxJS's `BehaviorSubject` (idiomatic and hand-tuned),
 * Node's `EventEmitter`, and tokio's `watch` channel transcribed by hand.
 *
 * @module
 */

import { EventEmitter, once } from 'node:events';
import { BehaviorSubject, filter, firstValueFrom, type Subscription } from 'rxjs';

/** One consumer's handle, as the get-style benchmarks drive it. */
export interface Consumer {
  get(): Promise<number>;
  close(): void;
}

/** A value with get-style consumers. */
export interface Source {
  set(value: number): unknown;
  watch(): Consumer;
}

/**
 * RxJS `BehaviorSubject` with the adapter a user writes with RxJS's own operators: the subject
 * holds the newest value with a version, and each get takes the first one newer than the version
 * its consumer saw, `firstValueFrom(subject.pipe(filter(...)))`: a subscription per get.
 */
export class RxjsSource implements Source {
  readonly #subject = new BehaviorSubject<{ readonly version: number; readonly value: number }>({ version: 0, value: 0 });

  set(value: number): void {
    this.#subject.next({ version: this.#subject.getValue().version + 1, value });
  }

  watch(): Consumer {
    let seen = 0;
    return {
      get: async () => {
        const next = await firstValueFrom(this.#subject.pipe(filter((current) => current.version > seen)));
        seen = next.version;
        return next.value;
      },
      close: () => {},
    };
  }
}

/**
 * A consumer of {@link RxjsTunedSource}: one persistent subscription, which keeps the newest value
 * while no get waits and hands it to the get that waits. The executor of a waiting get's promise
 * is allocated once, as a careful user would.
 */
class TunedConsumer implements Consumer {
  #latest: number;
  #fresh: boolean;
  #pending: ((value: number) => void) | undefined;
  readonly #executor: (resolve: (value: number) => void) => void;
  readonly #subscription: Subscription;

  constructor(subject: BehaviorSubject<number | undefined>) {
    this.#latest = 0;
    this.#fresh = false;
    this.#pending = undefined;
    this.#executor = (resolve) => {
      this.#pending = resolve;
    };
    this.#subscription = subject.subscribe((value) => this.#next(value));
  }

  #next(value: number | undefined): void {
    // BehaviorSubject needs an initial value; `undefined` stands for "never set".
    if (value === undefined) return;
    const pending = this.#pending;
    if (pending === undefined) {
      this.#latest = value;
      this.#fresh = true;
      return;
    }
    this.#pending = undefined;
    pending(value);
  }

  get(): Promise<number> {
    if (this.#fresh) {
      this.#fresh = false;
      return Promise.resolve(this.#latest);
    }
    return new Promise(this.#executor);
  }

  close(): void {
    this.#subscription.unsubscribe();
  }
}

/**
 * RxJS `BehaviorSubject` with a hand-tuned adapter: one persistent subscription per consumer (see
 * {@link TunedConsumer}). The best form a skilled RxJS user would write, and the peer to beat.
 */
export class RxjsTunedSource implements Source {
  readonly #subject = new BehaviorSubject<number | undefined>(undefined);

  set(value: number): void {
    this.#subject.next(value);
  }

  watch(): Consumer {
    return new TunedConsumer(this.#subject);
  }
}

/**
 * Node's `EventEmitter` with `events.once`: each get waits for the next event. It has no memory,
 * so it only works here because the benchmarks keep every consumer listening between sets.
 */
export class EventEmitterSource implements Source {
  readonly #emitter = new EventEmitter();

  constructor() {
    this.#emitter.setMaxListeners(0);
  }

  set(value: number): void {
    this.#emitter.emit('value', value);
  }

  watch(): Consumer {
    return {
      get: () => once(this.#emitter, 'value').then(([value]) => value as number),
      close: () => {},
    };
  }
}

/** A promise that is already resolved, for every `changed()` that need not wait. */
const CHANGED: Promise<void> = Promise.resolve();

/**
 * A receiver of {@link WatchSender}: the version it saw last (its cursor) and one waker.
 * `changed()` resolves once the sender's version differs from the cursor; `borrowAndUpdate()`
 * reads the newest value and moves the cursor to it. A waiting `changed()` allocates its promise
 * only: the executor is allocated once per receiver.
 */
export class WatchReceiver {
  #seen: number;
  #waker: (() => void) | undefined;
  readonly #sender: WatchSender;
  readonly #executor: (resolve: () => void) => void;

  constructor(sender: WatchSender) {
    this.#sender = sender;
    // tokio's subscribe() marks the current value as seen.
    this.#seen = sender.version;
    this.#waker = undefined;
    this.#executor = (resolve) => {
      this.#waker = resolve;
    };
  }

  /** Resolves once a value newer than the cursor was sent (tokio's `changed()`). */
  changed(): Promise<void> {
    if (this.#sender.version !== this.#seen) return CHANGED;
    this.#sender.waiting.push(this);
    return new Promise(this.#executor);
  }

  /** The newest value, which becomes the cursor (tokio's `borrow_and_update()`). */
  borrowAndUpdate(): number {
    this.#seen = this.#sender.version;
    return this.#sender.value as number;
  }

  /** Called by the sender: wakes the waiting `changed()`. */
  wake(): void {
    const waker = this.#waker as () => void;
    this.#waker = undefined;
    waker();
  }
}

/**
 * tokio's `sync::watch` (Rust), transcribed by hand: "changed + borrow". The sender keeps the value
 * and a version counter, and the list of receivers waiting in `changed()` (tokio's `Notify`); a
 * send bumps the version and wakes them all. A receiver learns that something changed, then borrows
 * the newest value itself: the wake carries no data.
 */
export class WatchSender {
  version: number;
  value: number | undefined;
  waiting: WatchReceiver[];

  constructor() {
    this.version = 0;
    this.value = undefined;
    this.waiting = [];
  }

  send(value: number): void {
    this.value = value;
    this.version += 1;
    const waiting = this.waiting;
    if (waiting.length === 0) return;
    this.waiting = [];
    for (let index = 0; index < waiting.length; index++) (waiting[index] as WatchReceiver).wake();
  }

  subscribe(): WatchReceiver {
    return new WatchReceiver(this);
  }
}
