/**
 * Re-entrancy (RE-1 to RE-4): the scheduled races of this project, ported into the kit. Consumers
 * set, watch, close and abort from their continuations, abort listeners set, close or get before
 * or after the implementation's own, and fast-check's scheduler picks the order of every
 * continuation. By default each race is recorded and its trace judged by the trace checker; in
 * the strict profile it is also run against the reference model, call for call, which must agree
 * on every outcome. RE-4, a consumer that awaits its own set, is a scenario.
 *
 * @module
 */

import fc from 'fast-check';
import { Recorder } from '../trace/recorder.js';
import { checkTrace } from '../trace/check.js';
import { parseTrace } from '../trace/format.js';
import type { ValueCore } from '../../src/types.js';
import { settingAside, violatedClause, violation } from '../../properties/harness/violation.js';
import { driveScenario, runScenario, scenarioArbitrary, type Outcome, type Scenario } from '../races/scenario.js';
import type { Check, CheckContext, CheckOutcome, Mode, RunRequest } from './check.js';
import { messageOf } from './sequences.js';
import { scenarioCheck } from './script.js';

/** The ends every race must reach: consumers finished, sets settled, versions in order (GET-4, SYNC-1). */
function checkEnds(outcome: Outcome, scenario: Scenario): void {
  if (outcome.unfinished > 0) violation('CLOSE-2', `${outcome.unfinished} consumer(s) still wait although every watcher was closed`);
  if (outcome.unsettledSets > 0) violation('CLOSE-5', `${outcome.unsettledSets} set(s) unsettled although every watcher was closed`);
  outcome.received.forEach((versions, index) => {
    versions.forEach((version, position) => {
      const previous = versions[position - 1];
      if (previous !== undefined && version <= previous) violation('GET-4', `consumer ${index} received version ${version} after version ${previous}`);
    });
    const first = outcome.firstExpected[index] ?? 1;
    if (scenario.mode === 'sync' && versions.some((version, position) => version !== first + position)) {
      violation('SYNC-1', `consumer ${index} received ${versions.join(', ')}; expected consecutive versions from ${first}`);
    }
  });
}

/** One race, recorded: the trace must be legal, and the race must reach its ends. */
async function recordedRace(factory: (options: { sync: boolean }) => ValueCore<number>, scheduler: fc.Scheduler, scenario: Scenario, traces: string[]): Promise<void> {
  const recorder = new Recorder(scenario.mode);
  const outcome = await driveScenario(scheduler, scenario, recorder.record(factory({ sync: scenario.mode === 'sync' })));
  recorder.endQuiescent();
  traces.push(recorder.text());
  const verdict = checkTrace(parseTrace(recorder.text()));
  if (verdict.verdict === 'illegal') violation(verdict.clause, `the recorded race is illegal ${verdict.line === 'end' ? 'at its quiescent end' : `at line ${verdict.line}`}: ${verdict.message}`);
  if (verdict.verdict === 'unknown') throw new Error(`the trace checker reached no verdict: ${verdict.reason}`);
  checkEnds(outcome, scenario);
}

/** One race against the model, call for call (the strict profile). */
async function pairedRace(factory: (options: { sync: boolean }) => ValueCore<number>, scheduler: fc.Scheduler, scenario: Scenario): Promise<void> {
  const outcome = await runScenario(scheduler, scenario, factory);
  if (outcome.disagreements.length > 0) violation('ORDER-2', `the implementation and the model disagree in a race: ${outcome.disagreements[0]}`);
  checkEnds(outcome, scenario);
}

/** A race check: recorded by default, paired with the model in the strict profile. */
function raceCheck(mode: Mode, strict: boolean): Check {
  const id = `${mode}/${strict ? 'strict-races' : 'races'}`;
  return {
    id,
    title: strict ? `scheduled races, every outcome against the model (strict-order), ${mode} mode` : `scheduled races with re-entrant calls, judged by the trace checker, ${mode} mode`,
    clauses: strict ? ['ORDER-1', 'ORDER-2'] : ['RE-1', 'RE-2', 'RE-3', 'ORDER-1'],
    independent: false,
    async run(context: CheckContext, request: RunRequest): Promise<CheckOutcome> {
      const factory = (options: { sync: boolean }): ValueCore<number> => context.factory(options) as ValueCore<number>;
      const traces: string[] = [];
      const property = fc.asyncProperty(fc.scheduler(), scenarioArbitrary.map((scenario) => ({ ...scenario, mode })), (scheduler, scenario) =>
        strict ? pairedRace(factory, scheduler, scenario) : recordedRace(factory, scheduler, scenario, traces),
      );
      const path = request.path;
      const parameters = path === undefined ? { seed: context.seed, numRuns: Math.max(1, Math.ceil(context.runs / 4)) } : { seed: context.seed, path, endOnFailure: true };
      const result = await settingAside(request.setAside, () => fc.check(property, parameters));
      if (!result.failed) return { kind: 'passed' };
      // Replays the counterexample alone, so that the last trace recorded is its own.
      const failedPath = result.counterexamplePath ?? '';
      if (!strict) await fc.check(property, { seed: context.seed, path: failedPath, endOnFailure: true });
      const message = messageOf(result.errorInstance);
      const [scheduler, scenario] = result.counterexample ?? [undefined, undefined];
      const trace = traces.at(-1)?.trimEnd().split('\n') ?? [];
      return {
        kind: 'failed',
        clause: violatedClause(message) ?? 'RE-1',
        message: message.replace(/^[A-Z]+-\d+ violated: /, ''),
        sequence: '',
        reproduction: {
          script: [
            '// The race (conformance/races/scenario.ts), as fast-check drew it:',
            `// ${JSON.stringify(scenario)}`,
            '// The order of continuations the scheduler chose:',
            ...String(scheduler).split('\n').map((line) => `// ${line}`),
            ...(trace.length === 0 ? [] : ['// The recorded trace; judge it with: event-value check-trace - <<\'EOF\'', ...trace, 'EOF']),
          ],
          step: undefined,
          expected: undefined,
          observed: undefined,
        },
        seed: context.seed,
        path: `${id}@${failedPath}`,
      };
    },
  };
}

/** RE-4: a sync-mode consumer that awaits its own set waits for itself, and closing first frees it. */
function ownSet(): Check {
  return scenarioCheck('sync', {
    id: 're-entrancy/own-set',
    title: 'a consumer that awaits, in its own loop, a set of the same value waits for itself',
    clauses: ['RE-4'],
    async run(script) {
      const value = script.value();
      const watcher = script.call('WATCH-1', 'const w0 = v.watch();', () => value.watch());
      script.call('VAL-4', 'void v.set(1);', () => void value.set(1));
      const first = script.track('GET-1', 'g0', 'w0.get()', () => watcher.get());
      await script.tick();
      script.expectResolved('GET-2', first, 'g0', 1);
      script.note('in the consumer\u2019s loop, after receiving 1: await v.set(2)');
      const own = script.track('VAL-4', 's2', 'v.set(2)', () => Promise.resolve(value.set(2)));
      await script.tick();
      script.expectPending('RE-4', own, 's2');
      const second = script.track('GET-1', 'g1', 'w0.get()', () => watcher.get());
      await script.tick();
      script.expectResolved('RE-4', second, 'g1', 2);
      script.expect('RE-4', own.outcome.state === 'fulfilled', 's2 resolved once w0 received version 2', `s2 ${own.outcome.state === 'pending' ? 'still pending' : 'rejected'}`);
      const closing = script.track('VAL-4', 's3', 'v.set(3)', () => Promise.resolve(value.set(3)));
      script.call('CLOSE-1', 'w0.close(); // a consumer that closes its watcher first is never stuck', () => watcher.close());
      await script.tick();
      script.expect('RE-4', closing.outcome.state === 'fulfilled', 's3 resolved once w0 was closed', `s3 ${closing.outcome.state === 'pending' ? 'still pending' : 'rejected'}`);
    },
  });
}

/** The re-entrancy checks for one mode. */
export function raceChecks(mode: Mode, context: CheckContext): Check[] {
  if (context.timing === 'remote') return mode === 'sync' ? [ownSet()] : [];
  return [raceCheck(mode, false), ...(context.features.has('strict-order') ? [raceCheck(mode, true)] : []), ...(mode === 'sync' ? [ownSet()] : [])];
}
