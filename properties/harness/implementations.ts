/**
 * The implementations every property runs on: MemoryValue, and the model itself (whose mutants
 * must be caught too).
 *
 * @module
 */

import { MemoryValue } from '../../src/index.js';
import { modelFactory } from './property.js';
import type { Factory } from './run.js';

export const implementations: readonly { readonly name: string; readonly factory: Factory }[] = [
  { name: 'MemoryValue', factory: (options) => new MemoryValue<number>(options) },
  { name: 'ModelValue', factory: modelFactory },
];
