/**
 * A check of the exhaustive search's pruning: prefixes with the same {@link stateKey} must make
 * the same observations under every continuation, on an implementation that agrees with the
 * model. If they did not, the search would extend one of them and never see what the other shows.
 *
 * The model stands for the correct implementation (a correct one makes exactly its
 * observations). Every prefix up to one length is run with every continuation up to another, and
 * what the continuation logs is written relative to the prefix: versions as their distance from
 * the prefix's newest version, new gets by their order after the prefix, and a get of the prefix
 * by its watcher and its place among that watcher's gets whose signals are not aborted (all a
 * continuation can name of it, through `abort` or the get settling).
 *
 * @module
 */

import { ModelValue } from '../../model/model-value.js';
import type { Mode } from '../aspects/index.js';
import { Harness } from '../harness/commands.js';
import { Run } from '../harness/run.js';
import { apply, describeLetter, emptyShape, sequences, stateKey, type Letter, type Shape } from './explore.js';

/** A prefix's state key and what each continuation then logs, relative to the prefix. */
interface Future {
  readonly prefix: readonly Letter[];
  readonly key: string;
  /** One entry per continuation, in the order they are generated from the prefix's shape. */
  readonly observations: readonly string[];
}

/** The model driven by `letters`, alone in a harness with no checks. */
async function runModel(mode: Mode, letters: readonly Letter[]): Promise<{ model: ModelValue<number>; run: Run }> {
  let model: ModelValue<number> | undefined;
  const run = new Run('model', mode === 'sync', (options) => (model = new ModelValue<number>(options)));
  const harness = new Harness([run], []);
  for (const letter of letters) await harness.apply((each) => apply(each, letter));
  if (model === undefined) throw new Error('key soundness: the model was not made');
  return { model, run };
}

/** Rewrites the log lines written after a prefix relative to it (see the module comment). */
function relativeTo(run: Run): (line: string) => string {
  const newest = run.latest();
  const gets = run.gets.length;
  const names = new Map<number, string>();
  for (const watcher of run.watchers) {
    const open = watcher.gets.filter((get) => get.controller !== undefined && !get.controller.signal.aborted);
    open.forEach((get, index) => names.set(get.id, `w${watcher.id}.${get.outcome.state === 'pending' ? 'pending' : `settled${open.length - index}`}`));
  }
  const getName = (id: number): string => (id >= gets ? `new${id - gets}` : (names.get(id) ?? `unnamed-old-get#${id}`));
  const version = (number: string): string => `v${Number(number) - newest}`;
  return (line) =>
    line
      .replace(/get#(\d+)/g, (_, id: string) => `get:${getName(Number(id))}`)
      .replace(/^set (\d+)/, (_, number: string) => `set ${version(number)}`)
      .replace(/fulfilled (\d+)$/, (_, number: string) => `fulfilled ${version(number)}`);
}

/** The key and the relative observations of every continuation of `prefix`. */
async function futureOf(mode: Mode, prefix: readonly Letter[], shape: Shape, continuationLength: number): Promise<Future> {
  const { model, run } = await runModel(mode, prefix);
  const key = stateKey(model, run);
  const relative = relativeTo(run);
  const observations: string[] = [];
  for (let length = 1; length <= continuationLength; length++) {
    for (const { sequence } of sequences(length, shape)) {
      const continued = await runModel(mode, [...prefix, ...sequence]);
      observations.push(`${sequence.map(describeLetter).join(', ')} => ${continued.run.log.slice(run.log.length).map(relative).join('; ')}`);
    }
  }
  return { prefix, key, observations };
}

/** What the check found: how many keys, how many prefixes shared one, and every conflict. */
export interface KeySoundness {
  readonly prefixes: number;
  readonly keys: number;
  /** Prefixes whose key an earlier prefix had already: the ones the search prunes. */
  readonly merged: number;
  /** Each pair of prefixes with the same key whose continuations observe different things. */
  readonly conflicts: readonly string[];
}

/**
 * Runs every prefix of up to `prefixLength` letters with every continuation of up to
 * `continuationLength`, in `mode`, and reports the prefixes whose key is the same as an earlier
 * prefix's while a continuation observes something else.
 */
export async function checkKeySoundness(mode: Mode, prefixLength: number, continuationLength: number): Promise<KeySoundness> {
  const first = new Map<string, Future>();
  const conflicts: string[] = [];
  let prefixes = 0;
  for (let length = 0; length <= prefixLength; length++) {
    for (const { sequence, shape } of length === 0 ? [{ sequence: [], shape: emptyShape }] : sequences(length)) {
      prefixes += 1;
      const future = await futureOf(mode, sequence, shape, continuationLength);
      const earlier = first.get(future.key);
      if (earlier === undefined) {
        first.set(future.key, future);
        continue;
      }
      const longest = Math.max(future.observations.length, earlier.observations.length);
      const index = Array.from({ length: longest }, (_, at) => at).find((at) => future.observations[at] !== earlier.observations[at]) ?? -1;
      if (index !== -1) {
        conflicts.push(
          `[${earlier.prefix.map(describeLetter).join(', ')}] and [${future.prefix.map(describeLetter).join(', ')}] share the key ${future.key}\n` +
            `  ${earlier.observations[index]}\n  ${future.observations[index]}`,
        );
      }
    }
  }
  return { prefixes, keys: first.size, merged: prefixes - first.size, conflicts };
}
