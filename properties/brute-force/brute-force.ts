/**
 * A brute-force reference for the trace checker, for tiny histories only: it tries every order of
 * instants, replaying each order from scratch on the reference model (`replayer.ts`), and keeps no
 * cache and no shortcut. It shares nothing with the checker but the trace parser and the model of
 * linearization of docs/trace-format.md; the spec's rules come from the model itself. Where both
 * agree on many random histories, legal and not, the checker's state machine, its cache, its cuts
 * and its split by watcher are right, and so is the line it reports: the first event that no
 * order of instants, consistent with every outcome the trace records, explains.
 *
 * @module
 */

import type { Trace } from '../../conformance/trace/format.js';
import { Replayer, type Instant } from './replayer.js';

/** What the brute force decided: `at` is the index of the first event no order explains (the count of events: the end). */
export type BruteVerdict = { readonly verdict: 'ok' } | { readonly verdict: 'illegal'; readonly at: number } | { readonly verdict: 'unknown' };

async function replay(trace: Trace, instants: readonly Instant[]): Promise<Replayer> {
  const replayer = new Replayer(trace);
  for (const instant of instants) {
    await replayer.apply(instant);
    if (!replayer.valid) break;
  }
  return replayer;
}

/** Whether an instant can come now: it was not replayed yet, its watcher is made, and a follow-up can end a wait. */
function enabled(state: Replayer, instant: Instant): boolean {
  const operation = instant.operation;
  if (!instant.followUp) return !state.done.has(operation) && (operation.kind !== 'get' && operation.kind !== 'close' ? true : state.made(operation.watcher));
  return state.controllers.has(operation) && !state.settled.has(operation) && !state.followedUp.has(operation) && state.aborted.has(operation.signal as string);
}

/** Violations that need no search: an async set that returned unsettled, and what a quiescent end rules out. */
function fixed(trace: Trace): number {
  const sync = trace.header.mode === 'sync';
  for (const operation of trace.operations) {
    if (!sync && operation.kind === 'set' && operation.return !== undefined && operation.settlement !== operation.return) return operation.return;
  }
  if (trace.quiescent) {
    for (const operation of trace.operations) {
      if (operation.return === undefined && (operation.kind === 'watch' || operation.kind === 'close' || (operation.kind === 'set' && !sync))) return trace.events.length;
    }
  }
  return Infinity;
}

/** Judges a tiny trace by trying every order of instants; `unknown` past `limit` replays. */
export async function bruteForce(trace: Trace, limit = 20_000): Promise<BruteVerdict> {
  const instants: Instant[] = trace.operations.flatMap((operation) => [
    { operation, followUp: false },
    ...(operation.kind === 'get' && operation.signal !== undefined ? [{ operation, followUp: true }] : []),
  ]);
  let furthest = 0;
  let replays = 0;
  const explore = async (sequence: readonly Instant[]): Promise<boolean | 'limit'> => {
    if ((replays += 1) > limit) return 'limit';
    const state = await replay(trace, sequence);
    if (!state.valid) return false;
    let frontier = 0;
    while (frontier < trace.events.length && state.explains(trace, frontier)) frontier += 1;
    furthest = Math.max(furthest, frontier);
    if (frontier === trace.events.length && (!trace.quiescent || state.quiescentEnd(trace))) return true;
    for (const instant of instants) {
      if (instant.operation.call >= frontier || !enabled(state, instant)) continue;
      const found = await explore([...sequence, instant]);
      if (found !== false) return found;
    }
    return false;
  };
  const found = await explore([]);
  if (found === 'limit') return { verdict: 'unknown' };
  const at = Math.min(found ? Infinity : furthest, fixed(trace));
  return at === Infinity ? { verdict: 'ok' } : { verdict: 'illegal', at };
}
