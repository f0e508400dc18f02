/**
 * Every aspect of the design card, for the properties, the gallery and the conformance kit.
 *
 * @module
 */

import type { Aspect } from './aspect.js';
import { cancellation } from './cancellation.js';
import { close } from './close.js';
import { coalescing } from './coalescing.js';
import { concurrentGet } from './concurrent-get.js';
import { monotonicity } from './monotonicity.js';
import { predicate } from './predicate.js';
import { reading } from './reading.js';
import { syncLog } from './sync-log.js';

export type { Aspect, Mode } from './aspect.js';
export { cancellation, close, coalescing, concurrentGet, monotonicity, predicate, reading, syncLog };

/** All aspects, in the order of the design card. */
export const aspects: readonly Aspect[] = [monotonicity, coalescing, syncLog, concurrentGet, cancellation, close, reading];

/**
 * The aspects of MemoryValue's idioms, which other implementations need not have: apart from
 * {@link aspects} so that the conformance kit never reports them as passed by an implementation
 * that was never asked.
 */
export const idiomAspects: readonly Aspect[] = [predicate];
