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

/** Names a value's type for an error message: `null` is not just "object". */
function describe(value: unknown): string {
  return value === null ? 'null' : typeof value;
}

/** What one option must be: a phrase for the error message, and the test. */
type Rule = readonly [expected: string, valid: (value: unknown) => boolean];

/**
 * Checks `options` against `rules`: it must be a plain options object, every key must have a
 * rule, and every value that is not `undefined` must pass its rule. Returns a fresh record of the
 * checked values only, so that nothing unchecked (an inherited property, a getter read twice)
 * gets through, or a `TypeError` naming the problem.
 */
function check(where: string, options: unknown, rules: Readonly<Record<string, Rule>>): Readonly<Record<string, unknown>> | TypeError {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return new TypeError(`${where}: options must be an object, got ${describe(options)}`);
  }
  const checked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (!Object.hasOwn(rules, key)) return new TypeError(`${where}: unknown option '${key}'`);
    const rule = rules[key] as Rule;
    if (value !== undefined && !rule[1](value)) {
      return new TypeError(`${where}: option '${key}' must be ${rule[0]}, got ${describe(value)}`);
    }
    checked[key] = value;
  }
  return checked;
}

/** The constructor's one option. */
const VALUE_RULES: Readonly<Record<string, Rule>> = { sync: ['a boolean', (value) => typeof value === 'boolean'] };

/**
 * Checks the constructor's options (ERR-2) and throws a `TypeError` naming the bad option.
 */
export function parseValueOptions(options: unknown): ValueSettings {
  if (options === undefined) return { sync: false };
  const checked = check('MemoryValue', options, VALUE_RULES);
  if (checked instanceof TypeError) throw checked;
  return { sync: checked['sync'] === true };
}

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

/** A get's one option: a signal (ABORT-1). */
const GET_RULES: Readonly<Record<string, Rule>> = { signal: ['an AbortSignal', isAbortSignal] };

/**
 * Checks a get's options (ERR-3) and returns its signal, if any. Returns a `TypeError` instead
 * of throwing, because `get` reports every failure through the promise it returns.
 */
export function parseGetOptions(options: unknown): AbortSignal | undefined | TypeError {
  // Most gets pass no options; answering them without allocating keeps a ready get cheap.
  if (options === undefined) return undefined;
  const checked = check('Watcher.get', options, GET_RULES);
  // A key that was not given reads as `undefined`, which means no signal.
  return checked instanceof TypeError ? checked : (checked['signal'] as AbortSignal | undefined);
}
