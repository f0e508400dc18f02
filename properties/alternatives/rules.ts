/**
 * What every implementation written from docs/spec.md needs besides its design: the named errors
 * (ERR-1), the check of get options with a signal recognised by its shape (ERR-3, ERR-4), and the
 * order in which a get reports the reasons it cannot proceed (GET-7). The alternative
 * implementations of this folder share it, as authors of another backend would share a helper.
 *
 * @module
 */

/** ERR-1: an error recognised by its `name`. */
export function namedError(name: 'ConcurrentGetError' | 'WatcherClosedError'): Error {
  return Object.assign(new Error(name === 'ConcurrentGetError' ? 'another get of this watcher is pending' : 'the watcher is closed'), { name });
}

/** Section 11: an abort signal is recognised by its shape, not by `instanceof`. */
export function isSignal(candidate: unknown): candidate is AbortSignal {
  const signal = candidate as Partial<Record<'aborted' | 'addEventListener' | 'removeEventListener', unknown>> | null;
  return typeof signal === 'object' && signal !== null && typeof signal.aborted === 'boolean' && typeof signal.addEventListener === 'function' && typeof signal.removeEventListener === 'function';
}

/** ERR-3, ERR-4: the signal of valid get options, or the `TypeError` of invalid ones. */
export function signalOf(options: unknown): AbortSignal | undefined | TypeError {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return new TypeError('get: options must be an object');
  if (isSignal(options)) return new TypeError('get: pass the signal as { signal }');
  for (const key of Object.keys(options)) if (key !== 'signal') return new TypeError(`get: unknown option '${key}'`);
  const { signal } = options as { signal?: unknown };
  if (signal !== undefined && !isSignal(signal)) return new TypeError("get: option 'signal' must be an abort signal");
  return signal;
}

/**
 * GET-7: why a get cannot proceed, in the spec's order (invalid options, a closed watcher, a get
 * already pending, an aborted signal), or its signal when it can.
 */
export function refusal(options: unknown, closed: boolean, pending: boolean): { readonly refused: unknown } | { readonly signal: AbortSignal | undefined } {
  const signal = signalOf(options);
  if (signal instanceof TypeError) return { refused: signal };
  if (closed) return { refused: namedError('WatcherClosedError') };
  if (pending) return { refused: namedError('ConcurrentGetError') };
  if (signal?.aborted === true) return { refused: signal.reason };
  return { signal };
}

/** A get that waits, and how to stop listening on its signal (ABORT-5). */
export interface Waiting<T> {
  readonly resolve: (data: T) => void;
  readonly reject: (reason: unknown) => void;
  stopListening: () => void;
}

/** A watcher, as far as an abort of its waiting get is concerned. */
export interface Abortable<T> {
  /** ABORT-1, ABORT-4: rejects `waiting` with `reason` if it still waits. */
  abort(waiting: Waiting<T>, reason: unknown): void;
}

/**
 * LIFE-3, ABORT-1: a waiting get of `watcher`, listening on its signal without the signal keeping
 * the watcher alive. It is made outside every method of the watcher, so that the listener's
 * closure cannot hold the watcher (a closure made inside a method shares that method's scope,
 * `this` included), and the listener holds the watcher weakly: if the watcher is gone when the
 * signal aborts, the get still rejects with the signal's reason.
 */
export function waitingGet<T>(watcher: Abortable<T>, signal: AbortSignal | undefined, resolve: (data: T) => void, reject: (reason: unknown) => void): Waiting<T> {
  const waiting: Waiting<T> = { resolve, reject, stopListening: () => {} };
  if (signal === undefined) return waiting;
  const weak = new WeakRef(watcher);
  const listener = { handleEvent: (): void => (weak.deref() === undefined ? reject(signal.reason) : weak.deref()?.abort(waiting, signal.reason)) };
  signal.addEventListener('abort', listener, { once: true });
  waiting.stopListening = () => signal.removeEventListener('abort', listener);
  return waiting;
}
