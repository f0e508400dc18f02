/**
 * Event Values: a value that producers set and many watchers await, each watcher getting the
 * newest data it has not yet seen. `docs/spec.md` is the specification; the clause ids in these
 * docs point into it.
 *
 * @module event-value
 * @category Using event-value
 */

export { ConcurrentGetError, WatcherClosedError } from './errors.js';
export { IdiomaticWatcher } from './idioms/idiomatic-watcher.js';
export { readOnly, withIdioms } from './idioms/with-idioms.js';
export { MemoryValue } from './memory-value.js';
export type { MemoryWatcher } from './memory-watcher.js';
export type { MemoryValueOptions, SetOptions } from './options.js';
export type { Backlog, GetOptions, ReadOnlyValue, Snapshot, Value, ValueCore, Watcher, WatcherCore } from './types.js';
