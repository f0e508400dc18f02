/**
 * The kit's checks that drive the implementation with random command sequences (the harness of
 * this project's own properties): one per aspect of the design, one for the idioms, one that
 * records each run and judges the trace with the trace checker, and, in the strict profile, the
 * comparison of every observation with the reference model.
 *
 * Every one of them waits after each command until the microtask queue has drained, so that an
 * implementation may settle its promises a few microtasks late (docs/spec.md, section 16); the
 * strict comparison alone waits one microtask turn.
 *
 * @module
 */

import fc from 'fast-check';
import { Recorder } from '../trace/recorder.js';
import { checkTrace } from '../trace/check.js';
import { parseTrace } from '../trace/format.js';
import { aspects, cancellation, close, coalescing, concurrentGet, monotonicity, predicate, syncLog, type Aspect } from '../../properties/aspects/index.js';
import { actionsOf, boundedWeights, commandsArbitrary, defaultWeights, Harness, idiomWeights, type Weights } from '../../properties/harness/commands.js';
import { aspectProperty, equivalenceProperty, modelFactory, runCommands, type Timing as HarnessTiming } from '../../properties/harness/property.js';
import { Run, type Factory } from '../../properties/harness/run.js';
import { maxCommands } from '../../properties/harness/settings.js';
import { settingAside, violatedClause, violation } from '../../properties/harness/violation.js';
import { clauses } from '../clauses.js';
import { reproduceSequence } from '../reproduction.js';
import { clausesOfFeature } from '../features.js';
import { calls } from './calls.js';
import { declaredOnly, harnessFactory } from './capabilities.js';
import type { Check, CheckContext, CheckOutcome, Mode, RunRequest } from './check.js';

/** A property over whether the run starts set (VAL-7) and the command sequence. */
type SequenceProperty = fc.IAsyncPropertyWithHooks<[boolean, Iterable<fc.AsyncCommand<{ watchers: number }, Harness>>]>;

/** What a check driven by command sequences needs besides its identity. */
interface SequenceDefinition {
  readonly id: string;
  readonly title: string;
  readonly clauses: readonly string[];
  readonly independent: boolean;
  readonly mode: Mode;
  /** Whether the order within one call counts for the reproduction (the strict profile). */
  readonly exact: boolean;
  /** The clause a failure is filed under when its message names none (an exception of the implementation). */
  readonly fallback: string;
  readonly property: (context: CheckContext, replayPath: string | undefined) => SequenceProperty;
}

/** The harness's timing for the kit's timing: promises may settle a few microtasks late. */
function harnessTiming(context: CheckContext): HarnessTiming {
  return context.timing === 'remote' ? 'remote' : 'prompt';
}

/** The replay path fast-check prints after a command sequence (`replayPath="..."`), if any. */
function replayPathOf(commands: unknown): string | undefined {
  return /replayPath="([^"]*)"/.exec(String(commands))?.[1];
}

/** The message of what a failing property threw, on one line. */
export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/** A check made of a command-sequence property: runs it, and turns a failure into a report. */
function sequenceCheck(definition: SequenceDefinition): Check {
  return {
    id: definition.id,
    title: definition.title,
    clauses: definition.clauses,
    independent: definition.independent,
    async run(context: CheckContext, request: RunRequest): Promise<CheckOutcome> {
      const [fcPath, replayPath] = (request.path ?? '').split('@');
      const replaying = fcPath !== undefined && fcPath !== '';
      const property = definition.property(context, replaying ? replayPath : undefined);
      const parameters = replaying ? { seed: context.seed, path: fcPath, endOnFailure: true } : { seed: context.seed, numRuns: context.runs };
      const result = await settingAside(request.setAside, () => fc.check(property, parameters));
      if (!result.failed) return { kind: 'passed' };
      const message = messageOf(result.errorInstance);
      const [initial, commands] = result.counterexample ?? [false, []];
      const actions = actionsOf(commands);
      const reproduction = await reproduceSequence(harnessFactory(context), {
        actions,
        sync: definition.mode === 'sync',
        initial,
        exact: definition.exact,
        remote: context.timing === 'remote',
        layered: !context.features.has('idioms') && actions.some((action) => ['step', 'leave', 'dispose'].includes(action.kind) || (action.kind === 'get' && action.predicate !== 'none') || (action.kind === 'watch' && action.view)),
      });
      const replay = replayPathOf(commands);
      const clause = violatedClause(message) ?? definition.fallback;
      const found = message.replace(/^[A-Z]+-\d+ violated: /, '');
      return {
        kind: 'failed',
        clause,
        message: found,
        sequence: actions.length === 0 ? '' : String(commands).replace(/ \/\*.*\*\/$/, ''),
        // A fault that changes no outcome (an abort listener left behind) shows at the last step,
        // where the check saw it: the clause's sentence against what the check found.
        reproduction:
          reproduction.step === undefined
            ? { ...reproduction, step: reproduction.script.length - 1, expected: clauses.find((candidate) => candidate.id === clause)?.text, observed: found }
            : reproduction,
        seed: context.seed,
        path: `${definition.id}@${result.counterexamplePath ?? ''}${replay === undefined ? '' : `@${replay}`}`,
      };
    },
  };
}

/** The clauses an aspect decides in a mode, for what the implementation declares. */
function decided(clauses: readonly string[], mode: Mode, context: CheckContext): string[] {
  return clauses.filter((clause) => {
    if (mode === 'async' && clausesOfFeature.sync.includes(clause)) return false;
    if (mode === 'sync' && clause.startsWith('ASYNC-')) return false;
    if (clause === 'SYNC-7') return context.features.has('bounded-set');
    if (clause === 'SYNC-8') return context.features.has('backlog');
    if (clause === 'VAL-7') return context.features.has('initial');
    if (clause === 'VAL-5' || clause === 'ASYNC-3') return context.timing === 'in-memory';
    return true;
  });
}

/**
 * What each aspect decides in the kit: its own clauses, less GET-7 (whose order of reasons needs
 * invalid options, see the bad-input checks), plus those its checks also hold.
 */
function creditsOf(aspect: Aspect): readonly string[] {
  const own = aspect.clauses.filter((clause) => clause !== 'GET-7');
  if (aspect === monotonicity) return ['WATCH-3', ...own];
  if (aspect === coalescing) return [...own, 'VAL-5', 'VAL-6'];
  if (aspect === syncLog) return ['GET-2', 'GET-5', 'GET-6', 'VAL-6', ...own];
  if (aspect === concurrentGet || aspect === close) return [...own, 'ERR-1'];
  if (aspect.title === 'reading without waiting') return [...own, 'PEEK-2', 'VAL-7'];
  return own;
}

/** The command mix of an aspect, with only what the implementation declares. */
function weightsFor(weights: Weights, mode: Mode, context: CheckContext): Weights {
  return { ...weights, bounded: mode === 'sync' && context.features.has('bounded-set') ? Math.max(weights.bounded, boundedWeights.bounded) : 0 };
}

/** A slug for an id: `newest-value coalescing` becomes `newest-value-coalescing`. */
function slug(title: string): string {
  return title.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
}

/** One check per aspect of the design, run on the implementation alone. */
function aspectChecks(mode: Mode, context: CheckContext): Check[] {
  return [...aspects, calls]
    .filter((candidate) => candidate.modes.includes(mode))
    .map((candidate) =>
      sequenceCheck({
        id: `${mode}/${slug(candidate.title)}`,
        title: `${candidate.title}, ${mode} mode`,
        clauses: decided(creditsOf(candidate), mode, context),
        independent: true,
        mode,
        exact: false,
        fallback: candidate.clauses[0] ?? 'GET-1',
        property: (checkContext, replayPath) =>
          aspectProperty(
            { ...candidate, weights: weightsFor(candidate.weights, mode, checkContext) },
            harnessFactory(checkContext),
            mode,
            harnessTiming(checkContext),
            { initial: checkContext.features.has('initial') },
            replayPath,
          ),
      }),
    );
}

/** The idioms of section 13, on the implementation's own watchers or the layer over them. */
function idiomCheck(mode: Mode, context: CheckContext): Check {
  const parts = [monotonicity, concurrentGet, cancellation, close, predicate, mode === 'async' ? coalescing : syncLog];
  const combined: Aspect = {
    title: 'the idioms',
    clauses: [],
    modes: [mode],
    weights: weightsFor(idiomWeights, mode, context),
    check: (run) => {
      for (const part of parts) part.check(run);
    },
  };
  const whose = context.features.has('idioms') ? 'its own' : 'the layer over its watchers';
  return sequenceCheck({
    id: `${mode}/idioms`,
    title: `the idioms (${whose}) among gets, sets and closes, ${mode} mode`,
    clauses: ['ITER-1', 'ITER-2', 'ITER-3', 'ITER-4', 'ITER-5', 'DISPOSE-1', 'PRED-1', 'PRED-2', 'PRED-4', 'PRED-5'],
    independent: true,
    mode,
    exact: false,
    fallback: 'ITER-1',
    property: (checkContext, replayPath) =>
      aspectProperty(combined, harnessFactory(checkContext), mode, harnessTiming(checkContext), { initial: checkContext.features.has('initial') }, replayPath),
  });
}

/** The clauses the trace checker judges, in a mode. */
const traceClauses = [
  'VAL-2', 'VAL-5', 'WATCH-1', 'WATCH-2', 'WATCH-3', 'GET-1', 'GET-2', 'GET-3', 'GET-4', 'GET-5', 'GET-6', 'ASYNC-1', 'ASYNC-2',
  'SYNC-1', 'SYNC-2', 'SYNC-5', 'CONC-1', 'CONC-2', 'ABORT-1', 'ABORT-2', 'ABORT-3', 'ABORT-4', 'CLOSE-1', 'CLOSE-2', 'CLOSE-3', 'CLOSE-5', 'PEEK-2',
];

/**
 * Each run recorded with the `Recorder`, ended quiescent (the harness has let every microtask
 * run, and makes no more calls), and judged by the trace checker: the outcomes must be
 * linearizable, whatever the order of settlements within one call.
 */
export function tracedProperty(factory: Factory, mode: Mode, replayPath?: string): SequenceProperty {
  const weights: Weights = { ...defaultWeights, bounded: 0 };
  return fc.asyncProperty(fc.constant(false), commandsArbitrary(weights, maxCommands, replayPath), async (_initial, commands) => {
    const recorder = new Recorder(mode);
    const run = new Run('implementation', mode === 'sync', (options) => recorder.record(factory(options)));
    await runCommands(new Harness([run], [], 'quiescent'), commands);
    await new Promise((resolve) => setImmediate(resolve));
    recorder.endQuiescent();
    const verdict = checkTrace(parseTrace(recorder.text()));
    if (verdict.verdict === 'illegal') violation(verdict.clause, `the recorded trace is illegal ${verdict.line === 'end' ? 'at its quiescent end' : `at line ${verdict.line}`}: ${verdict.message}`);
    if (verdict.verdict === 'unknown') throw new Error(`the trace checker reached no verdict: ${verdict.reason}`);
  });
}

function traceCheck(mode: Mode, context: CheckContext): Check {
  return sequenceCheck({
    id: `${mode}/trace`,
    title: `recorded traces judged by the trace checker, ${mode} mode`,
    clauses: decided(traceClauses, mode, context),
    independent: false,
    mode,
    exact: false,
    fallback: 'GET-1',
    property: (context, replayPath) => tracedProperty(harnessFactory(context), mode, replayPath),
  });
}

/** The strict profile: every observation compared with the reference model's, in order. */
function strictCheck(mode: Mode, context: CheckContext): Check {
  const timing: HarnessTiming = context.timing === 'remote' ? 'remote' : 'in-memory';
  const timed = ['GET-5', 'GET-6', 'CLOSE-2', 'CLOSE-3', 'CONC-1', 'ABORT-1', 'ABORT-3', ...(mode === 'async' ? ['ASYNC-3'] : ['SYNC-3', 'SYNC-4', 'SYNC-6', 'CLOSE-5'])];
  return sequenceCheck({
    id: `${mode}/strict-order`,
    title: `every observation, in order, against the reference model (strict-order), ${mode} mode`,
    clauses: ['ORDER-1', 'ORDER-2', ...(context.timing === 'remote' ? [] : timed)],
    independent: true,
    mode,
    exact: true,
    fallback: 'ORDER-2',
    property: (checkContext, replayPath) =>
      equivalenceProperty(
        harnessFactory(checkContext),
        mode,
        [],
        // More watchers and gets than the default mix: orders show among several waiting gets.
        weightsFor({ ...defaultWeights, watch: 3, get: 6, bounded: 2 }, mode, checkContext),
        timing,
        { initial: checkContext.features.has('initial') },
        replayPath,
        // The model, with only what the implementation declares, so that both are asked the same.
        (options) => declaredOnly(modelFactory(options), checkContext),
      ),
  });
}

/** Every check driven by command sequences, for one mode. */
export function sequenceChecks(mode: Mode, context: CheckContext): Check[] {
  return [
    ...aspectChecks(mode, context),
    idiomCheck(mode, context),
    ...(context.timing === 'remote' ? [] : [traceCheck(mode, context)]),
    ...(context.features.has('strict-order') ? [strictCheck(mode, context)] : []),
  ];
}
