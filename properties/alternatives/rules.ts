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

/**
 * LIFE-3, ABORT-1, ABORT-5: listens for an abort without the signal keeping `owner` alive: the
 * listener holds it weakly, and leaves the signal when `remove` is called or the abort comes.
 */
export function listenWeakly<O extends object>(signal: AbortSignal, owner: O, onAbort: (owner: O | undefined) => void): () => void {
  const weak = new WeakRef(owner);
  const listener = { handleEvent: (): void => onAbort(weak.deref()) };
  signal.addEventListener('abort', listener, { once: true });
  return () => signal.removeEventListener('abort', listener);
}
