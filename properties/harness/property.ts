/**
 * Builds the fast-check properties: one aspect's checks on one implementation, or the full
 * comparison of an implementation with the reference model.
 *
 * @module
 */

import fc from 'fast-check';
import { ModelValue } from '../../model/model-value.js';
import type { Aspect, Mode } from '../aspects/aspect.js';
import { commandsArbitrary, Harness, turnsFor, type Weights } from './commands.js';
import { Run, type Factory } from './run.js';
import { maxCommands, numRuns, seed } from './settings.js';

/** The reference model as a factory. */
export const modelFactory: Factory = (options) => new ModelValue<number>(options);

/** Drives the commands through a fresh harness. */
function runCommands(harness: Harness, commands: Iterable<fc.AsyncCommand<{ watchers: number }, Harness>>): Promise<void> {
  return fc.asyncModelRun(() => ({ model: { watchers: 0 }, real: harness }), commands);
}

/** One aspect's checks, after every command, on one implementation in one mode. */
export function aspectProperty(
  aspect: Aspect,
  factory: Factory,
  mode: Mode,
  timing: Timing = 'in-memory',
): fc.IAsyncPropertyWithHooks<[Iterable<fc.AsyncCommand<{ watchers: number }, Harness>>]> {
  const turns = timing === 'remote' ? 'remote' : turnsFor(aspect.weights);
  return fc.asyncProperty(commandsArbitrary(aspect.weights, maxCommands), (commands) =>
    runCommands(new Harness([new Run('implementation', mode === 'sync', factory)], [aspect.check], turns), commands),
  );
}

/**
 * When an implementation's calls take effect: `in-memory` within the call (the spec's timing),
 * or `remote` once the promise of each set has settled (an implementation over a network).
 */
export type Timing = 'in-memory' | 'remote';

/**
 * The implementation and the model driven side by side: every call and settlement, in order,
 * must be the same, and every aspect's checks hold on both.
 */
export function equivalenceProperty(
  factory: Factory,
  mode: Mode,
  aspects: readonly Aspect[],
  weights: Weights,
  timing: Timing = 'in-memory',
): fc.IAsyncPropertyWithHooks<[Iterable<fc.AsyncCommand<{ watchers: number }, Harness>>]> {
  const turns = timing === 'remote' ? 'remote' : turnsFor(weights);
  const checks = aspects.filter((aspect) => aspect.modes.includes(mode)).map((aspect) => aspect.check);
  return fc.asyncProperty(commandsArbitrary(weights, maxCommands), (commands) =>
    runCommands(
      new Harness([new Run('model', mode === 'sync', modelFactory), new Run('implementation', mode === 'sync', factory)], checks, turns),
      commands,
    ),
  );
}

/** The parameters of every property in `npm test`: a fixed seed, a fixed number of runs. */
export function parameters(runs: number = numRuns): fc.Parameters<unknown> {
  return { seed, numRuns: runs, endOnFailure: false };
}
