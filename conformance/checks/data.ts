/**
 * Data of every kind: unset is its own state, not `undefined` (VAL-1); any data is delivered as
 * the very same reference, `undefined`, `null`, functions, symbols and objects that wrap a
 * thenable included (VAL-3), and read back by `peek` (PEEK-1); identical data set again is a new
 * version (VAL-2), checked also with a primitive, which no copy can tell apart; and a value made
 * with initial data, even `undefined`, starts set (VAL-7).
 *
 * @module
 */

import type { ValueCore, WatcherCore } from '../../src/types.js';
import type { Check, Mode } from './check.js';
import { scenarioCheck, show, type Script, type Tracked } from './script.js';

/** One kind of data, and how a script writes it. */
interface Datum {
  readonly data: unknown;
  readonly written: string;
}

/** The data sent, each with the JavaScript that makes it. */
function data(): readonly Datum[] {
  return [
    { data: { nested: [1, { deep: true }] }, written: '{ nested: [1, { deep: true }] }' },
    { data: undefined, written: 'undefined' },
    { data: null, written: 'null' },
    { data: { promise: Promise.resolve(1) }, written: '{ promise: Promise.resolve(1) }' },
    { data: { thenable: { then: (resolve: (value: number) => void) => resolve(2) } }, written: '{ thenable: { then: (resolve) => resolve(2) } }' },
    { data: [3, 'three'], written: "[3, 'three']" },
    { data: () => 4, written: '() => 4' },
    { data: Symbol('five'), written: "Symbol('five')" },
    { data: Number.NaN, written: 'NaN' },
    { data: 0, written: '0' },
    { data: '', written: "''" },
    { data: false, written: 'false' },
    { data: new Map([[6, 'six']]), written: "new Map([[6, 'six']])" },
  ];
}

/** The version numbers each script's peeks have shown, to check that they grow (VAL-2). */
const versionsSeen = new WeakMap<Script, number>();

/**
 * VAL-2, PEEK-1: a peek shows the `count`-th version with the very data set. A version's number is
 * the implementation's own (MemoryValue counts sets, EtcdValue uses etcd's revisions), so what is
 * checked is that it is a positive integer, greater than every number an earlier peek showed. A
 * wrong version number is PEEK-1's; wrong data is `clause`'s.
 */
function expectPeek(script: Script, value: ValueCore<unknown>, count: number, datum: Datum, clause: string): void {
  const snapshot = script.call('PEEK-1', 'console.log(v.peek());', () => value.peek());
  const before = versionsSeen.get(script) ?? 0;
  const version = snapshot?.version;
  const numbered = typeof version === 'number' && Number.isInteger(version) && version > before;
  if (numbered) versionsSeen.set(script, version);
  script.expect(
    snapshot !== undefined && Object.is(snapshot.data, datum.data) ? 'PEEK-1' : clause,
    snapshot !== undefined && numbered && Object.is(snapshot.data, datum.data),
    `peek() returns version ${count} (numbered above ${before}) with data ${datum.written}`,
    `peek() returned ${snapshot === undefined ? 'undefined' : `{ version: ${show(snapshot.version)}, data: ${show(snapshot.data)} }`}`,
  );
}

/**
 * Sets `datum` as the `version`-th version (`again` when it is the data set just before), then
 * calls the watcher's get `name`, and lets every microtask run; returns that get, to be judged.
 */
async function setThenGet(script: Script, value: ValueCore<unknown>, watcher: WatcherCore<unknown>, datum: Datum, version: number, again: boolean, name: string): Promise<Tracked<unknown>> {
  script.call('VAL-4', `void v.set(${datum.written}); // version ${version}${again ? ', the same data again' : ''}`, () => void value.set(datum.data));
  const got = script.track('GET-1', name, 'w0.get()', () => watcher.get());
  await script.tick();
  return got;
}

/** The scenarios of data, for one mode. */
export function dataChecks(mode: Mode): Check[] {
  return [
    scenarioCheck(mode, {
      id: 'data/unset',
      title: 'unset is its own state, distinct from being set to null or undefined',
      clauses: ['VAL-1', 'VAL-3'],
      async run(script) {
        const value = script.value();
        const snapshot = script.call('PEEK-1', 'console.log(v.peek());', () => value.peek());
        script.expect('VAL-1', snapshot === undefined, 'peek() returns undefined: the value is unset', `peek() returned ${show(snapshot)}`);
        const watcher = script.call('WATCH-1', 'const w0 = v.watch();', () => value.watch());
        const first = script.track('GET-1', 'g0', 'w0.get()', () => watcher.get());
        await script.tick();
        script.expectPending('VAL-1', first, 'g0');
        // Set to null, it is set: not unset (VAL-1).
        script.call('VAL-4', 'void v.set(null);', () => void value.set(null));
        await script.tick();
        script.expectResolved('VAL-1', first, 'g0', null);
        expectPeek(script, value, 1, { data: null, written: 'null' }, 'VAL-1');
        // Set to undefined, it is set to undefined, which is data like any other (VAL-3).
        script.call('VAL-4', 'void v.set(undefined);', () => void value.set(undefined));
        const second = script.track('GET-1', 'g1', 'w0.get()', () => watcher.get());
        await script.tick();
        script.expectResolved('VAL-3', second, 'g1', undefined);
        expectPeek(script, value, 2, { data: undefined, written: 'undefined' }, 'VAL-3');
        script.call('CLOSE-1', 'w0.close();', () => watcher.close());
      },
    }),
    scenarioCheck(mode, {
      id: 'data/kinds',
      title: 'every kind of data is delivered and read back as the very data set, identical data as new versions',
      clauses: ['VAL-2', 'VAL-3', 'PEEK-1'],
      async run(script) {
        const value = script.value();
        const watcher = script.call('WATCH-1', 'const w0 = v.watch();', () => value.watch());
        let version = 0;
        let gets = 0;
        for (const datum of data()) {
          // Each datum twice: the second set of identical data is a version of its own (VAL-2).
          for (const again of [false, true]) {
            version += 1;
            const name = `g${gets++}`;
            const got = await setThenGet(script, value, watcher, datum, version, again, name);
            // A get still waiting after the identical set means that set made no version (VAL-2);
            // one that received anything but the very data set breaks VAL-3, whichever set it was.
            script.expectResolved(again && got.outcome.state !== 'fulfilled' ? 'VAL-2' : 'VAL-3', got, name, datum.data);
            expectPeek(script, value, version, datum, 'PEEK-1');
          }
        }
        script.call('CLOSE-1', 'w0.close();', () => watcher.close());
      },
    }),
    scenarioCheck(mode, {
      id: 'data/identical-again',
      title: 'the same primitive data set again is a version of its own',
      clauses: ['VAL-2'],
      async run(script) {
        // VAL-2 decided on its own: a primitive is the very same data after any copy, so an
        // implementation that delivers copies (EtcdValue, a documented VAL-3 deviation) is judged
        // here on whether an identical set makes a version, which data/kinds cannot tell once it
        // stopped at the copy.
        const value = script.value();
        const watcher = script.call('WATCH-1', 'const w0 = v.watch();', () => value.watch());
        const datum = { data: 'same', written: "'same'" };
        for (let version = 1; version <= 3; version++) {
          const name = `g${version - 1}`;
          const got = await setThenGet(script, value, watcher, datum, version, version > 1, name);
          script.expectResolved('VAL-2', got, name, datum.data);
          expectPeek(script, value, version, datum, 'VAL-2');
        }
        script.call('CLOSE-1', 'w0.close();', () => watcher.close());
      },
    }),
  ];
}

/** VAL-7: a value made with initial data, `undefined` included, starts set at version 1. */
export function initialChecks(mode: Mode): Check[] {
  const cases = [
    { id: 'undefined', datum: { data: undefined, written: 'undefined' } },
    { id: 'object', datum: { data: { ready: true }, written: '{ ready: true }' } },
  ];
  return cases.map(({ id, datum }) =>
    scenarioCheck(mode, {
      id: `data/initial-${id}`,
      title: `a value made with initial data (${datum.written}) starts set at version 1`,
      clauses: ['VAL-7'],
      async run(script) {
        const value = script.value(datum);
        expectPeek(script, value, 1, datum, 'VAL-7');
        const watcher = script.call('WATCH-1', 'const w0 = v.watch();', () => value.watch());
        const first = script.track('GET-1', 'g0', 'w0.get()', () => watcher.get());
        await script.tick();
        script.expectResolved('VAL-7', first, 'g0', datum.data);
        script.call('CLOSE-1', 'w0.close();', () => watcher.close());
      },
    }),
  );
}
