/**
 * Checks of what callers pass in (ERR-2, ERR-3). Plain JavaScript callers and `as any` can hand
 * anything to a typed signature, so every public entry point checks its options at run time and
 * names the problem in a `TypeError`.
 *
 * @module
 */

/** Options for {@link MemoryValue}'s constructor. */
export interface MemoryValueOptions {
  /**
   * `true` for sync mode, a full log: every watcher receives every version, and `set` returns a
   * promise that resolves once the watchers open at the call have received it (SYNC-1 to SYNC-6).
   * The default, `false`, is async mode: watchers receive the newest version (ASYNC-1 to ASYNC-3).
   */
  readonly sync?: boolean | undefined;
}

/** The checked form of {@link MemoryValueOptions}. */
export interface ValueSettings {
  readonly sync: boolean;
}

/** The checked form of a get's options. */
export interface GetSettings {
  readonly signal: AbortSignal | undefined;
}

/** Names a value's type for an error message: `null` and arrays are not just "object". */
function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/**
 * Checks that `options` is a plain options object with no key but `allowed`.
 * Returns the object as a record, or a `TypeError` naming the problem.
 */
function checkKeys(where: string, options: unknown, allowed: string): Readonly<Record<string, unknown>> | TypeError {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (key !== allowed) return new TypeError(`${where}: unknown option '${key}' (the only option is '${allowed}')`);
  }
  return options as Readonly<Record<string, unknown>>;
}

/**
 * Checks the constructor's options (ERR-2) and throws a `TypeError` naming the bad option.
 */
export function parseValueOptions(options: unknown): ValueSettings {
  if (options === undefined) return { sync: false };
  const where = 'MemoryValue';
  const record = checkKeys(where, options, 'sync');
  if (record instanceof TypeError) throw record;
  const sync = record['sync'];
  if (sync !== undefined && typeof sync !== 'boolean') {
    throw new TypeError(`${where}: option 'sync' must be a boolean, got ${describe(sync)}`);
  }
  return { sync: sync === true };
}

/**
 * Whether `candidate` can serve as an abort signal. This checks the shape rather than
 * `instanceof AbortSignal`, so that signals from another realm or a polyfill are accepted. The
 * get registers a listener object (`handleEvent`) on it, so a polyfill must be an EventTarget
 * in that respect too, as the standard ones are.
 */
function isAbortSignal(candidate: unknown): candidate is AbortSignal {
  if (typeof candidate !== 'object' || candidate === null) return false;
  const signal = candidate as Partial<Record<'aborted' | 'addEventListener' | 'removeEventListener', unknown>>;
  return (
    typeof signal.aborted === 'boolean' &&
    typeof signal.addEventListener === 'function' &&
    typeof signal.removeEventListener === 'function'
  );
}

/** The settings of a get without options. */
const NO_GET_OPTIONS: GetSettings = Object.freeze({ signal: undefined });

/**
 * Checks a get's options (ERR-3). Returns a `TypeError` instead of throwing, because `get`
 * reports every failure through the promise it returns.
 */
export function parseGetOptions(options: unknown): GetSettings | TypeError {
  // Most gets pass no options; answering them without allocating keeps a ready get cheap.
  if (options === undefined) return NO_GET_OPTIONS;
  const where = 'Watcher.get';
  const record = checkKeys(where, options, 'signal');
  if (record instanceof TypeError) return record;
  const signal = record['signal'];
  if (signal === undefined) return { signal: undefined };
  if (!isAbortSignal(signal)) {
    return new TypeError(`${where}: option 'signal' must be an AbortSignal, got ${describe(signal)}`);
  }
  return { signal };
}
