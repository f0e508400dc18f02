/**
 * The cross-check of the trace checker against the brute force, on tiny random histories, legal
 * and not: histories legal by construction, some of them perturbed at random (an outcome replaced,
 * a stale read, a set returning late, two events swapped, a return or settlement dropped). Shared
 * by `npm test` (fixed seeds) and `npm run fuzz` (fresh seeds).
 *
 * @module
 */

import fc from 'fast-check';
import { checkTrace } from '../../conformance/trace/check.js';
import { parseTrace, TraceFormatError, type Trace } from '../../conformance/trace/format.js';
import type { TraceRecord } from '../../conformance/trace/recorder.js';
import { generate, traceText } from '../histories/generate.js';
import { planArbitrary } from '../histories/plan.js';
import { bruteForce, type BruteVerdict } from './brute-force.js';

/** A random change to a trace: most make it illegal, some do not. */
export type Perturbation =
  | { readonly kind: 'none' }
  | { readonly kind: 'outcome'; readonly target: number; readonly choice: number }
  | { readonly kind: 'older'; readonly target: number }
  | { readonly kind: 'late'; readonly target: number }
  | { readonly kind: 'swap'; readonly target: number }
  | { readonly kind: 'drop'; readonly target: number };

/** Draws a perturbation. */
const perturbation: fc.Arbitrary<Perturbation> = fc.oneof(
  fc.constant<Perturbation>({ kind: 'none' }),
  fc.record({ kind: fc.constant('outcome' as const), target: fc.nat(), choice: fc.nat({ max: 6 }) }),
  fc.record({ kind: fc.constant('older' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('late' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('swap' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('drop' as const), target: fc.nat() }),
);

function perturb(records: readonly TraceRecord[], change: Perturbation): readonly TraceRecord[] {
  const result = records.map((record) => ({ ...record }));
  const events = result.filter((record) => record['event'] !== undefined && record['event'] !== 'end');
  switch (change.kind) {
    case 'none':
      return result;
    case 'outcome': {
      const gets = events.filter((record) => 'error' in record || ('data' in record && record['op'] !== 'set'));
      const target = gets[change.target % Math.max(gets.length, 1)];
      if (target === undefined) return result;
      const data = events.filter((record) => record['op'] === 'set').map((record) => record['data']);
      delete target['data'];
      delete target['error'];
      if (change.choice < 3 && data.length > 0) target['data'] = data[change.choice % data.length];
      else target['error'] = ['WatcherClosedError', 'ConcurrentGetError', 'aborted', 'aborted'][change.choice % 4];
      return result;
    }
    case 'older': {
      // A get answered with the data set just before what it received: a stale read, legal or not
      // depending on how the sets overlap the gets of other watchers.
      const data = events.filter((record) => record['op'] === 'set').map((record) => JSON.stringify(record['data']));
      const gets = events.filter((record) => 'data' in record && record['op'] !== 'set' && data.indexOf(JSON.stringify(record['data'])) > 0);
      const target = gets[change.target % Math.max(gets.length, 1)];
      if (target !== undefined) target['data'] = JSON.parse(data[data.indexOf(JSON.stringify(target['data'])) - 1] as string) as unknown;
      return result;
    }
    case 'late': {
      // A set that returns only at the end: a later return keeps a legal history legal, and lets
      // the set overlap gets of several watchers (with 'older', a stale read across watchers).
      const sets = result.flatMap((record, index) => (record['op'] === 'set' && (record['event'] === 'op' || record['event'] === 'call') ? [index] : []));
      const at = sets[change.target % Math.max(sets.length, 1)];
      if (at === undefined) return result;
      const set = result[at] as TraceRecord;
      const returned = set['event'] === 'op' ? at : result.findIndex((record) => record['event'] === 'return' && record['id'] === set['id']);
      if (returned === -1 || set['settled'] === false || result.some((record) => record['event'] === 'settle' && record['id'] === set['id'])) return result;
      const { data: _data, op: _op, thread: _thread, ...rest } = result[returned] as TraceRecord;
      if (set['event'] === 'op') result[at] = { event: 'call', id: set['id'], ...(set['thread'] === undefined ? {} : { thread: set['thread'] }), op: 'set', data: set['data'] };
      else result.splice(returned, 1);
      const end = result.findIndex((record) => record['event'] === 'end');
      result.splice(end === -1 ? result.length : end, 0, { ...rest, event: 'return' });
      return result;
    }
    case 'swap': {
      const at = 1 + (change.target % Math.max(result.length - 2, 1));
      const [first, second] = [result[at], result[at + 1]];
      if (first !== undefined && second !== undefined && second['event'] !== 'end') [result[at], result[at + 1]] = [second, first];
      return result;
    }
    case 'drop': {
      const droppable = result.flatMap((record, index) => (record['event'] === 'return' || record['event'] === 'settle' ? [index] : []));
      const at = droppable[change.target % Math.max(droppable.length, 1)];
      if (at !== undefined) result.splice(at, 1);
      return result;
    }
  }
}

function parsed(records: readonly TraceRecord[]): Trace | undefined {
  try {
    return parseTrace(traceText(records));
  } catch (error) {
    if (error instanceof TraceFormatError) return undefined;
    throw error;
  }
}

/**
 * The checker and the brute force agree on the verdict and, for an illegal history, on the first
 * event no order of instants explains; `seen` is told of each case judged.
 */
export function agreesWithBruteForce(seen: (trace: Trace, reference: BruteVerdict) => void = () => {}) {
  return fc.asyncProperty(planArbitrary({ maxSteps: 14, maxThreads: 3 }), fc.array(perturbation, { maxLength: 2 }), async (plan, changes) => {
    const trace = parsed(changes.reduce(perturb, (await generate(plan)).records));
    if (trace === undefined) return;
    const reference = await bruteForce(trace);
    if (reference.verdict === 'unknown') return;
    const verdict = checkTrace(trace);
    const at = verdict.verdict === 'illegal' ? (verdict.line === 'end' ? trace.events.length : verdict.prefix - 1) : undefined;
    const expected = reference.verdict === 'ok' ? undefined : reference.at;
    if (verdict.verdict !== reference.verdict || at !== expected) {
      throw new Error(`the brute force says ${JSON.stringify(reference)}, the checker ${JSON.stringify({ ...verdict, linearization: undefined })}`);
    }
    seen(trace, reference);
  });
}
