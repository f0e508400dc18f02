/**
 * A recorder: wraps any JavaScript implementation of `Value` and writes down, as it runs, the
 * trace that `check-trace` judges (docs/trace-format.md). Calls are recorded when they are made,
 * and returns when their promises settle, so a history recorded from a correct implementation is
 * always legal, and the kit and the checker can be run on the very same runs.
 *
 * JavaScript runs one thing at a time, so every call is recorded synchronously, in the order the
 * calls happen. A test that has awaited everything it started knows that nothing more can happen
 * without a new call: it may then end the trace quiescent (`endQuiescent`), and the checker holds
 * every operation still pending to the strict rule (a get still pending must be one the spec lets
 * wait, a sync set still unsettled must still wait for a watcher).
 *
 * @module
 */

import type { GetOptions, ValueCore, WatcherCore } from '../../src/types.js';

/** One line of a trace, before it is serialised. */
export type TraceRecord = Record<string, unknown>;

/** Records the trace of one value. */
export class Recorder {
  /** The trace's lines so far, header first. */
  readonly records: TraceRecord[];
  private operations = 0;
  private watchers = 0;
  private readonly signals = new WeakMap<AbortSignal, string>();
  private signalCount = 0;
  private ended = false;

  /** @param mode - The mode of the value to be recorded. */
  constructor(readonly mode: 'async' | 'sync') {
    this.records = [{ trace: 'event-value', version: 1, mode }];
  }

  /**
   * Ends the trace with `{"event":"end","quiescent":true}`: the caller promises that nothing more
   * can happen without a new call (every promise it could await has settled, and it will make no
   * more calls on the recorded value). Nothing may be recorded after it.
   */
  endQuiescent(): void {
    this.push({ event: 'end', quiescent: true });
    this.ended = true;
  }

  /** Appends a record, unless the trace has ended. */
  private push(record: TraceRecord): void {
    if (this.ended) throw new Error('the recording ended quiescent, yet something more happened: the end was not quiescent');
    this.records.push(record);
  }

  /** The trace so far, as JSON Lines. */
  text(): string {
    return `${this.records.map((record) => JSON.stringify(record)).join('\n')}\n`;
  }

  /** Wraps `value` so every call on it and on its watchers is recorded. */
  record<T>(value: ValueCore<T>): ValueCore<T> {
    return {
      set: (data: T) => {
        const id = this.nextId();
        // A set takes effect within the call; in sync mode its promise settles later (SYNC-2).
        const returned = value.set(data);
        const later = this.mode === 'sync' && returned !== undefined;
        this.push({ event: 'op', id, thread: 'main', op: 'set', data, ...(later ? { settled: false } : {}) });
        if (!later) return returned;
        return returned.then(() => {
          this.push({ event: 'settle', id });
        });
      },
      // A peek is a read that changes nothing; the trace format does not record reads yet.
      peek: () => value.peek(),
      watch: () => {
        const watcher = value.watch();
        const name = `w${(this.watchers += 1)}`;
        this.push({ event: 'op', id: this.nextId(), thread: 'main', op: 'watch', watcher: name });
        return this.recordWatcher(watcher, name);
      },
    };
  }

  private recordWatcher<T>(watcher: WatcherCore<T>, name: string): WatcherCore<T> {
    return {
      get: (options?: GetOptions) => {
        const id = this.nextId();
        const signal = options?.signal;
        const signalName = signal === undefined ? undefined : this.signalName(signal);
        this.push({ event: 'call', id, thread: 'main', op: 'get', watcher: name, ...(signalName === undefined ? {} : { signal: signalName }) });
        return watcher.get(options).then(
          (data) => {
            this.push({ event: 'return', id, data });
            return data;
          },
          (reason: unknown) => {
            const error = signal !== undefined && reason === signal.reason ? 'aborted' : reason instanceof Error ? reason.name : String(reason);
            this.push({ event: 'return', id, error });
            throw reason;
          },
        );
      },
      close: () => {
        this.push({ event: 'op', id: this.nextId(), thread: 'main', op: 'close', watcher: name });
        watcher.close();
      },
    };
  }

  /** Names a signal the first time it is seen, and records its abort when it happens. */
  private signalName(signal: AbortSignal): string {
    const known = this.signals.get(signal);
    if (known !== undefined) return known;
    const name = `s${(this.signalCount += 1)}`;
    this.signals.set(signal, name);
    const recordAbort = (): void => {
      this.push({ event: 'op', id: this.nextId(), thread: 'main', op: 'abort', signal: name });
    };
    // An already-aborted signal was aborted before this get's call.
    if (signal.aborted) {
      recordAbort();
      return name;
    }
    // Stryker disable next-line ObjectLiteral,BooleanLiteral: a signal aborts once, so its abort event fires once; `once` only lets the listener go sooner.
    signal.addEventListener('abort', recordAbort, { once: true });
    return name;
  }

  private nextId(): string {
    return `o${(this.operations += 1)}`;
  }
}
