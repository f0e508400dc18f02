/**
 * The comparison of two runs driven by the same commands (the reference model and an
 * implementation), and, when they differ, the clause whose sentence the difference breaks.
 *
 * After each command, each run's log holds the command's calls and the settlements that reported
 * within the harness's wait. The model settles exactly as the spec says, at exactly the moment it
 * says, in exactly its order (the strict profile of docs/spec.md section 16), so the first command
 * whose entries differ is where the implementation departs from it, and how they differ names the
 * clause: the same settlements in another order break an order (GET-6, SYNC-4, ORDER-2); a
 * settlement the model made in this command and the implementation did not is late or missing
 * (GET-5, GET-6, SYNC-6, CLOSE-2, ...); an outcome that differs is a wrong outcome.
 *
 * @module
 */

import type { Action } from './commands.js';
import type { Run } from './run.js';
import { violation } from './violation.js';

/** One settlement in a log, parsed: a get's or a set's, with what happened to it. */
type Settlement =
  | { readonly kind: 'get'; readonly id: number; readonly outcome: string; readonly line: string }
  | { readonly kind: 'set'; readonly version: number; readonly outcome: string; readonly line: string }
  | { readonly kind: 'judge'; readonly id: number; readonly line: string };

/** Parses a log entry that records a settlement; other entries are calls. */
function settlementOf(line: string): Settlement | undefined {
  const get = /^get#(\d+) (fulfilled|rejected|judges) ?(.*)$/.exec(line);
  if (get !== null) {
    const id = Number(get[1]);
    return get[2] === 'judges' ? { kind: 'judge', id, line } : { kind: 'get', id, outcome: `${get[2]} ${get[3]}`, line };
  }
  const set = /^set (\d+) (settled|REJECTED)/.exec(line);
  if (set !== null) return { kind: 'set', version: Number(set[1]), outcome: set[2] === 'settled' ? 'settled' : 'rejected', line };
  return undefined;
}

/** The entries a run wrote during the command that just ran. */
function currentEntries(run: Run): readonly string[] {
  return run.log.slice(run.marks.at(-1) ?? 0);
}

/** A command's settlements, as a reader takes them in: `get#1 fulfilled 2, then set 2 settled`. */
function describe(entries: readonly string[]): string {
  const settled = entries.filter((entry) => settlementOf(entry) !== undefined);
  const calls = entries.filter((entry) => settlementOf(entry) === undefined && /^(peek|backlog) /.test(entry));
  const parts = [...calls, ...settled];
  return parts.length === 0 ? 'nothing settled' : parts.join(', then ');
}

/** The multiset difference `left - right` of two lists of entries. */
function minus(left: readonly string[], right: readonly string[]): string[] {
  const remaining = [...right];
  return left.filter((entry) => {
    const index = remaining.indexOf(entry);
    if (index === -1) return true;
    remaining.splice(index, 1);
    return false;
  });
}

/** Why two runs' entries for one command hold the same settlements in a different order. */
function clauseOfOrder(expected: readonly string[], observed: readonly string[], action: Action | undefined): string {
  const index = expected.findIndex((entry, position) => entry !== observed[position]);
  const left = settlementOf(expected[index] ?? '');
  const right = settlementOf(observed[index] ?? '');
  if (left?.kind === 'get' && right?.kind === 'get' && action?.kind === 'set') return 'GET-6';
  if (left?.kind === 'set' && right?.kind === 'set') return 'SYNC-4';
  return 'ORDER-2';
}

/** The clause a get's outcome breaks when it is not the model's, by what the model did. */
function clauseOfGetOutcome(outcome: string, run: Run): string {
  if (outcome.startsWith('fulfilled')) return run.sync ? 'SYNC-1' : 'ASYNC-1';
  if (outcome.includes('WatcherClosedError')) return 'CLOSE-3';
  if (outcome.includes('ConcurrentGetError')) return 'CONC-1';
  if (outcome.includes('signal reason')) return 'ABORT-1';
  return 'GET-1';
}

/**
 * The clause a settlement breaks when the model made it during this command and the
 * implementation did not (yet): the promise the spec settles within the call is late.
 */
function clauseOfLateness(missing: Settlement, observed: Run, action: Action | undefined, command: number): string {
  if (missing.kind === 'judge') return 'PRED-3';
  if (missing.kind === 'set') {
    if (missing.outcome === 'rejected') return 'SYNC-7';
    const set = observed.sets.find((record) => record.version === missing.version);
    if (set !== undefined && set.command === command) return !observed.sync ? 'ASYNC-3' : set.audience.length === 0 ? 'SYNC-3' : 'SYNC-6';
    return action?.kind === 'close' ? 'CLOSE-5' : 'SYNC-6';
  }
  const get = observed.gets[missing.id];
  const startedNow = get?.command === command;
  if (get?.via === 'step' && missing.outcome.includes('WatcherClosedError')) return 'ITER-2';
  if (startedNow) {
    if (missing.outcome.startsWith('fulfilled')) return 'GET-5';
    if (missing.outcome.includes('WatcherClosedError')) return 'CLOSE-3';
    if (missing.outcome.includes('ConcurrentGetError')) return 'CONC-1';
    if (missing.outcome.includes('signal reason')) return 'ABORT-3';
    return 'ERR-3';
  }
  switch (action?.kind) {
    case 'set':
      return 'GET-6';
    case 'close':
      return 'CLOSE-2';
    case 'abort':
      return 'ABORT-1';
    case 'leave':
      return 'ITER-3';
    case 'dispose':
      return 'DISPOSE-1';
    default:
      return 'ORDER-2';
  }
}

/** The clause whose sentence the difference between two runs' entries for one command breaks. */
function clauseOfDisagreement(expectedRun: Run, observedRun: Run, expected: readonly string[], observed: readonly string[], action: Action | undefined): string {
  if (minus(expected, observed).length === 0 && minus(observed, expected).length === 0) return clauseOfOrder(expected, observed, action);
  const calls = (entries: readonly string[]): string[] => entries.filter((entry) => settlementOf(entry) === undefined);
  const observedCalls = calls(observed);
  const differentCall = calls(expected).find((entry, index) => entry !== observedCalls[index]);
  if (differentCall?.startsWith('peek')) return 'PEEK-1';
  if (differentCall?.startsWith('backlog')) return 'SYNC-8';
  const missing = minus(expected, observed).map(settlementOf).find((settlement) => settlement !== undefined);
  const extra = minus(observed, expected).map(settlementOf).find((settlement) => settlement !== undefined);
  if (missing?.kind === 'get' && extra?.kind === 'get' && extra.id === missing.id) return clauseOfGetOutcome(missing.outcome, expectedRun);
  if (missing !== undefined) return clauseOfLateness(missing, observedRun, action, observedRun.command);
  // A settlement the model made in an earlier command is late: the clause of that command.
  const earlier = extra === undefined ? -1 : expectedRun.log.lastIndexOf(extra.line, (expectedRun.marks.at(-1) ?? 0) - 1);
  if (extra !== undefined && earlier !== -1) {
    const command = expectedRun.marks.findIndex((mark) => mark > earlier);
    return clauseOfLateness(extra, observedRun, expectedRun.actions[command], command);
  }
  if (extra?.kind === 'set') return extra.outcome === 'settled' ? 'SYNC-2' : 'VAL-4';
  if (extra?.kind === 'get') return extra.outcome.startsWith('fulfilled') ? 'GET-3' : clauseOfGetOutcome(extra.outcome, expectedRun);
  return 'ORDER-2';
}

/**
 * Compares what two runs wrote during the command that just ran (`action`; undefined when the
 * caller drives the runs itself), and throws a violation naming the clause the difference breaks,
 * with both entries: the first run's as expected, the other's as observed.
 */
export function compareLogs(expectedRun: Run, observedRun: Run, action: Action | undefined, label: string): void {
  const expected = currentEntries(expectedRun);
  const observed = currentEntries(observedRun);
  if (expected.length === observed.length && expected.every((entry, index) => entry === observed[index])) return;
  const clause = clauseOfDisagreement(expectedRun, observedRun, expected, observed, action);
  violation(
    clause,
    `${observedRun.name} and ${expectedRun.name} disagree after command #${expectedRun.command + 1} (${label}): expected ${describe(expected)}; observed ${describe(observed)}`,
  );
}
