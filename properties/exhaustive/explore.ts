/**
 * A bounded exhaustive check: every command sequence up to a length, over a small alphabet, run
 * against an implementation and the reference model side by side, in both modes.
 *
 * The alphabet: `watch` (at most two watchers), `set`, and for each watcher `get` with a fresh
 * signal, `get` with an already-aborted signal, `abort` and `close`. Every observation is
 * compared after every command, exactly as in the model-based properties (the same harness and
 * the same aspect checks), so the two kinds of check cannot drift apart.
 *
 * Sequences are explored by increasing length, so the first disagreement found is a shortest
 * one. Pruning, each sound because the pruned sequence makes the very same calls on the
 * implementation as one that is kept:
 *
 * - A command on a watcher that does not exist yet is never generated: the harness has no watcher
 *   to call, so it would be a no-op.
 * - `abort` is generated only when the watcher has a get whose signal is not aborted yet;
 *   otherwise the harness finds no signal to abort and calls nothing.
 * - `get` without a signal is left out: a signal that is never aborted has no effect (ABORT-1 acts
 *   only on an abort), so `get` with a fresh signal makes the same observations whenever it is
 *   not aborted, and when it is, that is a sequence of its own.
 * - `settle` (letting macrotasks run) is left out: after every command the harness already lets
 *   the microtasks run, and neither MemoryValue nor the model ever schedules a macrotask (no
 *   timers, no I/O), so a settle changes nothing.
 * - Watchers are numbered in the order they are made, so sequences that differ only by naming
 *   the watchers are generated once.
 *
 * @module
 */


import { aspects, type Mode } from '../aspects/index.js';
import { Harness } from '../harness/commands.js';
import { modelFactory } from '../harness/property.js';
import { Run, type Factory, type SignalKind } from '../harness/run.js';

/** One letter of the alphabet. */
export type Letter =
  | { readonly kind: 'watch' }
  | { readonly kind: 'set' }
  | { readonly kind: 'get'; readonly watcher: number; readonly signal: SignalKind }
  | { readonly kind: 'abort'; readonly watcher: number }
  | { readonly kind: 'close'; readonly watcher: number };

/** The most watchers a sequence makes. */
const maxWatchers = 2;

/** What the generator needs to know about a prefix to extend it: nothing about any implementation. */
interface Shape {
  readonly watchers: number;
  /** Per watcher, how many gets have a signal that is not aborted yet. */
  readonly abortable: readonly number[];
}

const emptyShape: Shape = { watchers: 0, abortable: [] };

/** The letters that may follow a prefix of the given shape. */
function lettersAfter(shape: Shape): Letter[] {
  const letters: Letter[] = [{ kind: 'set' }];
  if (shape.watchers < maxWatchers) letters.push({ kind: 'watch' });
  for (let watcher = 0; watcher < shape.watchers; watcher++) {
    letters.push({ kind: 'get', watcher, signal: 'fresh' }, { kind: 'get', watcher, signal: 'aborted' }, { kind: 'close', watcher });
    if ((shape.abortable[watcher] ?? 0) > 0) letters.push({ kind: 'abort', watcher });
  }
  return letters;
}

/** The shape after a letter. */
function shapeAfter(shape: Shape, letter: Letter): Shape {
  switch (letter.kind) {
    case 'watch':
      return { watchers: shape.watchers + 1, abortable: [...shape.abortable, 0] };
    case 'set':
    case 'close':
      return shape;
    case 'get':
    case 'abort': {
      const change = letter.kind === 'abort' ? -1 : letter.signal === 'fresh' ? 1 : 0;
      return { ...shape, abortable: shape.abortable.map((count, index) => (index === letter.watcher ? count + change : count)) };
    }
  }
}

/** Every sequence of exactly `length` letters. */
export function* sequences(length: number, shape: Shape = emptyShape, prefix: readonly Letter[] = []): Generator<readonly Letter[]> {
  if (prefix.length === length) {
    yield prefix;
    return;
  }
  for (const letter of lettersAfter(shape)) yield* sequences(length, shapeAfter(shape, letter), [...prefix, letter]);
}

/** A letter as the report prints it. */
export function describeLetter(letter: Letter): string {
  switch (letter.kind) {
    case 'watch':
    case 'set':
      return letter.kind;
    case 'get':
      return `get(w${letter.watcher}${letter.signal === 'aborted' ? ', aborted signal' : ''})`;
    case 'abort':
    case 'close':
      return `${letter.kind}(w${letter.watcher})`;
  }
}

/** Applies one letter to a run. */
function apply(run: Run, letter: Letter): void {
  switch (letter.kind) {
    case 'watch':
      return run.watch();
    case 'set':
      return run.set();
    case 'get':
      return run.get(letter.watcher, letter.signal);
    case 'abort':
      return run.abort(letter.watcher);
    case 'close':
      return run.close(letter.watcher);
  }
}

/** Runs one sequence on the implementation and the model; resolves with the error, if any. */
export async function check(factory: Factory, mode: Mode, sequence: readonly Letter[]): Promise<unknown> {
  const checks = aspects.filter((aspect) => aspect.modes.includes(mode)).map((aspect) => aspect.check);
  const sync = mode === 'sync';
  const harness = new Harness([new Run('model', sync, modelFactory), new Run('implementation', sync, factory)], checks);
  try {
    for (const letter of sequence) await harness.apply((run) => apply(run, letter));
    return undefined;
  } catch (error) {
    return error;
  }
}

/** A disagreement between the implementation and the model. */
export interface Counterexample {
  readonly mode: Mode;
  readonly sequence: readonly Letter[];
  readonly error: unknown;
}

/** The outcome of an exploration. */
export interface Exploration {
  readonly explored: number;
  readonly depth: number;
  readonly seconds: number;
  readonly counterexample: Counterexample | undefined;
}

/**
 * Explores every sequence up to `depth`, by increasing length, in both modes (or the one given),
 * and stops at the first disagreement, which is therefore a shortest one.
 */
export async function explore(factory: Factory, depth: number, modes: readonly Mode[] = ['async', 'sync']): Promise<Exploration> {
  const started = performance.now();
  let explored = 0;
  for (let length = 1; length <= depth; length++) {
    for (const sequence of sequences(length)) {
      for (const mode of modes) {
        explored += 1;
        const error = await check(factory, mode, sequence);
        if (error !== undefined) {
          return { explored, depth: length, seconds: (performance.now() - started) / 1000, counterexample: { mode, sequence, error } };
        }
      }
    }
  }
  return { explored, depth, seconds: (performance.now() - started) / 1000, counterexample: undefined };
}

/** The report line of an exploration. */
export function summary(exploration: Exploration): string {
  return `explored ${exploration.explored} sequences up to length ${exploration.depth} in ${exploration.seconds.toFixed(1)} s`;
}

/** A counterexample, printed for a person: the mode, the commands, and what broke. */
export function describeCounterexample(counterexample: Counterexample): string {
  return [
    `disagreement in ${counterexample.mode} mode after: ${counterexample.sequence.map(describeLetter).join(', ')}`,
    String(counterexample.error instanceof Error ? counterexample.error.message : counterexample.error),
  ].join('\n');
}

