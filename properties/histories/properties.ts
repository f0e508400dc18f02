/**
 * The properties of the trace checker on generated histories, shared by `npm test` (fixed seeds,
 * with counts of what the histories held) and `npm run fuzz` (fresh seeds).
 *
 * @module
 */

import fc from 'fast-check';
import { checkTrace } from '../../conformance/trace/check.js';
import { parseTrace, type Trace } from '../../conformance/trace/format.js';
import { linearizationProblem } from '../brute-force/linearization.js';
import { generate, random, traceText, type GeneratedHistory } from './generate.js';
import { mutations, type Mutation } from './mutations.js';
import { planArbitrary } from './plan.js';

/** Every history legal by construction is judged `ok`, with a linearization the model replays; `seen` is told of each. */
export function legalHistories(mode: 'async' | 'sync', seen: (history: GeneratedHistory, trace: Trace) => void = () => {}) {
  return fc.asyncProperty(planArbitrary({ maxSteps: 40, maxThreads: 8, mode }), async (plan) => {
    const history = await generate(plan);
    const trace = parseTrace(traceText(history.records));
    const verdict = checkTrace(trace);
    if (verdict.verdict !== 'ok') throw new Error(`a history legal by construction was judged ${JSON.stringify(verdict)}`);
    const problem = await linearizationProblem(trace, verdict.linearization);
    if (problem !== undefined) throw new Error(`the linearization reported does not explain the history: ${problem}`);
    seen(history, trace);
  });
}

/** Every certainly illegal mutation of such a history is judged `illegal`, for its clause, at its operation. */
export function illegalMutations(mode: 'async' | 'sync', seen: (mutation: Mutation) => void = () => {}) {
  return fc.asyncProperty(planArbitrary({ maxSteps: 40, maxThreads: 8, mode }), async (plan) => {
    const history = await generate(plan);
    for (const mutation of mutations(history, random(plan.seed ^ 0x5bd1e995))) {
      const verdict = checkTrace(parseTrace(traceText(mutation.records)));
      if (verdict.verdict !== 'illegal' || verdict.clause !== mutation.clause || verdict.operation !== mutation.operation) {
        throw new Error(`${mutation.name}: expected ${mutation.clause} at ${mutation.operation ?? 'the end'}, got ${JSON.stringify(verdict)}`);
      }
      seen(mutation);
    }
  });
}
