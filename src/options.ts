/**
 * Checks of what callers pass in (ERR-2, ERR-3). Plain JavaScript callers and `as any` can hand
 * anything to a typed signature, so every public entry point checks its options at run time and
 * names the problem in a `TypeError`.
 *
 * @module
 */

/** Options for {@link MemoryValue}'s constructor. */
export interface MemoryValueOptions<T> {
  /**
   * `true` for sync mode, a full log: every watcher receives every version, and `set` returns a
   * promise that resolves once the watchers open at the call have received it (SYNC-1 to SYNC-6).
   * The default, `false`, is async mode: watchers receive the newest version (ASYNC-1 to ASYNC-3).
   */
  readonly sync?: boolean | undefined;
  /**
   * The data of version 1: when the key is present the value starts set, as if `set(initial)` had
   * been called before any watcher was made (VAL-7); `{ initial: undefined }` starts it set to
   * `undefined`. Without the key, the value starts unset (VAL-1).
   */
  readonly initial?: T;
}

/** Options for {@link MemoryValue.set}. */
export interface SetOptions {
  /**
   * In sync mode, aborting this signal before the set's promise resolves rejects it with
   * `signal.reason`: the producer stops waiting, and the version stands and is still delivered
   * (SYNC-7). In async mode the promise is resolved already, so the signal changes nothing.
   */
  readonly signal?: AbortSignal | undefined;
}

/** The checked form of {@link MemoryValueOptions}. */
export interface ValueSettings<T> {
  readonly sync: boolean;
  /** The initial data, boxed so that an initial `undefined` is told from none (VAL-1). */
  readonly initial: { readonly data: T } | undefined;
}

/** Names a value's type for an error message: `null` is not just "object". */
function describe(value: unknown): string {
  return value === null ? 'null' : typeof value;
}

/** What an option's value must be, in words, and the test; `null` for an option that takes any value. */
type Rule = readonly [expected: string, valid: (value: unknown) => boolean] | null;

/**
 * Whether `candidate` can serve as an abort signal. This checks the shape rather than
 * `instanceof AbortSignal`, so that signals from another realm or a polyfill are accepted. The
 * get registers a listener object (`handleEvent`) on it, so a polyfill must be an EventTarget
 * in that respect too, as the standard ones are.
 */
function isAbortSignal(candidate: unknown): boolean {
  if (typeof candidate !== 'object' || candidate === null) return false;
  const signal = candidate as Partial<Record<'aborted' | 'addEventListener' | 'removeEventListener', unknown>>;
  return (
    typeof signal.aborted === 'boolean' &&
    typeof signal.addEventListener === 'function' &&
    typeof signal.removeEventListener === 'function'
  );
}

/**
 * Checks `options` against `rules`: it must be a plain options object, every key must have a
 * rule, and every value that is not `undefined` must pass its rule. Returns a fresh record of the
 * checked values only, so that nothing unchecked (an inherited property, a getter read twice)
 * gets through, or a `TypeError` naming the problem. A signal passed where the options belong is
 * the likeliest mistake of all, so it gets a message that says how to pass it.
 */
function check(where: string, options: unknown, rules: Readonly<Record<string, Rule>>): Readonly<Record<string, unknown>> | TypeError {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
  if (isAbortSignal(options)) return new TypeError(`${where}: pass a signal as { signal }, not in place of the options`);
  const checked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (!Object.hasOwn(rules, key)) return new TypeError(`${where}: unknown option '${key}'`);
    const rule = rules[key] as Rule;
    if (value !== undefined && rule !== null && !rule[1](value)) {
      return new TypeError(`${where}: option '${key}' must be ${rule[0]}, got ${describe(value)}`);
    }
    checked[key] = value;
  }
  return checked;
}

/** The constructor's options: the mode (VAL-6), and initial data of any kind (VAL-7). */
const VALUE_RULES: Readonly<Record<string, Rule>> = {
  sync: ['a boolean', (value) => typeof value === 'boolean'],
  initial: null,
};

/**
 * Checks the constructor's options (ERR-2) and throws a `TypeError` naming the bad option.
 */
export function parseValueOptions<T>(options: unknown): ValueSettings<T> {
  if (options === undefined) return { sync: false, initial: undefined };
  const checked = check('MemoryValue', options, VALUE_RULES);
  if (checked instanceof TypeError) throw checked;
  return { sync: checked['sync'] === true, initial: Object.hasOwn(checked, 'initial') ? { data: checked['initial'] as T } : undefined };
}

/** The one option of a get or a set: a signal (ABORT-1, SYNC-7). */
const SIGNAL_RULES: Readonly<Record<string, Rule>> = { signal: ['an AbortSignal', isAbortSignal] };

/**
 * Checks the options of a get (ERR-3) or a set (ERR-2) and returns the signal, if any, or a
 * `TypeError` instead of throwing, because `get` reports every failure through the promise it
 * returns. Only called when options were given: most calls pass none.
 */
export function parseSignalOptions(where: 'Watcher.get' | 'MemoryValue.set', options: unknown): AbortSignal | undefined | TypeError {
  const checked = check(where, options, SIGNAL_RULES);
  // A key that was not given reads as `undefined`, which means no signal.
  return checked instanceof TypeError ? checked : (checked['signal'] as AbortSignal | undefined);
}
