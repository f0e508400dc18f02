/**
 * Single-outcome mutations of a generated history that are certainly illegal, each with the
 * clause whose sentence it breaks and the operation the checker must name. Each mutation applies
 * only where an argument (given with it) shows that no order of instants can explain it, whatever
 * the other operations did, and that nothing before the mutated event depends on it, so the
 * checker must fail exactly there.
 *
 * "Isolated" below means that no other operation of the get's watcher (its watch, another get, a
 * close) overlaps the get in time: those before it returned before it was called, those after it
 * were called after it returned. So no other get of its watcher can be pending at its request,
 * its watcher is closed at its request on every path or on none, and no operation before its
 * return depends on what it received. In sync mode a settlement recorded while the get was in
 * flight might depend on its receipt, so such gets are left alone too.
 *
 * @module
 */

import type { TraceRecord } from '../../conformance/trace/recorder.js';
import type { GeneratedHistory, GeneratedOperation } from './generate.js';

/** A mutated history. */
export interface Mutation {
  /** What was changed. */
  readonly name: string;
  /** The clause the checker must name. */
  readonly clause: string;
  /** The id of the operation the checker must name (undefined: the end of the trace). */
  readonly operation: string | undefined;
  /** The mutated trace. */
  readonly records: readonly TraceRecord[];
}

type Operation = GeneratedOperation;

function recorded(operation: Operation): boolean {
  return operation.call !== undefined && operation.return !== undefined;
}

function before(a: Operation, b: Operation): boolean {
  return a.return !== undefined && b.call !== undefined && a.return < b.call;
}

function returnedData(operation: Operation): boolean {
  return operation.kind === 'get' && recorded(operation) && operation.returned !== undefined && 'data' in operation.returned;
}

/** The mutations that apply to a history, at most one of each kind, targets picked by `draw`. */
export function mutations(history: GeneratedHistory, draw: () => number): Mutation[] {
  const operations = history.operations.filter((operation) => operation.call !== undefined);
  const sync = history.plan.mode === 'sync';
  const sets = operations.filter((operation) => operation.kind === 'set');
  const uniqueData = (set: Operation): boolean => sets.filter((other) => JSON.stringify(other.data) === JSON.stringify(set.data)).length === 1;
  const setOf = (version: number | undefined): Operation | undefined => sets.find((set) => set.version === version && uniqueData(set));
  const isolated = (get: Operation): boolean =>
    recorded(get) &&
    operations.every((other) => other === get || other.watcher !== get.watcher || before(other, get) || before(get, other)) &&
    (!sync ||
      !sets.some((set) => {
        const settled = set.awaited ? set.return : set.settle;
        return settled !== undefined && settled > (get.call as number) && settled < (get.return as number);
      }));
  const abortedBefore = (get: Operation, time: number): boolean =>
    operations.some((abort) => abort.kind === 'abort' && abort.signal === get.signal && (abort.call as number) < time);
  /** The data of a set called before the get returned, so that the get's data is not simply data never set (GET-1). */
  const earlierData = (get: Operation): Operation | undefined => sets.find((set) => (set.call as number) < (get.return as number));
  const pick = <T>(candidates: readonly T[]): T | undefined => candidates[Math.floor(draw() * candidates.length)];
  const result: Mutation[] = [];
  const add = (name: string, clause: string, target: Operation | undefined, change: (records: TraceRecord[], target: Operation) => void, at: 'operation' | 'end' = 'operation'): void => {
    if (target === undefined) return;
    const records = history.records.map((record) => ({ ...record }));
    change(records, target);
    result.push({ name, clause, operation: at === 'end' ? undefined : target.id, records });
  };

  // GET-1: data no set set. No set made it, so no instant can hand it over.
  add('a get returns data never set', 'GET-1', pick(operations.filter((get) => returnedData(get) && isolated(get))), (records, get) => setOutcome(records, get, { data: { neverSet: get.id } }));

  // CLOSE-3: the close returned before the get was called, so the watcher is closed at its
  // request on every path: it rejects at once whatever it would have received.
  add(
    'a get resolves on a watcher whose close returned before it was called',
    'CLOSE-3',
    pick(
      operations.filter(
        (get) =>
          get.kind === 'get' &&
          recorded(get) &&
          get.returned !== undefined &&
          'error' in get.returned &&
          get.returned.error === 'WatcherClosedError' &&
          earlierData(get) !== undefined &&
          operations.some((close) => close.kind === 'close' && close.watcher === get.watcher && before(close, get)),
      ),
    ),
    (records, get) => setOutcome(records, get, { data: earlierData(get)?.data }),
  );

  if (!sync) {
    // GET-4: g1 returned before g2 was called and received version a; the set of version c
    // returned before the set of a was called, so c < a on every path, and the cursor at g2 is at
    // least a: version c is behind it. (No abort of g2's signal was called before it returned, or
    // a path on which the abort came first would reject g2 at its request, ABORT-3.)
    const pairs = operations.flatMap((second) => {
      if (!returnedData(second) || !isolated(second) || abortedBefore(second, second.return as number)) return [];
      return operations.flatMap((first) => {
        const newer = setOf(first.version);
        if (!returnedData(first) || first.watcher !== second.watcher || !before(first, second) || newer === undefined) return [];
        return sets.filter((older) => uniqueData(older) && before(older, newer)).map((older) => ({ second, older }));
      });
    });
    const pair = pick(pairs);
    add('an older value after a newer one', 'GET-4', pair?.second, (records, get) => setOutcome(records, get, { data: pair?.older.data }));
  }

  if (!sync) {
    // ASYNC-1: a get of another watcher received version v and returned before this get was
    // called, so the set of v took effect before this get's request on every path, and the newest
    // version is at least v then; the set of u returned before the set of v was called, so u < v
    // on every path. The cursor of this get's watcher is below u on every path: the earlier gets
    // of its watcher received versions whose sets returned before the set of u was called, and if
    // there were none, its watch returned before that. So data of u is not behind the cursor, just
    // not the newest. (A split by watcher that placed the set of v late for this watcher would
    // miss this.)
    const stale = operations.flatMap((get) => {
      if (!returnedData(get) || !isolated(get) || abortedBefore(get, get.return as number)) return [];
      const earlier = operations.filter((other) => other.kind === 'get' && other.watcher === get.watcher && returnedData(other) && before(other, get));
      const watch = operations.find((other) => other.kind === 'watch' && other.watcher === get.watcher);
      const below = (older: Operation): boolean =>
        earlier.length === 0 ? watch !== undefined && before(watch, older) : earlier.every((other) => setOf(other.version) !== undefined && before(setOf(other.version) as Operation, older));
      return operations.flatMap((other) => {
        const newer = setOf(other.version);
        if (!returnedData(other) || other.watcher === get.watcher || !before(other, get) || newer === undefined) return [];
        return sets.filter((older) => uniqueData(older) && before(older, newer) && below(older)).map((older) => ({ get, older, newer }));
      });
    });
    const read = pick(stale);
    add('a stale read across watchers', 'ASYNC-1', read?.get, (records, get) => {
      setOutcome(records, get, { data: read?.older.data });
      // The set of v returns only at the end: a later return keeps a legal history legal, and
      // lets one watcher's part alone place the set after this get.
      const newer = read?.newer as Operation;
      const at = records.findIndex((record) => record['id'] === newer.id && (record['event'] === 'return' || record['event'] === 'op'));
      // A set still pending spans to the end already.
      if (at === -1) return;
      const record = records[at] as TraceRecord;
      if (record['event'] === 'op') records[at] = { ...record, event: 'call' };
      else records.splice(at, 1);
      const end = records.findIndex((record) => record['event'] === 'end');
      records.splice(end === -1 ? records.length : end, 0, { event: 'return', id: newer.id });
    });
  }

  if (sync) {
    // SYNC-1: the get received version v, the next of its log after version p, which an earlier
    // get of its watcher received, and the set of p returned before the set of v was called. A set
    // u that returned before the set of p was called is older than p on every path (the watcher is
    // past it); one called after the set of v returned is newer than v, so at least two versions
    // after p (receiving it skips one). (No abort of the get's signal before it returned, as above.)
    const choices = operations.flatMap((get) => {
      const own = setOf(get.version);
      if (!returnedData(get) || !isolated(get) || own === undefined || abortedBefore(get, get.return as number)) return [];
      const earlier = operations.filter((other) => other.watcher === get.watcher && returnedData(other) && before(other, get));
      const last = earlier.reduce<Operation | undefined>((latest, other) => (latest === undefined || (other.return as number) > (latest.return as number) ? other : latest), undefined);
      const previous = setOf(last?.version);
      if (previous === undefined || !before(previous, own)) return [];
      return sets
        .filter((other) => uniqueData(other) && (before(other, previous) || (before(own, other) && (other.call as number) < (get.return as number))))
        .map((other) => ({ get, other }));
    });
    const choice = pick(choices);
    add('a sync get skips a version', 'SYNC-1', choice?.get, (records, get) => setOutcome(records, get, { data: choice?.other.data }));

    // SYNC-2: the watcher's watch returned before the set was called, so it is in the set's
    // audience; an isolated get of it received the set's version, and no other get of it could
    // (the gets before it returned other data, and none of its gets is still pending), so the
    // watcher had not received that version before that get was called: a settlement recorded
    // before that call comes before the audience is complete.
    const settles = operations.flatMap((get) => {
      const set = setOf(get.version);
      const pending = operations.some((other) => other.kind === 'get' && other.watcher === get.watcher && other.return === undefined);
      if (!returnedData(get) || !isolated(get) || pending || set === undefined || set.awaited || set.settle === undefined || !before(set, get)) return [];
      const watch = operations.find((watch) => watch.kind === 'watch' && watch.watcher === get.watcher);
      return watch !== undefined && before(watch, set) ? [{ set, get }] : [];
    });
    const settle = pick(settles);
    add(
      'a sync set settles before a get it waited for was even called',
      'SYNC-2',
      settle?.set,
      (records, set) => {
        const from = records.findIndex((record) => record['event'] === 'settle' && record['id'] === set.id);
        const [moved] = records.splice(from, 1);
        const to = records.findIndex((record) => record['id'] === settle?.get.id);
        records.splice(to, 0, moved as TraceRecord);
      },
    );
  }

  // CONC-1: isolated, so no other get of its watcher can be pending at its request; its watcher
  // is open then (it returned data) and its signal not aborted (no abort called before it returned).
  add(
    'a get refused with no other get pending',
    'CONC-1',
    pick(operations.filter((get) => returnedData(get) && isolated(get) && (get.signal === undefined || !abortedBefore(get, get.return as number)))),
    (records, get) => setOutcome(records, get, { error: 'ConcurrentGetError' }),
  );

  // ABORT-1: no abort of its signal was called before it returned, so its signal was never
  // aborted while it was in flight.
  add(
    'a get aborted with its signal never aborted',
    'ABORT-1',
    pick(operations.filter((get) => returnedData(get) && isolated(get) && get.signal !== undefined && !abortedBefore(get, get.return as number))),
    (records, get) => setOutcome(records, get, { error: 'aborted' }),
  );

  // ABORT-3: an abort of its signal returned before it was called, so the signal is aborted at
  // its request on every path; isolated, and it rejected as aborted, so its watcher was open and
  // no other get pending: it rejects at once.
  add(
    'a get resolves with its signal aborted before it was called',
    'ABORT-3',
    pick(
      operations.filter(
        (get) =>
          get.kind === 'get' &&
          isolated(get) &&
          get.returned !== undefined &&
          'error' in get.returned &&
          get.returned.error === 'aborted' &&
          earlierData(get) !== undefined &&
          operations.some((abort) => abort.kind === 'abort' && abort.signal === get.signal && before(abort, get)),
      ),
    ),
    (records, get) => setOutcome(records, get, { data: earlierData(get)?.data }),
  );

  if (history.quiescent) {
    // GET-5: the last operation of its watcher, isolated, received version v, whose set returned
    // before it was called, and every earlier get of its watcher received a version whose set
    // returned before v's was called: v is newer than its cursor at its request on every path, so
    // it received v at once, and cannot still be pending at a quiescent end. (Its signal is never
    // aborted: pending to the end, it could otherwise be rejected at a late request, ABORT-3.)
    add(
      'a get still pending at a quiescent end with a version at hand',
      'GET-5',
      pick(
        operations.filter((get) => {
          const own = setOf(get.version);
          if (!returnedData(get) || !isolated(get) || own === undefined || !before(own, get) || abortedBefore(get, Infinity)) return false;
          const others = operations.filter((other) => other !== get && other.watcher === get.watcher);
          return others.every(
            (other) => before(other, get) && (other.kind !== 'get' || other.returned === undefined || !('data' in other.returned) || (setOf(other.version) !== undefined && before(setOf(other.version) as Operation, own))),
          );
        }),
      ),
      (records, get) => {
        const at = records.findIndex((record) => record['id'] === get.id && (record['event'] === 'return' || record['event'] === 'op'));
        const record = records[at] as TraceRecord;
        if (record['event'] === 'op') {
          const { data: _data, ...call } = record;
          records[at] = { ...call, event: 'call' };
        } else records.splice(at, 1);
      },
      'end',
    );
  }
  return result;
}

/** Replaces what a get returned. */
function setOutcome(records: TraceRecord[], get: Operation, outcome: { readonly data: unknown } | { readonly error: string }): void {
  const at = records.findIndex((record) => record['id'] === get.id && (record['event'] === 'return' || record['event'] === 'op'));
  const record = records[at] as TraceRecord;
  delete record['data'];
  delete record['error'];
  Object.assign(record, outcome);
}
