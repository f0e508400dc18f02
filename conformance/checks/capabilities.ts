/**
 * The implementation as the kit's command-driven checks see it: only what it declares. A set
 * takes options only with `'bounded-set'`, `backlog` is there only with `'backlog'`, and without
 * `'idioms'` its watchers are handed over bare, so that the harness gives them the idioms of the
 * layer (`withIdioms`) rather than checking idioms nobody declared.
 *
 * @module
 */

import type { ValueCore, WatcherCore } from '../../src/types.js';
import type { Factory } from '../../properties/harness/run.js';
import type { CheckContext } from './check.js';

/** A watcher with nothing but the core's get and close. */
function bare<T>(watcher: WatcherCore<T>): WatcherCore<T> {
  return { get: (options) => watcher.get(options), close: () => watcher.close() };
}

/** The value with only the declared capabilities. */
export function declaredOnly<T>(value: ValueCore<T>, context: Pick<CheckContext, 'features'>): ValueCore<T> {
  const { features } = context;
  const full = value as ValueCore<T> & { set(data: T, options?: unknown): void | Promise<void>; backlog?: () => unknown };
  return {
    set: features.has('bounded-set') ? (data: T, options?: unknown) => full.set(data, options) : (data: T) => value.set(data),
    watch: features.has('idioms') ? () => value.watch() : () => bare(value.watch()),
    peek: () => value.peek(),
    ...(features.has('backlog') ? { backlog: () => full.backlog?.() } : {}),
  } as ValueCore<T>;
}

/** The implementation as a factory of the harness: made by the context's factory, declared capabilities only. */
export function harnessFactory(context: Pick<CheckContext, 'factory' | 'features'>): Factory {
  return (options) => declaredOnly(context.factory(options), context) as ValueCore<number>;
}
