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

/** What an implementation offers beyond the core, so that the properties may use it. */
export interface Offers {
  /** It takes `{ initial }` at construction (VAL-7), so runs may start set. */
  readonly initial?: boolean;
}

/** Whether a run starts set (VAL-7): drawn when the implementation can, never otherwise. */
function initialArbitrary(offers: Offers): fc.Arbitrary<boolean> {
  return offers.initial === true ? fc.boolean() : fc.constant(false);
}

/** One aspect's checks, after every command, on one implementation in one mode. */
export function aspectProperty(
  aspect: Aspect,
  factory: Factory,
  mode: Mode,
  timing: Timing = 'in-memory',
  offers: Offers = {},
): fc.IAsyncPropertyWithHooks<[boolean, Iterable<fc.AsyncCommand<{ watchers: number }, Harness>>]> {
  const turns = timing === 'remote' ? 'remote' : turnsFor(aspect.weights);
  return fc.asyncProperty(initialArbitrary(offers), commandsArbitrary(aspect.weights, maxCommands), (initial, commands) =>
    runCommands(new Harness([new Run('implementation', mode === 'sync', factory, initial)], [aspect.check], turns), commands),
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
  offers: Offers = {},
): fc.IAsyncPropertyWithHooks<[boolean, Iterable<fc.AsyncCommand<{ watchers: number }, Harness>>]> {
  const turns = timing === 'remote' ? 'remote' : turnsFor(weights);
  const checks = aspects.filter((aspect) => aspect.modes.includes(mode)).map((aspect) => aspect.check);
  return fc.asyncProperty(initialArbitrary(offers), commandsArbitrary(weights, maxCommands), (initial, commands) =>
    runCommands(
      new Harness([new Run('model', mode === 'sync', modelFactory, initial), new Run('implementation', mode === 'sync', factory, initial)], checks, turns),
      commands,
    ),
  );
}

/** The parameters of every property in `npm test`: a fixed seed, a fixed number of runs. */
export function parameters(runs: number = numRuns): fc.Parameters<unknown> {
  return { seed, numRuns: runs, endOnFailure: false };
}
