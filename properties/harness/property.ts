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
export function runCommands(harness: Harness, commands: Iterable<fc.AsyncCommand<{ watchers: number }, Harness>>): Promise<void> {
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

/** How long the harness waits after each command, for a timing and a command mix. */
export function turnsOf(timing: Timing, weights: Weights): number | 'quiescent' | 'remote' {
  return timing === 'remote' ? 'remote' : timing === 'prompt' ? 'quiescent' : turnsFor(weights);
}

/** One aspect's checks, after every command, on one implementation in one mode. */
export function aspectProperty(
  aspect: Aspect,
  factory: Factory,
  mode: Mode,
  timing: Timing = 'in-memory',
  offers: Offers = {},
  replayPath?: string,
): fc.IAsyncPropertyWithHooks<[boolean, Iterable<fc.AsyncCommand<{ watchers: number }, Harness>>]> {
  const turns = turnsOf(timing, aspect.weights);
  return fc.asyncProperty(initialArbitrary(offers), commandsArbitrary(aspect.weights, maxCommands, replayPath), (initial, commands) =>
    runCommands(new Harness([new Run('implementation', mode === 'sync', factory, initial)], [aspect.check], turns), commands),
  );
}

/**
 * When an implementation's calls take effect and its promises settle: `in-memory` within the call
 * (MemoryValue's exact timing, checked one microtask turn after each command); `prompt` within
 * the call, with promises that may settle a few microtasks later (what every implementation must
 * meet, checked once the microtask queue has drained); `remote` once the promise of each set has
 * settled (an implementation over a network).
 */
export type Timing = 'in-memory' | 'prompt' | 'remote';

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
  replayPath?: string,
  /** The reference model, as a factory: the conformance kit gives it only what the implementation declares. */
  model: Factory = modelFactory,
): fc.IAsyncPropertyWithHooks<[boolean, Iterable<fc.AsyncCommand<{ watchers: number }, Harness>>]> {
  const turns = turnsOf(timing, weights);
  const checks = aspects.filter((aspect) => aspect.modes.includes(mode)).map((aspect) => aspect.check);
  return fc.asyncProperty(initialArbitrary(offers), commandsArbitrary(weights, maxCommands, replayPath), (initial, commands) =>
    runCommands(
      new Harness([new Run('model', mode === 'sync', model, initial), new Run('implementation', mode === 'sync', factory, initial)], checks, turns),
      commands,
    ),
  );
}

/** The parameters of every property in `npm test`: a fixed seed, a fixed number of runs. */
export function parameters(runs: number = numRuns): fc.Parameters<unknown> {
  return { seed, numRuns: runs, endOnFailure: false };
}
