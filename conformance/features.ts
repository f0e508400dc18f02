/**
 * What an implementation declares to the conformance kit (docs/spec.md, section 16, "What the
 * conformance kit requires"): the sync mode, the strict profile, and the capabilities beyond the
 * core. Each declaration turns on the checks of its clauses; a clause of something not declared is
 * reported as not declared, never as failed.
 *
 * @module
 */

/**
 * One declaration:
 * - `'sync'`: the factory makes sync-mode values for `{ sync: true }` (section 6), and every check
 *   runs in both modes;
 * - `'strict-order'`: MemoryValue's exact timing and order within one call (ORDER-2, the second
 *   half of GET-6, SYNC-4 and SYNC-6 taken literally), checked by comparing every observation with
 *   the reference model's, in order;
 * - `'initial'`: the factory takes `{ sync, initial }` and the value starts set to `initial` (VAL-7);
 * - `'bounded-set'`: `set(data, { signal })` bounds a sync-mode producer's wait (SYNC-7), and
 *   `set` checks its options (ERR-2);
 * - `'backlog'`: `value.backlog()` says what holds a sync-mode producer up (SYNC-8);
 * - `'idioms'`: the implementation's own watchers carry `waitFor`, `values`, async iteration and
 *   `Symbol.dispose` (section 13), and those are checked; without it the kit checks the layer
 *   (`withIdioms`) over the implementation's watchers.
 */
export type Feature = 'sync' | 'strict-order' | 'initial' | 'bounded-set' | 'backlog' | 'idioms';

/** Every feature, with the one line `--help` and the report say about it. */
export const featureDescriptions: Readonly<Record<Feature, string>> = {
  sync: 'sync mode: every watcher receives every version (section 6)',
  'strict-order': "MemoryValue's exact timing and order within one call (ORDER-2)",
  initial: 'the factory takes { sync, initial } and the value starts set (VAL-7)',
  'bounded-set': 'set(data, { signal }) bounds a sync producer\u2019s wait (SYNC-7, ERR-2)',
  backlog: 'value.backlog() counts what holds a sync producer up (SYNC-8)',
  idioms: 'its own watchers carry waitFor, values, for await and using (section 13)',
};

/** Every feature, in the order of the spec. */
export const allFeatures: readonly Feature[] = Object.keys(featureDescriptions) as Feature[];

/** Whether `candidate` is a feature the kit knows. */
export function isFeature(candidate: unknown): candidate is Feature {
  return typeof candidate === 'string' && (allFeatures as readonly string[]).includes(candidate);
}

/**
 * The clauses of each declared capability: reported as not declared when it is not. The sync
 * mode's clauses are those of section 6 and every clause that speaks of sync mode alone.
 */
export const clausesOfFeature: Readonly<Record<Feature, readonly string[]>> = {
  sync: ['SYNC-1', 'SYNC-2', 'SYNC-3', 'SYNC-4', 'SYNC-5', 'SYNC-6', 'SYNC-7', 'SYNC-8', 'CLOSE-5', 'RE-4', 'LIFE-2'],
  'strict-order': ['ORDER-2'],
  initial: ['VAL-7'],
  'bounded-set': ['SYNC-7', 'ERR-2'],
  backlog: ['SYNC-8'],
  idioms: [],
};

/** The first feature a clause needs that is not declared, if any. */
export function missingFeature(clause: string, declared: ReadonlySet<Feature>): Feature | undefined {
  return allFeatures.find((feature) => !declared.has(feature) && clausesOfFeature[feature].includes(clause));
}
