/**
 * The implementations every property runs on: MemoryValue, and the model itself (whose mutants
 * must be caught too).
 *
 * @module
 */

import { MemoryValue } from '../../src/index.js';
import { modelFactory, type Offers } from './property.js';
import type { Factory } from './run.js';

/** Both take initial data at construction (VAL-7). */
const offers: Offers = { initial: true };

export const implementations: readonly { readonly name: string; readonly factory: Factory; readonly offers: Offers }[] = [
  { name: 'MemoryValue', factory: (options) => new MemoryValue<number>(options), offers },
  { name: 'ModelValue', factory: modelFactory, offers },
];
