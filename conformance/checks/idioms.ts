/**
 * The idioms of section 13, scenario by scenario, on the implementation's own watchers when it
 * declares `'idioms'`, otherwise on the layer over them (`withIdioms`): `for await` (ITER-1 to
 * ITER-5), `using` (DISPOSE-1), the read-only view (VIEW-1) and waiting for data of a kind (PRED-1
 * to PRED-6). The random command sequences mix the same idioms among gets, sets and closes.
 *
 * @module
 */

import { readOnly, withIdioms } from '../../src/idioms/with-idioms.js';
import type { Value, Watcher } from '../../src/types.js';
import type { Check, CheckContext, Mode } from './check.js';
import { scenarioCheck, show, type Script, type ScenarioDefinition } from './script.js';

/** The value of a scenario, with the idioms: its own, or the layer's (written so in the script). */
function valueWithIdioms(script: Script, context: CheckContext): Value<unknown> {
  const sync = script.mode === 'sync';
  if (!context.features.has('idioms')) {
    return script.call('VAL-6', `const v = withIdioms(factory({ sync: ${sync} })); // import { withIdioms } from 'event-value'`, () => withIdioms(script.made(context.factory({ sync }))));
  }
  return script.call('VAL-6', `const v = factory({ sync: ${sync} });`, () => script.made(context.factory({ sync })) as Value<unknown>);
}

/** The idioms a declared implementation's watchers must carry, and the clause of each. */
const ownIdioms: readonly { readonly key: string | symbol; readonly written: string; readonly clause: string }[] = [
  { key: Symbol.asyncIterator, written: '[Symbol.asyncIterator]', clause: 'ITER-1' },
  { key: 'values', written: 'values', clause: 'ITER-5' },
  { key: Symbol.dispose, written: '[Symbol.dispose]', clause: 'DISPOSE-1' },
  { key: 'waitFor', written: 'waitFor', clause: 'PRED-1' },
];

/** A watcher of the scenario's value, `w0`. */
function watch(script: Script, value: Value<unknown>, name = 'w0'): Watcher<unknown> {
  return script.call('WATCH-1', `const ${name} = v.watch();`, () => value.watch());
}

/** The idiom scenarios. */
const scenarios: readonly ScenarioDefinition[] = [
  {
    id: 'idioms/own',
    title: 'a watcher of an implementation that declares idioms carries them itself',
    clauses: ['ITER-1', 'ITER-5', 'DISPOSE-1', 'PRED-1'],
    async run(script, context) {
      const watcher = watch(script, valueWithIdioms(script, context)) as unknown as Record<string | symbol, unknown>;
      for (const { key, written, clause } of ownIdioms) {
        script.code(`console.log(typeof w0${typeof key === 'symbol' ? written : `.${written}`});`);
        script.expect(clause, typeof watcher[key] === 'function', `w0${typeof key === 'symbol' ? written : `.${written}`} is a function`, `it is ${typeof watcher[key]}`);
      }
    },
  },
  {
    id: 'idioms/loop',
    title: 'a for-await loop sees what gets would: the newest in async mode, every version in sync mode',
    clauses: ['ITER-1'],
    async run(script, context) {
      const value = valueWithIdioms(script, context);
      const watcher = watch(script, value);
      const iterator = script.call('ITER-1', 'const it = w0[Symbol.asyncIterator]();', () => watcher[Symbol.asyncIterator]());
      script.call('VAL-4', 'void v.set(1);', () => void value.set(1));
      const first = script.track('ITER-1', 's0', 'it.next()', () => iterator.next());
      await script.tick();
      script.expect('ITER-1', first.outcome.state === 'fulfilled' && (first.outcome.value as IteratorResult<unknown>).value === 1, 's0 resolved with { done: false, value: 1 }', `s0 ${first.outcome.state === 'fulfilled' ? `resolved with ${show(first.outcome.value)}` : first.outcome.state}`);
      script.call('VAL-4', 'void v.set(2);', () => void value.set(2));
      await script.tick();
      script.call('VAL-4', 'void v.set(3);', () => void value.set(3));
      await script.tick();
      const expected = script.mode === 'sync' ? [2, 3] : [3];
      for (const [index, data] of expected.entries()) {
        const step = script.track('ITER-1', `s${index + 1}`, 'it.next()', () => iterator.next());
        await script.tick();
        const got = step.outcome.state === 'fulfilled' ? (step.outcome.value as IteratorResult<unknown>) : undefined;
        script.expect('ITER-1', got?.done === false && got.value === data, `s${index + 1} resolved with { done: false, value: ${data} }`, `s${index + 1} ${step.outcome.state === 'fulfilled' ? `resolved with ${show(got)}` : step.outcome.state}`);
      }
      script.call('ITER-3', 'void it.return();', () => void iterator.return?.());
    },
  },
  {
    id: 'idioms/closed-loop',
    title: 'closing the watcher ends a pending step and every later one; leaving a loop closes the watcher',
    clauses: ['ITER-2', 'ITER-3'],
    async run(script, context) {
      const value = valueWithIdioms(script, context);
      const watcher = watch(script, value);
      const iterator = script.call('ITER-2', 'const it = w0[Symbol.asyncIterator]();', () => watcher[Symbol.asyncIterator]());
      const pending = script.track('ITER-2', 's0', 'it.next()', () => iterator.next());
      script.call('CLOSE-1', 'w0.close();', () => watcher.close());
      await script.tick();
      const ended = (step: typeof pending): boolean => step.outcome.state === 'fulfilled' && (step.outcome.value as IteratorResult<unknown>).done === true;
      script.expect('ITER-2', ended(pending), 's0 resolved with { done: true }', `s0 ${pending.outcome.state === 'fulfilled' ? `resolved with ${show(pending.outcome.value)}` : pending.outcome.state}`);
      const later = script.track('ITER-2', 's1', 'it.next()', () => iterator.next());
      await script.tick();
      script.expect('ITER-2', ended(later), 's1 resolved with { done: true }', `s1 ${later.outcome.state}`);
      // `for await (const data of w1) break;`, step by step, so that nothing is awaited that may never settle.
      const left = watch(script, value, 'w1');
      script.call('VAL-4', 'void v.set(1);', () => void value.set(1));
      const loop = script.call('ITER-3', 'const loop = w1[Symbol.asyncIterator](); // for await (const data of w1) break;', () => left[Symbol.asyncIterator]());
      const step = script.track('ITER-1', 's2', 'loop.next()', () => loop.next());
      await script.tick();
      script.expect('ITER-1', step.outcome.state === 'fulfilled' && (step.outcome.value as IteratorResult<unknown>).value === 1, 's2 resolved with { done: false, value: 1 }', `s2 ${step.outcome.state}`);
      script.call('ITER-3', 'void loop.return(); // the break', () => void loop.return?.());
      await script.tick();
      const after = script.track('GET-1', 'g0', 'w1.get()', () => left.get());
      await script.tick();
      script.expectRejected('ITER-3', after, 'g0', 'WatcherClosedError');
      const again = script.call('ITER-3', 'const again = w1[Symbol.asyncIterator](); // a second loop over the closed watcher', () => left[Symbol.asyncIterator]());
      const end = script.track('ITER-3', 's3', 'again.next()', () => again.next());
      await script.tick();
      script.expect('ITER-3', ended(end), 's3 resolved with { done: true }: the loop ends at its first step, without an error', `s3 ${end.outcome.state === 'rejected' ? `rejected with ${show((end.outcome.reason as Error | undefined)?.name)}` : end.outcome.state === 'fulfilled' ? `resolved with ${show(end.outcome.value)}` : 'still pending'}`);
    },
  },
  {
    id: 'idioms/concurrent-step',
    title: 'a step while another get of the watcher is pending is refused',
    clauses: ['ITER-4'],
    async run(script, context) {
      const value = valueWithIdioms(script, context);
      const watcher = watch(script, value);
      const pending = script.track('GET-1', 'g0', 'w0.get()', () => watcher.get());
      const step = script.track('ITER-4', 's0', 'w0[Symbol.asyncIterator]().next()', () => watcher[Symbol.asyncIterator]().next());
      await script.tick();
      script.expectRejected('ITER-4', step, 's0', 'ConcurrentGetError');
      script.expectPending('ITER-4', pending, 'g0');
      script.call('CLOSE-1', 'w0.close();', () => watcher.close());
    },
  },
  {
    id: 'idioms/loop-signal',
    title: 'values({ signal }): an abort rejects the pending step, or the next, with its reason, and closes the watcher',
    clauses: ['ITER-5'],
    async run(script, context) {
      const value = valueWithIdioms(script, context);
      const watcher = watch(script, value);
      const controller = new AbortController();
      script.code('const controller = new AbortController();');
      const loop = script.call('ITER-5', 'const it = w0.values({ signal: controller.signal });', () => watcher.values({ signal: controller.signal }));
      const pending = script.track('ITER-5', 's0', 'it.next()', () => loop.next());
      const reason = new Error('shutting down');
      script.call('ITER-5', "controller.abort(new Error('shutting down'));", () => controller.abort(reason));
      await script.tick();
      script.expectRejected('ITER-5', pending, 's0', reason);
      const after = script.track('GET-1', 'g0', 'w0.get()', () => watcher.get());
      await script.tick();
      script.expectRejected('ITER-5', after, 'g0', 'WatcherClosedError');
      const other = watch(script, value, 'w1');
      const between = new AbortController();
      script.code('const between = new AbortController();');
      script.call('VAL-4', 'void v.set(1);', () => void value.set(1));
      const second = script.call('ITER-5', 'const it1 = w1.values({ signal: between.signal });', () => other.values({ signal: between.signal }));
      const firstStep = script.track('ITER-5', 's1', 'it1.next()', () => second.next());
      await script.tick();
      script.expect('ITER-5', firstStep.outcome.state === 'fulfilled', 's1 resolved with { done: false, value: 1 }', `s1 ${firstStep.outcome.state}`);
      script.call('ITER-5', "between.abort(new Error('between steps'));", () => between.abort(new Error('between steps')));
      const next = script.track('ITER-5', 's2', 'it1.next()', () => second.next());
      await script.tick();
      script.expectRejected('ITER-5', next, 's2', between.signal.reason as object);
    },
  },
  {
    id: 'idioms/dispose',
    title: 'disposing the watcher closes it, so `using` does',
    clauses: ['DISPOSE-1'],
    async run(script, context) {
      const value = valueWithIdioms(script, context);
      const watcher = watch(script, value);
      const pending = script.track('GET-1', 'g0', 'w0.get()', () => watcher.get());
      script.call('DISPOSE-1', 'w0[Symbol.dispose]();', () => watcher[Symbol.dispose]());
      await script.tick();
      script.expectRejected('DISPOSE-1', pending, 'g0', 'WatcherClosedError');
    },
  },
  {
    id: 'idioms/view',
    title: 'the read-only view has only watch and peek, is frozen, and is not the value',
    clauses: ['VIEW-1'],
    async run(script, context) {
      const value = valueWithIdioms(script, context);
      const own = (value as { readOnly?: () => unknown }).readOnly;
      const views: [string, () => unknown][] = [['readOnly(v)', () => readOnly(value)]];
      if (context.features.has('idioms') && typeof own === 'function') views.push(['v.readOnly()', () => own.call(value)]);
      for (const [written, make] of views) {
        const view = script.call('VIEW-1', `const view = ${written}; // import { readOnly } from 'event-value'`, make) as Record<string, unknown>;
        const keys = Object.keys(view).sort().join(', ');
        script.expect('VIEW-1', keys === 'peek, watch' && Object.isFrozen(view) && (view as unknown) !== value, `${written} is frozen, with the members peek and watch alone, and is not v`, `its members are ${keys}${Object.isFrozen(view) ? '' : ', and it is not frozen'}${(view as unknown) === value ? ', and it is v' : ''}`);
        script.call('VAL-4', 'void v.set(7);', () => void value.set(7));
        const watcher = script.call('VIEW-1', 'const w0 = view.watch();', () => (view['watch'] as () => Watcher<unknown>)());
        const got = script.track('VIEW-1', 'g0', 'w0.get()', () => watcher.get());
        await script.tick();
        // A watcher made after the set receives it first (GET-2), through a view as through v.
        script.expectResolved('GET-2', got, 'g0', 7);
        const peeked = script.call('VIEW-1', 'console.log(view.peek() === v.peek());', () => (view['peek'] as () => unknown)());
        script.expect('VIEW-1', peeked === value.peek(), 'view.peek() returns what v.peek() does', `it returned ${show(peeked)}`);
        script.call('CLOSE-1', 'w0.close();', () => watcher.close());
      }
    },
  },
  {
    id: 'idioms/wait-for',
    title: 'waitFor resolves with the data its predicate accepted, consuming what it rejected, outside every call',
    clauses: ['PRED-1', 'PRED-2', 'PRED-3'],
    async run(script, context) {
      const value = valueWithIdioms(script, context);
      const watcher = watch(script, value);
      let insideSet = false;
      const judged: { data: unknown; insideSet: boolean }[] = [];
      script.code('let insideSet = false; const judged = [];');
      const wait = script.track('PRED-1', 'g0', "w0.waitFor((data) => { judged.push({ data, insideSet }); return data === 'up'; })", () =>
        watcher.waitFor((data) => {
          judged.push({ data, insideSet });
          // A wait handed data again and again would loop for ever: end it, the checks below say why.
          if (judged.length > 2) throw new Error('the predicate was called more than twice');
          return data === 'up';
        }),
      );
      for (const data of ['down', 'up']) {
        script.call('VAL-4', `insideSet = true; void v.set('${data}'); insideSet = false;`, () => {
          insideSet = true;
          void value.set(data);
          insideSet = false;
        });
        await script.tick();
      }
      script.expectResolved('PRED-1', wait, 'g0', 'up');
      script.expect('PRED-3', judged.every((call) => !call.insideSet), 'the predicate never runs inside set', 'it ran inside set');
      script.expect('PRED-2', judged.map((call) => call.data).join() === 'down,up', "the predicate examined 'down', then 'up'", `it examined ${show(judged.map((call) => call.data))}`);
      const next = script.track('GET-1', 'g1', 'w0.get()', () => watcher.get());
      await script.tick();
      script.expectPending('PRED-2', next, 'g1');
      script.call('CLOSE-1', 'w0.close();', () => watcher.close());
    },
  },
  {
    id: 'idioms/wait-for-ends',
    title: 'a wait ends as its gets end: on an abort, a close, a pending get, a predicate that throws or is not a function',
    clauses: ['PRED-4', 'PRED-5', 'PRED-6'],
    async run(script, context) {
      const value = valueWithIdioms(script, context);
      const watcher = watch(script, value);
      const controller = new AbortController();
      script.code('const controller = new AbortController();');
      const aborted = script.track('PRED-5', 'g0', 'w0.waitFor(() => true, { signal: controller.signal })', () => watcher.waitFor(() => true, { signal: controller.signal }));
      script.call('PRED-5', 'controller.abort();', () => controller.abort());
      await script.tick();
      script.expectRejected('PRED-5', aborted, 'g0', controller.signal.reason as object);
      const pending = script.track('GET-1', 'g1', 'w0.get()', () => watcher.get());
      const concurrent = script.track('PRED-5', 'g2', 'w0.waitFor(() => true)', () => watcher.waitFor(() => true));
      await script.tick();
      script.expectRejected('PRED-5', concurrent, 'g2', 'ConcurrentGetError');
      script.call('VAL-4', 'void v.set(3);', () => void value.set(3));
      await script.tick();
      script.expectResolved('GET-6', pending, 'g1', 3);
      const refusal = new Error('refused');
      script.call('VAL-4', 'void v.set(4);', () => void value.set(4));
      const thrown = script.track('PRED-4', 'g3', "w0.waitFor(() => { throw new Error('refused'); })", () =>
        watcher.waitFor(() => {
          throw refusal;
        }),
      );
      await script.tick();
      script.expectRejected('PRED-4', thrown, 'g3', refusal);
      script.call('VAL-4', 'void v.set(5);', () => void value.set(5));
      const notFunction = script.track('PRED-6', 'g4', 'w0.waitFor(42)', () => (watcher.waitFor as (accept: unknown) => Promise<unknown>)(42));
      await script.tick();
      script.expectRejected('PRED-6', notFunction, 'g4', 'TypeError');
      const consumedNothing = script.track('GET-1', 'g5', 'w0.get()', () => watcher.get());
      await script.tick();
      script.expectResolved('PRED-6', consumedNothing, 'g5', 5);
      const closing = script.track('PRED-5', 'g6', 'w0.waitFor(() => true)', () => watcher.waitFor(() => true));
      script.call('CLOSE-1', 'w0.close();', () => watcher.close());
      await script.tick();
      script.expectRejected('PRED-5', closing, 'g6', 'WatcherClosedError');
    },
  },
];

/** The idiom scenarios, for one mode; that the watchers carry idioms of their own, only where declared. */
export function idiomChecks(mode: Mode, declared: boolean): Check[] {
  return scenarios.filter((scenario) => declared || scenario.id !== 'idioms/own').map((scenario) => scenarioCheck(mode, scenario));
}
