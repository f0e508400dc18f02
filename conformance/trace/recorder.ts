/**
 * A recorder: wraps any JavaScript implementation of `Value` and writes down, as it runs, the
 * trace that `check-trace` judges (docs/trace-format.md). Calls are recorded when they are made,
 * and returns when their promises settle, so a history recorded from a correct implementation is
 * always legal, and the kit and the checker can be run on the very same runs.
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

  /** @param mode - The mode of the value to be recorded. */
  constructor(readonly mode: 'async' | 'sync') {
    this.records = [{ trace: 'event-value', version: 1, mode }];
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
        this.records.push({ event: 'op', id, thread: 'main', op: 'set', data, ...(later ? { settled: false } : {}) });
        if (!later) return returned;
        return returned.then(() => {
          this.records.push({ event: 'settle', id });
        });
      },
      // A peek is a read that changes nothing; the trace format does not record reads yet.
      peek: () => value.peek(),
      watch: () => {
        const watcher = value.watch();
        const name = `w${(this.watchers += 1)}`;
        this.records.push({ event: 'op', id: this.nextId(), thread: 'main', op: 'watch', watcher: name });
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
        this.records.push({ event: 'call', id, thread: 'main', op: 'get', watcher: name, ...(signalName === undefined ? {} : { signal: signalName }) });
        return watcher.get(options).then(
          (data) => {
            this.records.push({ event: 'return', id, data });
            return data;
          },
          (reason: unknown) => {
            const error = signal !== undefined && reason === signal.reason ? 'aborted' : reason instanceof Error ? reason.name : String(reason);
            this.records.push({ event: 'return', id, error });
            throw reason;
          },
        );
      },
      close: () => {
        this.records.push({ event: 'op', id: this.nextId(), thread: 'main', op: 'close', watcher: name });
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
      this.records.push({ event: 'op', id: this.nextId(), thread: 'main', op: 'abort', signal: name });
    };
    // An already-aborted signal was aborted before this get's call.
    if (signal.aborted) recordAbort();
    else signal.addEventListener('abort', recordAbort, { once: true });
    return name;
  }

  private nextId(): string {
    return `o${(this.operations += 1)}`;
  }
}
