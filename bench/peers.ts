/**
 * What a user might pick instead of event-value, behind one small interface with the same
 * get-newest semantics, so each benchmark runs the very same loop on every contender.
 *
 * @module
 */

import { once, EventEmitter } from 'node:events';
import { BehaviorSubject, filter, firstValueFrom } from 'rxjs';

/** The little a benchmark needs: set, and watchers whose get waits for something newer. */
export interface Source {
  set(value: number): unknown;
  watch(): Consumer;
}

/** One consumer's handle. */
export interface Consumer {
  get(): Promise<number>;
  close(): void;
}

/**
 * RxJS `BehaviorSubject` with the adapter a user writes with RxJS's own operators: the subject
 * holds the newest value with a version, and each get takes the first one newer than the version
 * its consumer saw, `firstValueFrom(subject.pipe(filter(...)))`.
 */
export class RxjsSource implements Source {
  private readonly subject = new BehaviorSubject<{ readonly version: number; readonly value: number }>({ version: 0, value: 0 });

  set(value: number): void {
    this.subject.next({ version: this.subject.getValue().version + 1, value });
  }

  watch(): Consumer {
    let seen = 0;
    return {
      get: async () => {
        const next = await firstValueFrom(this.subject.pipe(filter((current) => current.version > seen)));
        seen = next.version;
        return next.value;
      },
      close: () => {},
    };
  }
}

/**
 * RxJS `BehaviorSubject` with a hand-tuned adapter: one persistent subscription per consumer
 * keeps the latest value and hands it to a pending get, or keeps it for the next get. Faster
 * than the idiomatic adapter, and close to the raw floor; shown so the comparison is fair.
 */
export class RxjsTunedSource implements Source {
  // BehaviorSubject needs an initial value; `undefined` stands for "never set".
  private readonly subject = new BehaviorSubject<number | undefined>(undefined);

  set(value: number): void {
    this.subject.next(value);
  }

  watch(): Consumer {
    let latest: number | undefined;
    let fresh = false;
    let pending: ((value: number) => void) | undefined;
    const subscription = this.subject.subscribe((value) => {
      if (value === undefined) return;
      if (pending === undefined) {
        latest = value;
        fresh = true;
        return;
      }
      const resolve = pending;
      pending = undefined;
      resolve(value);
    });
    return {
      get: () => {
        if (fresh) {
          fresh = false;
          return Promise.resolve(latest as number);
        }
        return new Promise<number>((resolve) => {
          pending = resolve;
        });
      },
      close: () => subscription.unsubscribe(),
    };
  }
}

/**
 * Node's `EventEmitter` with `events.once`: each get waits for the next event. It has no memory,
 * so it only works here because the benchmarks keep every consumer listening between sets.
 */
export class EventEmitterSource implements Source {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  set(value: number): void {
    this.emitter.emit('value', value);
  }

  watch(): Consumer {
    return {
      get: () => once(this.emitter, 'value').then(([value]) => value as number),
      close: () => {},
    };
  }
}

/**
 * The floor: the same loop with bare promises resolved by hand, no bookkeeping beyond a list of
 * waiting resolvers and a version number per consumer.
 */
export class RawFloorSource implements Source {
  private version = 0;
  private latest = 0;
  private waiting: { resolve: (value: number) => void; consumer: { seen: number } }[] = [];

  set(value: number): void {
    this.version += 1;
    this.latest = value;
    const waiting = this.waiting;
    this.waiting = [];
    for (const waiter of waiting) {
      waiter.consumer.seen = this.version;
      waiter.resolve(value);
    }
  }

  watch(): Consumer {
    const consumer = { seen: 0 };
    return {
      get: () => {
        if (this.version > consumer.seen) {
          consumer.seen = this.version;
          return Promise.resolve(this.latest);
        }
        return new Promise<number>((resolve) => this.waiting.push({ resolve, consumer }));
      },
      close: () => {},
    };
  }
}

/**
 * The floor for sync mode: a hand-written log where the producer's promise resolves once every
 * consumer has taken the value, each consumer reading its own queue.
 */
export class RawSyncFloorSource implements Source {
  private readonly queues: { items: number[]; waiting: ((value: number) => void) | undefined }[] = [];
  private readonly acks = new Map<number, { left: number; resolve: () => void }>();

  set(value: number): Promise<void> {
    if (this.queues.length === 0) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.acks.set(value, { left: this.queues.length, resolve }));
    for (const queue of this.queues) {
      const waiting = queue.waiting;
      if (waiting === undefined) {
        queue.items.push(value);
      } else {
        queue.waiting = undefined;
        this.ack(value);
        waiting(value);
      }
    }
    return done;
  }

  watch(): Consumer {
    const queue: { items: number[]; waiting: ((value: number) => void) | undefined } = { items: [], waiting: undefined };
    this.queues.push(queue);
    return {
      get: () => {
        const next = queue.items.shift();
        if (next !== undefined) {
          this.ack(next);
          return Promise.resolve(next);
        }
        return new Promise<number>((resolve) => {
          queue.waiting = resolve;
        });
      },
      close: () => {},
    };
  }

  private ack(value: number): void {
    const ack = this.acks.get(value);
    if (ack === undefined) return;
    ack.left -= 1;
    if (ack.left === 0) {
      this.acks.delete(value);
      ack.resolve();
    }
  }
}
