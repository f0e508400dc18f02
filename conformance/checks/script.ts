/**
 * Scenario checks: short scripts of calls for what random command sequences do not send (objects
 * and `undefined` as data, invalid options, the idioms, garbage collection). A scenario is written
 * against a {@link Script}, which runs each call and writes down the JavaScript line it stands
 * for, so that a failure comes with a script a reader can paste, and the step at which the
 * expectation failed.
 *
 * @module
 */

import type { ValueCore } from '../../src/types.js';
import type { Check, CheckContext, CheckOutcome, Mode, Timing, ValueFactory } from './check.js';

/** An expectation of a scenario that did not hold. */
export class ScenarioFailure extends Error {
  constructor(
    /** The clause whose sentence it breaks. */
    readonly clause: string,
    /** What the spec says happens. */
    readonly expected: string,
    /** What happened. */
    readonly observed: string,
    /** The index of the script's line at which it was seen. */
    readonly step: number,
  ) {
    super(`${clause} violated: expected ${expected}; observed ${observed}`);
  }
}

/** What a promise of a scenario has done so far. */
export interface Tracked<T> {
  readonly promise: Promise<T>;
  outcome: { readonly state: 'pending' } | { readonly state: 'fulfilled'; readonly value: T } | { readonly state: 'rejected'; readonly reason: unknown };
}

/** Says what a tracked promise did, as the script's `report` would print it. */
export function said(tracked: Tracked<unknown>): string {
  const { outcome } = tracked;
  if (outcome.state === 'pending') return 'still pending';
  if (outcome.state === 'fulfilled') return `resolved with ${show(outcome.value)}`;
  const reason = outcome.reason;
  return `rejected with ${reason instanceof Error ? `${reason.name}${reason.message === '' ? '' : ` ("${reason.message}")`}` : show(reason)}`;
}

/** A value as a reader would write it, briefly. */
export function show(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'symbol') return value.toString();
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** The script of one scenario, written as it runs. */
export class Script {
  /** The lines written so far. */
  readonly lines: string[] = [
    "// import factory from './your-implementation.js'; (in an ES module, for top-level await)",
    "const report = (name, promise) => void Promise.resolve(promise).then((data) => console.log(name, 'resolved with', data), (error) => console.log(name, 'rejected with', error?.name ?? error));",
    'const tick = () => new Promise((resolve) => setImmediate(resolve)); // lets every microtask run',
  ];

  /** In remote timing, the promises of the sets made so far, which `tick` waits for. */
  private readonly sets: Promise<unknown>[] = [];

  constructor(
    /** The factory of the implementation. */
    readonly factory: ValueFactory,
    /** The mode of the scenario. */
    readonly mode: Mode,
    /** When the implementation's sets take effect (see {@link Timing}). */
    readonly timing: Timing = 'in-memory',
  ) {}

  /**
   * The value as the scenario uses it: itself, or in remote timing the value whose sets `tick`
   * waits for (a remote set takes effect when its promise resolves, docs/spec.md section 16).
   */
  made<V extends ValueCore<unknown>>(value: V): V {
    if (this.timing !== 'remote') return value;
    const sets = this.sets;
    return new Proxy(value, {
      get(target, key) {
        const member: unknown = Reflect.get(target, key, target);
        if (typeof member !== 'function') return member;
        if (key !== 'set') return member.bind(target);
        return (...args: unknown[]) => {
          const returned: unknown = member.apply(target, args);
          sets.push(Promise.resolve(returned).catch(() => undefined));
          return returned;
        };
      },
    });
  }

  /**
   * Makes the value of the scenario, in its mode; `initial` only for an implementation that
   * declares it (VAL-7), with the JavaScript that writes the data.
   */
  value(initial?: { readonly data: unknown; readonly written: string }): ValueCore<unknown> {
    const sync = this.mode === 'sync';
    const options = initial === undefined ? { sync } : { sync, initial: initial.data };
    return this.call('VAL-6', `const v = factory({ sync: ${sync}${initial === undefined ? '' : `, initial: ${initial.written}`} });`, () => this.made(this.factory(options)));
  }

  /** Writes a line and runs the call it stands for; a throw breaks `clause` (a call that never fails). */
  call<R>(clause: string, line: string, call: () => R): R {
    this.lines.push(line);
    try {
      return call();
    } catch (error) {
      throw new ScenarioFailure(clause, 'the call returns', `it threw ${error instanceof Error ? error.name : show(error)}`, this.lines.length - 1);
    }
  }

  /** Writes a line and runs the call, which may throw: the caller judges what it threw. */
  attempt(line: string, call: () => unknown): { readonly threw: unknown } | { readonly returned: unknown } {
    this.lines.push(line);
    try {
      return { returned: call() };
    } catch (error) {
      return { threw: error };
    }
  }

  /** Writes `report(name, ...)` and tracks the promise the call returns (GET-1: a get returns one). */
  track<T>(clause: string, name: string, line: string, call: () => Promise<T>): Tracked<T> {
    const promise = this.call(clause, `report('${name}', ${line});`, call);
    const tracked: Tracked<T> = { promise: Promise.resolve(promise), outcome: { state: 'pending' } };
    tracked.promise.then(
      (value) => (tracked.outcome = { state: 'fulfilled', value }),
      (reason: unknown) => (tracked.outcome = { state: 'rejected', reason }),
    );
    return tracked;
  }

  /** Lets every microtask run, as `await tick();` does. */
  async tick(): Promise<void> {
    this.lines.push('await tick();');
    await Promise.all(this.sets.splice(0));
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** Writes a comment: a step of the scenario that is not a call. */
  note(line: string): void {
    this.lines.push(`// ${line}`);
  }

  /** Writes a line of JavaScript that the scenario performs itself, in its own way. */
  code(line: string): void {
    this.lines.push(line);
  }

  /** Fails with `clause` at the last line unless `holds`. */
  expect(clause: string, holds: boolean, expected: string, observed: string): void {
    if (!holds) throw new ScenarioFailure(clause, expected, observed, this.lines.length - 1);
  }

  /** Fails with `clause` unless the tracked promise resolved with exactly `data` (the same reference, VAL-3). */
  expectResolved(clause: string, tracked: Tracked<unknown>, name: string, data: unknown): void {
    const { outcome } = tracked;
    this.expect(clause, outcome.state === 'fulfilled' && Object.is(outcome.value, data), `${name} resolved with ${show(data)}${typeof data === 'object' && data !== null ? ' (the very object set)' : ''}`, `${name} ${said(tracked)}`);
  }

  /** Fails with `clause` unless the tracked promise rejected with an error of that name, or the very reason given. */
  expectRejected(clause: string, tracked: Tracked<unknown>, name: string, reason: string | object): void {
    const { outcome } = tracked;
    const holds = outcome.state === 'rejected' && (typeof reason === 'string' ? outcome.reason instanceof Error && outcome.reason.name === reason : outcome.reason === reason);
    this.expect(clause, holds, `${name} rejected with ${typeof reason === 'string' ? `a ${reason}` : 'its signal\u2019s reason'}`, `${name} ${said(tracked)}`);
  }

  /** Fails with `clause` unless the tracked promise is still pending. */
  expectPending(clause: string, tracked: Tracked<unknown>, name: string): void {
    this.expect(clause, tracked.outcome.state === 'pending', `${name} still pending`, `${name} ${said(tracked)}`);
  }
}

/** A scenario check: its identity, the modes it runs in, and the script. */
export interface ScenarioDefinition {
  /** The id, after the mode: `data/objects` becomes `async/data/objects`. */
  readonly id: string;
  readonly title: string;
  readonly clauses: readonly string[];
  /** The script; it fails by throwing a {@link ScenarioFailure}. */
  readonly run: (script: Script, context: CheckContext) => Promise<void>;
}

/** Makes a check of a scenario in one mode. */
export function scenarioCheck(mode: Mode, definition: ScenarioDefinition): Check {
  const id = `${mode}/${definition.id}`;
  return {
    id,
    title: `${definition.title}, ${mode} mode`,
    clauses: definition.clauses,
    independent: false,
    async run(context: CheckContext): Promise<CheckOutcome> {
      const script = new Script(context.factory, mode, context.timing);
      try {
        await definition.run(script, context);
        return { kind: 'passed' };
      } catch (error) {
        if (!(error instanceof ScenarioFailure)) throw error;
        return {
          kind: 'failed',
          clause: error.clause,
          message: `expected ${error.expected}; observed ${error.observed}`,
          sequence: '',
          reproduction: { script: script.lines, step: error.step, expected: error.expected, observed: error.observed },
          seed: context.seed,
          path: id,
        };
      }
    },
  };
}
