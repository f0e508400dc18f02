/**
 * Invalid options, which random command sequences never send: a get with invalid options rejects
 * with a `TypeError` naming the problem and leaves the watcher as it was (ERR-3), a signal passed
 * in place of the options is refused with a message that says how to pass it (ERR-4), a signal is
 * recognised by its shape (section 11), `get({ accept })` is an unknown option (PRED-6), the
 * reasons a get cannot proceed are reported in the order of GET-7, and, where `set` takes
 * options, invalid ones make it throw and set nothing (ERR-2).
 *
 * @module
 */

import { getEventListeners } from 'node:events';
import type { ValueCore, WatcherCore } from '../../src/types.js';
import type { Check, Mode } from './check.js';
import { scenarioCheck, show, type Script, type Tracked } from './script.js';

/** An abort signal by shape alone: an EventTarget, not an `AbortSignal` (a polyfill, another realm). */
class ShapeSignal extends EventTarget {
  aborted = false;
  reason: unknown = undefined;

  abort(reason: unknown): void {
    this.aborted = true;
    this.reason = reason;
    this.dispatchEvent(new Event('abort'));
  }
}

/** The JavaScript of {@link ShapeSignal}, for a script. */
const shapeSignalSource =
  "class ShapeSignal extends EventTarget { aborted = false; reason; abort(reason) { this.aborted = true; this.reason = reason; this.dispatchEvent(new Event('abort')); } }";

/** An invalid options argument, how a script writes it, and what the message must name. */
interface Invalid {
  readonly options: unknown;
  readonly written: string;
  readonly names: RegExp;
  readonly clause: string;
}

const invalidGetOptions: readonly Invalid[] = [
  { options: 42, written: '42', names: /option/i, clause: 'ERR-3' },
  { options: 'fast', written: "'fast'", names: /option/i, clause: 'ERR-3' },
  { options: null, written: 'null', names: /option/i, clause: 'ERR-3' },
  { options: [], written: '[]', names: /option/i, clause: 'ERR-3' },
  { options: { timeout: 100 }, written: '{ timeout: 100 }', names: /timeout/, clause: 'ERR-3' },
  { options: { accept: () => true }, written: '{ accept: () => true }', names: /accept/, clause: 'PRED-6' },
  { options: { signal: 42 }, written: '{ signal: 42 }', names: /signal/, clause: 'ERR-3' },
  { options: { signal: {} }, written: '{ signal: {} }', names: /signal/, clause: 'ERR-3' },
  { options: { signal: { aborted: false } }, written: '{ signal: { aborted: false } }', names: /signal/, clause: 'ERR-3' },
];

/** A get that must reject with a `TypeError` whose message matches `names`. */
async function expectTypeError(script: Script, clause: string, tracked: Tracked<unknown>, name: string, names: RegExp, what: string): Promise<void> {
  await script.tick();
  const { outcome } = tracked;
  const reason = outcome.state === 'rejected' ? outcome.reason : undefined;
  script.expect(
    clause,
    reason instanceof TypeError && names.test(reason.message),
    `${name} rejected with a TypeError whose message names ${what}`,
    `${name} ${outcome.state === 'rejected' ? `rejected with ${reason instanceof Error ? `${reason.name} ("${reason.message}")` : show(reason)}` : outcome.state === 'fulfilled' ? `resolved with ${show(outcome.value)}` : 'still pending'}`,
  );
}

/** Starts a get with options that are not what its type says, for a script. */
function getWith(watcher: WatcherCore<unknown>, options: unknown): Promise<unknown> {
  return (watcher.get as (options: unknown) => Promise<unknown>)(options);
}

/** A value set to 1 and one watcher of it, as the bad-input scenarios start. */
function setUp(script: Script): { value: ValueCore<unknown>; watcher: WatcherCore<unknown> } {
  const value = script.value();
  const watcher = script.call('WATCH-1', 'const w0 = v.watch();', () => value.watch());
  script.call('VAL-4', 'void v.set(1);', () => void value.set(1));
  return { value, watcher };
}

/** The scenarios of bad input for one mode; `setOptions` when `set` takes options (`'bounded-set'`). */
export function badInputChecks(mode: Mode, setOptions: boolean): Check[] {
  const checks = [
    scenarioCheck(mode, {
      id: 'bad-input/get-options',
      title: 'invalid get options reject with a TypeError that names the problem, and consume nothing',
      clauses: ['ERR-3', 'PRED-6'],
      async run(script) {
        const { watcher } = setUp(script);
        let gets = 0;
        for (const invalid of invalidGetOptions) {
          const name = `g${gets++}`;
          const tracked = script.track(invalid.clause, name, `w0.get(${invalid.written})`, () => getWith(watcher, invalid.options));
          await expectTypeError(script, invalid.clause, tracked, name, invalid.names, String(invalid.names).replace(/^\/|\/i?$/g, ''));
        }
        const name = `g${gets++}`;
        const after = script.track('GET-1', name, 'w0.get()', () => watcher.get());
        await script.tick();
        script.expectResolved('ERR-3', after, name, 1);
        script.call('CLOSE-1', 'w0.close();', () => watcher.close());
      },
    }),
    scenarioCheck(mode, {
      id: 'bad-input/signal-in-place',
      title: 'a signal passed in place of the options is refused, saying to pass { signal }',
      clauses: ['ERR-4'],
      async run(script) {
        const { watcher } = setUp(script);
        const controller = new AbortController();
        script.code('const controller = new AbortController();');
        const tracked = script.track('ERR-4', 'g0', 'w0.get(controller.signal)', () => getWith(watcher, controller.signal));
        await expectTypeError(script, 'ERR-4', tracked, 'g0', /\{\s*signal\s*\}/, '{ signal }');
        script.call('CLOSE-1', 'w0.close();', () => watcher.close());
      },
    }),
    scenarioCheck(mode, {
      id: 'bad-input/signal-by-shape',
      title: 'a signal is recognised by its shape: an EventTarget that is not an AbortSignal is a signal',
      clauses: ['ERR-3'],
      async run(script) {
        const value = script.value();
        const watcher = script.call('WATCH-1', 'const w0 = v.watch();', () => value.watch());
        script.code(shapeSignalSource);
        const signal = new ShapeSignal();
        script.code('const signal = new ShapeSignal();');
        const waiting = script.track('GET-1', 'g0', 'w0.get({ signal })', () => getWith(watcher, { signal }));
        await script.tick();
        script.expectPending('ERR-3', waiting, 'g0');
        const reason = new Error('stop');
        script.call('ERR-3', "signal.abort(new Error('stop'));", () => signal.abort(reason));
        await script.tick();
        script.expectRejected('ERR-3', waiting, 'g0', reason);
        const left = getEventListeners(signal, 'abort').length;
        script.expect('ABORT-5', left === 0, 'no abort listener left on the signal once g0 settled', `${left} listener(s) left`);
        script.call('CLOSE-1', 'w0.close();', () => watcher.close());
      },
    }),
    scenarioCheck(mode, {
      id: 'bad-input/precedence',
      title: 'when several reasons apply, a get reports the first in the order of GET-7',
      clauses: ['GET-7'],
      async run(script) {
        const value = script.value();
        const waiting = script.call('WATCH-1', 'const w0 = v.watch();', () => value.watch());
        const closed = script.call('WATCH-1', 'const w1 = v.watch();', () => value.watch());
        script.call('CLOSE-1', 'w1.close();', () => closed.close());
        const aborted = AbortSignal.abort(new Error('aborted before the get'));
        script.code("const aborted = AbortSignal.abort(new Error('aborted before the get'));");
        const pending = script.track('GET-1', 'g0', 'w0.get()', () => waiting.get());
        const cases: { name: string; line: string; call: () => Promise<unknown>; expected: string }[] = [
          { name: 'g1', line: 'w1.get({ bogus: 1 })', call: () => getWith(closed, { bogus: 1 }), expected: 'TypeError' },
          { name: 'g2', line: 'w0.get({ bogus: 1 })', call: () => getWith(waiting, { bogus: 1 }), expected: 'TypeError' },
          { name: 'g3', line: 'w1.get({ signal: aborted })', call: () => closed.get({ signal: aborted }), expected: 'WatcherClosedError' },
          { name: 'g4', line: 'w0.get({ signal: aborted })', call: () => waiting.get({ signal: aborted }), expected: 'ConcurrentGetError' },
        ];
        for (const { name, line, call, expected } of cases) {
          const tracked = script.track('GET-7', name, line, call);
          await script.tick();
          script.expectRejected('GET-7', tracked, name, expected);
        }
        script.expectPending('GET-7', pending, 'g0');
        script.call('VAL-4', 'void v.set(1);', () => void value.set(1));
        await script.tick();
        script.expectResolved('GET-7', pending, 'g0', 1);
        script.call('CLOSE-1', 'w0.close();', () => waiting.close());
      },
    }),
  ];
  if (setOptions) checks.push(setOptionsCheck(mode));
  return checks;
}

/** ERR-2, ERR-4: invalid set options throw a TypeError naming them, and set nothing. */
function setOptionsCheck(mode: Mode): Check {
  return scenarioCheck(mode, {
    id: 'bad-input/set-options',
    title: 'invalid set options throw a TypeError that names them, and set nothing',
    clauses: ['ERR-2', 'ERR-4'],
    async run(script) {
      const value = script.value();
      const watcher = script.call('WATCH-1', 'const w0 = v.watch();', () => value.watch());
      const waiting = script.track('GET-1', 'g0', 'w0.get()', () => watcher.get());
      const set = value.set as (data: unknown, options: unknown) => unknown;
      const controller = new AbortController();
      script.code('const controller = new AbortController();');
      const cases: { options: unknown; written: string; names: RegExp; clause: string }[] = [
        { options: 42, written: '42', names: /option/i, clause: 'ERR-2' },
        { options: { bogus: 1 }, written: '{ bogus: 1 }', names: /bogus/, clause: 'ERR-2' },
        { options: { signal: 42 }, written: '{ signal: 42 }', names: /signal/, clause: 'ERR-2' },
        { options: controller.signal, written: 'controller.signal', names: /\{\s*signal\s*\}/, clause: 'ERR-4' },
      ];
      for (const { options, written, names, clause } of cases) {
        const attempt = script.attempt(`v.set(1, ${written});`, () => set.call(value, 1, options));
        const threw = 'threw' in attempt ? attempt.threw : undefined;
        script.expect(
          clause,
          threw instanceof TypeError && names.test(threw.message),
          `set throws a TypeError whose message names ${String(names).replace(/^\/|\/i?$/g, '')}`,
          'threw' in attempt ? `it threw ${threw instanceof Error ? `${threw.name} ("${threw.message}")` : show(threw)}` : 'it returned',
        );
      }
      await script.tick();
      const snapshot = script.call('PEEK-1', 'console.log(v.peek());', () => value.peek());
      script.expect('ERR-2', snapshot === undefined, 'peek() returns undefined: no invalid set set anything', `peek() returned ${show(snapshot)}`);
      script.expectPending('ERR-2', waiting, 'g0');
      script.call('CLOSE-1', 'w0.close();', () => watcher.close());
    },
  });
}
