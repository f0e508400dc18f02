/**
 * The trace checker on histories legal by construction (properties/histories): a random program
 * of 2 to 8 threads runs against the reference model, its intervals are widened at random and its
 * recording cut or ended quiescent. Every such history must be judged `ok`, with a linearization
 * that the model replays; every certainly illegal single-outcome mutation of one must be judged
 * `illegal`, for the clause it breaks, at the operation it changed.
 *
 * Each property also counts what the histories held, and fails if a kind of history (a pending
 * get, a split by watcher, a quiescent end, ...) or a kind of mutation never came up: a generator
 * that stopped making them would otherwise pass unseen.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTrace } from '../conformance/trace/check.js';
import { parseTrace } from '../conformance/trace/format.js';
import { split } from '../conformance/trace/partition.js';
import { linearizationProblem } from './brute-force/linearization.js';
import { generate, random, traceText, type GeneratedHistory } from './histories/generate.js';
import { mutations } from './histories/mutations.js';
import { planArbitrary } from './histories/plan.js';
import { parameters } from './harness/property.js';
import { numRuns } from './harness/settings.js';

const modes = ['async', 'sync'] as const;

/** What a history held, for the counts. */
function features(history: GeneratedHistory, parts: number): string[] {
  const found: string[] = [];
  const operations = history.operations.filter((operation) => operation.call !== undefined);
  if (operations.some((operation) => operation.kind === 'get' && operation.return === undefined)) found.push('a pending get');
  if (operations.some((operation) => operation.kind !== 'get' && operation.return === undefined)) found.push('another pending operation');
  if (operations.some((operation) => operation.kind === 'get' && operation.last !== undefined && operation.last > operation.first)) found.push('a get that waited');
  if (operations.some((operation) => operation.returned !== undefined && 'error' in operation.returned && operation.returned.error === 'ConcurrentGetError')) found.push('a concurrent get');
  if (operations.some((operation) => operation.returned !== undefined && 'error' in operation.returned && operation.returned.error === 'aborted')) found.push('an aborted get');
  if (operations.some((operation) => operation.returned !== undefined && 'error' in operation.returned && operation.returned.error === 'WatcherClosedError')) found.push('a get on a closed watcher');
  found.push(history.quiescent ? 'a quiescent end' : 'a cut');
  if (parts > 1) found.push('a split by watcher');
  if (new Set(operations.map((operation) => operation.thread)).size >= 6) found.push('six threads or more');
  return found;
}

describe('histories legal by construction', () => {
  for (const mode of modes) {
    it(`are judged ok, with a linearization the model replays [${mode} mode]`, async () => {
      const seen = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(planArbitrary({ maxSteps: 40, maxThreads: 8, mode }), async (plan) => {
          const history = await generate(plan);
          const trace = parseTrace(traceText(history.records));
          const verdict = checkTrace(trace);
          expect(verdict).toMatchObject({ verdict: 'ok' });
          if (verdict.verdict === 'ok') expect(await linearizationProblem(trace, verdict.linearization)).toBeUndefined();
          for (const feature of features(history, split(trace).length)) seen.set(feature, (seen.get(feature) ?? 0) + 1);
        }),
        parameters(Math.ceil(numRuns / 2)),
      );
      expect([...seen.keys()].sort()).toEqual(
        ['a concurrent get', 'a cut', 'a get on a closed watcher', 'a get that waited', 'a pending get', 'a quiescent end', 'a split by watcher', 'an aborted get', 'another pending operation', 'six threads or more'],
      );
    }, 60_000);

    it(`mutated into a certainly illegal outcome are judged illegal, for the clause and at the operation [${mode} mode]`, async () => {
      const seen = new Set<string>();
      await fc.assert(
        fc.asyncProperty(planArbitrary({ maxSteps: 40, maxThreads: 8, mode }), async (plan) => {
          const history = await generate(plan);
          for (const mutation of mutations(history, random(plan.seed ^ 0x5bd1e995))) {
            const verdict = checkTrace(parseTrace(traceText(mutation.records)));
            expect({ mutation: mutation.name, verdict }).toMatchObject({ verdict: { verdict: 'illegal', clause: mutation.clause, operation: mutation.operation } });
            seen.add(mutation.clause);
          }
        }),
        parameters(Math.ceil(numRuns / 4)),
      );
      const expected = ['ABORT-1', 'ABORT-3', 'CLOSE-3', 'CONC-1', 'GET-1', 'GET-5', ...(mode === 'async' ? ['ASYNC-1', 'GET-4'] : ['SYNC-1', 'SYNC-2'])];
      expect([...seen].sort()).toEqual(expected.sort());
    }, 60_000);
  }
});
