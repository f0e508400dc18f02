/**
 * The plan of a generated history: a random multi-threaded program to run against the reference
 * model, and the choices that turn its run into a recording (how far each interval is widened,
 * where the recording is cut). A plan is plain data, so fast-check can shrink it.
 *
 * @module
 */

import fc from 'fast-check';

/** Which signal a get is given. */
export type SignalChoice =
  | {
      /** No signal. */
      readonly kind: 'none';
    }
  | {
      /** A signal of its own, made for this get. */
      readonly kind: 'new';
    }
  | {
      /** One made earlier (perhaps given to gets of other watchers, perhaps aborted already). */
      readonly kind: 'reuse';
      /** Which one, modulo how many there are. */
      readonly index: number;
    };

/** One operation of the program. Watchers and signals are picked modulo how many exist. */
export type Action =
  | {
      /** Makes a watcher. */
      readonly kind: 'watch';
    }
  | {
      /** Sets new data, or (`repeat`) the data of the previous set again: a new version all the same (VAL-2). */
      readonly kind: 'set';
      /** Sync mode: the thread waits for the set's promise (as a Go `Set` blocks), rather than going on. */
      readonly awaited: boolean;
      /** Sets the same data as the previous set. */
      readonly repeat: boolean;
    }
  | {
      /** A get on an existing watcher (a watch when there is none). */
      readonly kind: 'get';
      /** Which watcher. */
      readonly watcher: number;
      /** Which signal. */
      readonly signal: SignalChoice;
    }
  | {
      /** Closes an existing watcher. */
      readonly kind: 'close';
      /** Which watcher. */
      readonly watcher: number;
    }
  | {
      /** Aborts a signal (one made for the purpose when there is none). */
      readonly kind: 'abort';
      /** Which signal. */
      readonly signal: number;
    };

/** One step: a thread makes its next call. */
export interface Step {
  /** Which thread, among those not blocked, modulo how many they are. */
  readonly thread: number;
  /** What it calls. */
  readonly action: Action;
}

/** A whole plan. */
export interface Plan {
  /** The value's mode. */
  readonly mode: 'async' | 'sync';
  /** How many threads make calls (2 to 8). */
  readonly threads: number;
  /** The calls, in the order they take effect: the witness. */
  readonly steps: readonly Step[];
  /** Seeds the widening of intervals and the cut. */
  readonly seed: number;
  /**
   * `cut`: the recording stops at a random instant, with calls in flight (judged by Herlihy and
   * Wing); `quiescent`: it records everything, and ends quiescent.
   */
  readonly ending: 'cut' | 'quiescent';
  /**
   * Sets (sync sets not awaited) and aborts are recorded as one `op` event at their instant, as
   * the JavaScript recorder records them: the checker may then split the history by watcher.
   */
  readonly atomic: boolean;
  /**
   * Never let every thread block: when a single thread is free, it closes a watcher (releasing
   * the sync sets and the get waiting on it) or, with none open, sets. Long runs, as the benchmark
   * draws them, then go on to their last step.
   */
  readonly lively?: boolean;
  /** With a cut: it falls after this fraction of the run (default 0: anywhere). */
  readonly cutFrom?: number;
}

const index = fc.nat({ max: 15 });

const signalChoice: fc.Arbitrary<SignalChoice> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<SignalChoice>({ kind: 'none' }) },
  { weight: 2, arbitrary: fc.constant<SignalChoice>({ kind: 'new' }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('reuse' as const), index }) },
);

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 2, arbitrary: fc.constant<Action>({ kind: 'watch' }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), awaited: fc.boolean(), repeat: fc.nat({ max: 9 }).map((draw) => draw === 0) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('get' as const), watcher: index, signal: signalChoice }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('close' as const), watcher: index }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('abort' as const), signal: index }) },
);

/** What plans to draw: how many calls and threads (at least 2), and which mode (both when absent). */
export interface PlanOptions {
  readonly maxSteps: number;
  readonly minSteps?: number;
  readonly maxThreads: number;
  readonly minThreads?: number;
  readonly mode?: 'async' | 'sync';
}

/** Plans of up to `maxSteps` calls from 2 to `maxThreads` threads, in one mode or both. */
export function planArbitrary(options: PlanOptions): fc.Arbitrary<Plan> {
  return fc.record({
    mode: options.mode === undefined ? fc.constantFrom('async' as const, 'sync' as const) : fc.constant(options.mode),
    threads: fc.integer({ min: options.minThreads ?? 2, max: options.maxThreads }),
    // Some threads call often, some seldom: a seldom thread's operation may span many others.
    steps: fc.array(fc.record({ thread: fc.oneof({ weight: 3, arbitrary: fc.nat({ max: 1 }) }, { weight: 2, arbitrary: fc.nat({ max: 7 }) }), action }), { minLength: options.minSteps ?? 0, maxLength: options.maxSteps, size: 'max' }),
    seed: fc.nat(),
    ending: fc.constantFrom('cut' as const, 'quiescent' as const),
    atomic: fc.boolean(),
  });
}
