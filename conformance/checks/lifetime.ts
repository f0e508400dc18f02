/**
 * What a value keeps alive (CLOSE-4, LIFE-1 to LIFE-3), observed with weak references and forced
 * garbage collection wherever the process can force it (`--expose-gc`, or the flag set at run
 * time); elsewhere these clauses are undecided.
 *
 * The values are made by the factory itself, never through the kit's wrappers, and the scenario
 * keeps no reference of its own to what it expects to be collected: only weak references.
 *
 * @module
 */

import { getEventListeners } from 'node:events';
import type { ValueCore } from '../../src/types.js';
import type { Check, CheckContext, CheckOutcome, Mode } from './check.js';
import { collectWith, forcedGc } from './garbage.js';
import { scenarioCheck, type ScenarioDefinition, type Script } from './script.js';

/** How many watchers each scenario makes. */
const count = 10;

/**
 * Collects garbage, written in the script as the reader would, until none of `refs` is left or
 * three collections have run: a reference that only a job not yet run holds is gone after a few
 * turns, one that the value holds never is.
 */
async function collect(script: Script, gc: () => void, refs: readonly WeakRef<object>[] = []): Promise<void> {
  script.code('await collect();');
  await collectWith(gc);
  for (let attempt = 1; attempt < 3 && alive(refs) > 0; attempt++) await collectWith(gc);
}

/** How many of the weak references still reach their object. */
function alive(refs: readonly WeakRef<object>[]): number {
  return refs.filter((ref) => ref.deref() !== undefined).length;
}

/** Makes `count` watchers as `each` says, keeping only weak references to them. */
function makeWatchers(value: ValueCore<unknown>, each: (watcher: ReturnType<ValueCore<unknown>['watch']>, index: number) => void): WeakRef<object>[] {
  const refs: WeakRef<object>[] = [];
  for (let index = 0; index < count; index++) {
    const watcher = value.watch();
    refs.push(new WeakRef(watcher));
    each(watcher, index);
  }
  return refs;
}

/** The lines that define `collect()` in a script: forced collections, under `node --expose-gc`. */
const collectSource = 'const collect = async () => { for (let round = 0; round < 3; round += 1) { await tick(); gc(); } await tick(); }; // node --expose-gc';

/** A lifetime scenario: undecided where the process cannot force garbage collection. */
function lifetimeCheck(mode: Mode, definition: Omit<ScenarioDefinition, 'run'> & { readonly run: (script: Script, context: CheckContext, gc: () => void) => Promise<void> }): Check {
  const gc = forcedGc();
  const check = scenarioCheck(mode, {
    ...definition,
    run: (script, context) => {
      script.code(collectSource);
      return definition.run(script, context, gc ?? (() => {}));
    },
  });
  return {
    ...check,
    readLast: true,
    run: (context, request): Promise<CheckOutcome> =>
      gc === undefined ? Promise.resolve({ kind: 'undecided', reason: 'this process cannot force garbage collection (run Node with --expose-gc)' }) : check.run(context, request),
  };
}

/** CLOSE-4: closed watchers, with a get pending at the close or a sync set waiting, are not kept. */
function closedWatchers(mode: Mode): Check {
  return lifetimeCheck(mode, {
    id: 'lifetime/closed-watchers',
    title: 'closed watchers are not referenced by their value',
    clauses: ['CLOSE-4'],
    async run(script, _context, gc) {
      const value = script.value();
      const sync = mode === 'sync';
      script.code(`const refs = []; for (let i = 0; i < ${count}; i += 1) { const w = v.watch(); refs.push(new WeakRef(w)); ${sync ? 'void v.set(i); ' : ''}if (i % 2 === 0) w.get().catch(() => {}); w.close(); }`);
      const refs = makeWatchers(value, (watcher, index) => {
        if (sync) void Promise.resolve(value.set(index)).catch(() => {});
        if (index % 2 === 0) watcher.get().catch(() => {});
        watcher.close();
      });
      await collect(script, gc, refs);
      script.code('console.log(refs.filter((ref) => ref.deref() !== undefined).length, v.peek());');
      const left = alive(refs);
      script.expect('CLOSE-4', left === 0 && value.peek() !== null, `none of the ${count} closed watchers is left while v lives`, `${left} of them are still reachable`);
    },
  });
}

/** LIFE-1: in async mode, idle watchers dropped without close are collected. */
function droppedIdleWatchers(): Check {
  return lifetimeCheck('async', {
    id: 'lifetime/dropped-watchers',
    title: 'idle watchers dropped without close are collected',
    clauses: ['LIFE-1'],
    async run(script, _context, gc) {
      const value = script.value();
      script.call('VAL-4', 'void v.set(1);', () => void value.set(1));
      script.code(`const refs = []; for (let i = 0; i < ${count}; i += 1) { const w = v.watch(); refs.push(new WeakRef(w)); if (i % 2 === 0) void w.get(); }`);
      const refs = makeWatchers(value, (watcher, index) => {
        if (index % 2 === 0) void watcher.get().catch(() => {});
      });
      await collect(script, gc, refs);
      script.code('console.log(refs.filter((ref) => ref.deref() !== undefined).length, v.peek());');
      const left = alive(refs);
      script.expect('LIFE-1', left === 0 && value.peek() !== null, `none of the ${count} idle watchers dropped without close is left while v lives`, `${left} of them are still reachable`);
    },
  });
}

/** LIFE-2: in sync mode, a watcher dropped without close still holds up every later set. */
function droppedSyncWatcher(): Check {
  return lifetimeCheck('sync', {
    id: 'lifetime/dropped-sync-watcher',
    title: 'a sync-mode watcher dropped without close still counts in the audience of later sets',
    clauses: ['LIFE-2'],
    async run(script, _context, gc) {
      const value = script.value();
      script.code('void v.watch(); // dropped at once, never closed');
      void value.watch();
      await collect(script, gc);
      const set = script.track('VAL-4', 's1', 'v.set(1)', () => Promise.resolve(value.set(1)));
      await collect(script, gc);
      script.expectPending('LIFE-2', set, 's1');
    },
  });
}

/** What LIFE-3 leaves behind: weak references to the value, the watcher and the data, and the pending get. */
function pendingGetOnLongLivedSignal(
  context: CheckContext,
  mode: Mode,
  signal: AbortSignal,
): { refs: WeakRef<object>[]; pending: Promise<unknown>; firstReceived: () => boolean } {
  const value = context.factory({ sync: mode === 'sync' });
  const data = { large: new Array<number>(1000).fill(1) };
  void Promise.resolve(value.set(data)).catch(() => {});
  const watcher = value.watch();
  // Only a flag: what the first get resolved with is the data, which must be free to go.
  let received = false;
  watcher.get().then(
    () => (received = true),
    () => {},
  );
  const pending = watcher.get({ signal });
  pending.catch(() => {});
  return { refs: [new WeakRef(value), new WeakRef(watcher), new WeakRef(data)], pending, firstReceived: () => received };
}

/** LIFE-3: a pending get keeps neither its watcher nor its value alive through its signal. */
function pendingGet(mode: Mode): Check {
  return lifetimeCheck(mode, {
    id: 'lifetime/pending-get',
    title: 'a pending get keeps neither its watcher nor its value alive through a long-lived signal',
    clauses: ['LIFE-3'],
    async run(script, context, gc) {
      const controller = new AbortController();
      script.code('const controller = new AbortController(); // lives on');
      script.code(`let v = factory({ sync: ${mode === 'sync'} }); let data = { large: new Array(1000).fill(1) }; void v.set(data); let w = v.watch(); void w.get();`);
      script.code('const g0 = w.get({ signal: controller.signal }); const refs = [new WeakRef(v), new WeakRef(w), new WeakRef(data)]; v = w = data = undefined;');
      const { refs, pending, firstReceived } = pendingGetOnLongLivedSignal(context, mode, controller.signal);
      const tracked = script.track('GET-1', 'g0', 'g0', () => pending);
      await script.tick();
      // What the scenario presumes: the first get received the data, and g0 waits.
      script.expect('GET-2', firstReceived(), 'the first get of w resolved with the data set before the watch', 'it did not');
      script.expectPending('GET-3', tracked, 'g0');
      await collect(script, gc, refs);
      script.code('console.log(refs.filter((ref) => ref.deref() !== undefined).length);');
      const left = alive(refs);
      script.expect('LIFE-3', left === 0, 'the value, the watcher and the data are collected while the signal lives', `${left} of the 3 are still reachable`);
      const reason = new Error('late abort');
      script.call('ABORT-1', "controller.abort(new Error('late abort'));", () => controller.abort(reason));
      await script.tick();
      script.expectRejected('LIFE-3', tracked, 'g0', reason);
      const listeners = getEventListeners(controller.signal, 'abort').length;
      script.expect('LIFE-3', listeners === 0, 'no abort listener is left on the signal', `${listeners} listener(s) left`);
    },
  });
}

/** The lifetime checks for the declared modes. */
export function lifetimeChecks(modes: readonly Mode[]): Check[] {
  return [
    closedWatchers('async'),
    droppedIdleWatchers(),
    pendingGet('async'),
    ...(modes.includes('sync') ? [closedWatchers('sync'), droppedSyncWatcher(), pendingGet('sync')] : []),
  ];
}
