/**
 * Every check of the kit, for what an implementation declares: in async mode always, in sync mode
 * with `'sync'`, each capability's with its feature, the strict comparisons with `'strict-order'`.
 *
 * @module
 */

import { badInputChecks } from './bad-input.js';
import type { Check, CheckContext, Mode } from './check.js';
import { dataChecks, initialChecks } from './data.js';
import { idiomChecks } from './idioms.js';
import { lifetimeChecks } from './lifetime.js';
import { raceChecks } from './races.js';
import { sequenceChecks } from './sequences.js';

/** The checks for a context, in the order they run: mode by mode, then what a value keeps alive. */
export function catalogue(context: CheckContext): Check[] {
  const modes: Mode[] = context.features.has('sync') ? ['async', 'sync'] : ['async'];
  const perMode = modes.flatMap((mode) => [
    ...sequenceChecks(mode, context),
    ...dataChecks(mode),
    ...(context.features.has('initial') ? initialChecks(mode) : []),
    ...badInputChecks(mode, context.features.has('bounded-set')),
    ...idiomChecks(mode, context.features.has('idioms')),
    ...raceChecks(mode, context),
  ]);
  return [...perMode, ...(context.timing === 'remote' ? [] : lifetimeChecks(modes))];
}
