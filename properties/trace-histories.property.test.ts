/**
 * The trace checker on histories legal by construction (properties/histories): a random program
 * of 2 to 8 threads runs against the reference model, its intervals are widened at random and its
 * recording cut or ended quiescent. Every such history must be judged `ok`, with a linearization
 * that the model replays; every certainly illegal single-outcome mutation of one must be judged
 * `illegal`, for the clause it breaks, at the operation it changed.
 *
 * Each test also counts what the histories held, and fails if a kind of history (a pending get, a
 * split by watcher, a quiescent end, ...) or a kind of mutation never came up: a generator that
 * stopped making them would otherwise pass unseen.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Trace } from '../conformance/trace/format.js';
import { split } from '../conformance/trace/partition.js';
import type { GeneratedHistory } from './histories/generate.js';
import { illegalMutations, legalHistories } from './histories/properties.js';
import { parameters } from './harness/property.js';
import { numRuns } from './harness/settings.js';

/** What a history held, for the counts. */
function features(history: GeneratedHistory, trace: Trace): string[] {
  const found: string[] = [];
  const operations = history.operations.filter((operation) => operation.call !== undefined);
  const failed = (error: string): boolean => operations.some((operation) => operation.returned !== undefined && 'error' in operation.returned && operation.returned.error === error);
  if (operations.some((operation) => operation.kind === 'get' && operation.return === undefined)) found.push('a pending get');
  if (operations.some((operation) => operation.kind !== 'get' && operation.return === undefined)) found.push('another pending operation');
  if (operations.some((operation) => operation.kind === 'get' && operation.last !== undefined && operation.last > operation.first)) found.push('a get that waited');
  if (failed('ConcurrentGetError')) found.push('a concurrent get');
  if (failed('aborted')) found.push('an aborted get');
  if (failed('WatcherClosedError')) found.push('a get on a closed watcher');
  found.push(history.quiescent ? 'a quiescent end' : 'a cut');
  if (split(trace).length > 1) found.push('a split by watcher');
  if (new Set(operations.map((operation) => operation.thread)).size >= 6) found.push('six threads or more');
  return found;
}

describe('histories legal by construction', () => {
  for (const mode of ['async', 'sync'] as const) {
    it(`are judged ok, with a linearization the model replays [${mode} mode]`, async () => {
      const seen = new Set<string>();
      await fc.assert(
        legalHistories(mode, (history, trace) => {
          for (const feature of features(history, trace)) seen.add(feature);
        }),
        parameters(Math.ceil(numRuns / 2)),
      );
      expect([...seen].sort()).toEqual(
        ['a concurrent get', 'a cut', 'a get on a closed watcher', 'a get that waited', 'a pending get', 'a quiescent end', 'a split by watcher', 'an aborted get', 'another pending operation', 'six threads or more'],
      );
    }, 60_000);

    it(`mutated into a certainly illegal outcome are judged illegal, for the clause and at the operation [${mode} mode]`, async () => {
      const seen = new Set<string>();
      await fc.assert(
        illegalMutations(mode, (mutation) => seen.add(mutation.clause)),
        parameters(Math.ceil(numRuns / 4)),
      );
      const expected = ['ABORT-1', 'ABORT-3', 'CLOSE-3', 'CONC-1', 'GET-1', 'GET-5', ...(mode === 'async' ? ['ASYNC-1', 'GET-4'] : ['SYNC-1', 'SYNC-2'])];
      expect([...seen].sort()).toEqual(expected.sort());
    }, 60_000);
  }
});
