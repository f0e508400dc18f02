/**
 * A bounded exhaustive check: every command sequence up to a length, over a small alphabet, run
 * against an implementation and the reference model side by side, in both modes.
 *
 * The alphabet: `watch` (at most two watchers), `set`, and for each watcher `get` with a fresh
 * signal, `get` with an already-aborted signal, `abort` and `close`. Every observation is
 * compared after every command, exactly as in the model-based properties (the same harness and
 * the same aspect checks), so the two kinds of check cannot drift apart.
 *
 * The search explores states, not sequences. Many sequences lead to the same state (a get on a
 * closed watcher, a second close, a get with an aborted signal change nothing; a set nobody
 * watches only moves the version on), and from equal states the futures are equal, so only the
 * first sequence to reach a state is extended; the others are run and checked, but not extended.
 * What makes two states equal is {@link stateKey}, checked by `key-soundness.ts` to merge only
 * prefixes whose futures are the same on a correct pair; and since a faulty implementation can
 * hold state the model has not, a {@link probe} after each prefix keeps apart any prefix after
 * which the implementation no longer behaves as the model does. Sequences are explored by
 * increasing length (breadth first), so a state is first reached by a shortest sequence, which
 * therefore has the most commands left to explore (a state seen again is skipped: it was explored
 * with at least as many commands left), and the first disagreement found is a shortest one.
 *
 * Pruning of letters, each sound because the pruned sequence makes the very same calls on the
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

import { ModelValue } from '../../model/model-value.js';
import { aspects, type Mode } from '../aspects/index.js';
import { Harness } from '../harness/commands.js';
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
export interface Shape {
  readonly watchers: number;
  /** Per watcher, how many gets have a signal that is not aborted yet. */
  readonly abortable: readonly number[];
}

/** The shape of the empty prefix. */
export const emptyShape: Shape = { watchers: 0, abortable: [] };

/** The letters that may follow a prefix of the given shape. */
export function lettersAfter(shape: Shape): Letter[] {
  const letters: Letter[] = [{ kind: 'set' }];
  if (shape.watchers < maxWatchers) letters.push({ kind: 'watch' });
  for (let watcher = 0; watcher < shape.watchers; watcher++) {
    letters.push({ kind: 'get', watcher, signal: 'fresh' }, { kind: 'get', watcher, signal: 'aborted' }, { kind: 'close', watcher });
    if ((shape.abortable[watcher] ?? 0) > 0) letters.push({ kind: 'abort', watcher });
  }
  return letters;
}

/** The shape after a letter. */
export function shapeAfter(shape: Shape, letter: Letter): Shape {
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

/**
 * How many sequences of 1 to `depth` letters there are: the sequences a search to that depth
 * covers, counted on the shapes alone (no implementation runs).
 */
export function sequenceCount(depth: number): number {
  const memo = new Map<string, number>();
  // Sequences of 1 to `left` letters after a prefix of the given shape.
  const count = (shape: Shape, left: number): number => {
    if (left === 0) return 0;
    const key = `${left}:${shape.watchers}:${shape.abortable.join(',')}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let total = 0;
    for (const letter of lettersAfter(shape)) total += 1 + count(shapeAfter(shape, letter), left - 1);
    memo.set(key, total);
    return total;
  };
  return count(emptyShape, depth);
}

/** Every sequence of exactly `length` letters after a prefix of the given shape, with the shape it leads to. */
export function* sequences(length: number, shape: Shape = emptyShape, prefix: readonly Letter[] = []): Generator<{ readonly sequence: readonly Letter[]; readonly shape: Shape }> {
  if (prefix.length === length) {
    yield { sequence: prefix, shape };
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
export function apply(run: Run, letter: Letter): void {
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

/**
 * What decides everything a state can still show, written as a string: two prefixes with the same
 * key make the same observations from here on, whatever commands follow, on an implementation
 * that agrees with the model. Version numbers are written as their distance from the newest
 * version, since only their differences matter (the data of version k is k, and every check
 * compares versions with each other), and 0 stands for "unset" only while nothing was set.
 *
 * From the model's public fields:
 * - whether the value is still unset (VAL-1: a new watcher then waits rather than being owed the
 *   current version);
 * - per watcher, in the order made: closed or not, its cursor, and whether a get is pending;
 * - the waiting list, in the order the gets began waiting (GET-6: the order a set settles them);
 * - in sync mode, every set whose audience is not complete yet: its version and its audience
 *   (SYNC-2, CLOSE-5: who it still waits for). A complete set never settles again.
 *
 * From what the implementation has shown so far (the harness's records of its run), what the
 * commands and checks to come still read:
 * - per watcher, whether it has received anything: until then its cursor is the one GET-2 and
 *   SYNC-1 derive from the version current at its watch, which the checks compare with;
 * - per watcher, the gets whose signal is not aborted yet, in order, each pending or settled:
 *   `abort` aborts the newest of them, which may be a settled get (then nothing may happen) or
 *   the pending one (which must then reject).
 *
 * Left out, because nothing to come reads it: settled gets with aborted signals, versions no
 * cursor or open set refers to, the number of commands, gets and sets so far (identifiers in the
 * log are the same on both sides). Watchers are not sorted or renamed, even where the alphabet is
 * symmetric in them: a faulty implementation may treat them by the order they were made, and a
 * key blind to that order could prune the one state that shows it.
 */
export function stateKey(model: ModelValue<number>, implementation: Run): string {
  const newest = model.latest();
  const distance = (version: number): number => newest - version;
  const watchers = model.watchers.map((watcher, index) => {
    const record = implementation.watchers[index];
    if (record === undefined) throw new Error(`exhaustive: the implementation has no watcher w${index}`);
    const signals = record.gets
      .filter((get) => get.controller !== undefined && !get.controller.signal.aborted)
      .map((get) => (get.outcome.state === 'pending' ? 'p' : 's'))
      .join('');
    const state = watcher.closed ? 'closed' : watcher.pending === undefined ? 'idle' : 'waiting';
    return `${state}@${distance(watcher.cursor)}${record.consumed.length > 0 ? '+' : '-'}[${signals}]`;
  });
  const waiting = model.waiting.map((watcher) => model.watchers.indexOf(watcher)).join(',');
  const openSets = model.sets
    .filter((set) => !model.audienceComplete(set))
    .map((set) => `${distance(set.version)}:${set.audience.map((watcher) => model.watchers.indexOf(watcher)).join(',')}`);
  return `${newest === 0 ? 'unset' : 'set'}|${watchers.join(' ')}|waiting ${waiting}|sets ${openSets.join(' ')}`;
}

/**
 * The probe: a fixed experiment run after a prefix, only to see whether the implementation still
 * behaves as the model does. A new watcher, then three rounds of a get on every watcher, with a
 * set after the first two rounds, then every watcher closed: it shows what each watcher would
 * receive, which gets and sets settle, and which sets a close releases.
 *
 * It is needed because {@link stateKey} sees the implementation only through what it has shown,
 * and an implementation that is wrong can hold state the model has not, made by a command that
 * changes nothing in the model and shows nothing yet: a get with an aborted signal that consumes
 * the version at hand, an abort that wedges the next sync set. Such a prefix has the same key as
 * a shorter one, and the disagreement it leads to would be pruned with it. The probe makes the
 * implementation show that state: a prefix after which the probe disagrees with the model is
 * never merged with another, so its extensions are explored and the disagreement is found at its
 * shortest length. A probe of fixed length cannot show every hidden state, so this guards the
 * pruning rather than proving it; the gallery test checks that every faulty variant is still
 * caught at the length a search of every sequence finds.
 */
function probe(watchers: number): Letter[] {
  const all = Array.from({ length: watchers + 1 }, (_, watcher) => watcher);
  const round = all.map((watcher): Letter => ({ kind: 'get', watcher, signal: 'fresh' }));
  return [
    { kind: 'watch' },
    ...round,
    { kind: 'set' },
    ...round,
    { kind: 'set' },
    ...round,
    ...all.map((watcher): Letter => ({ kind: 'close', watcher })),
  ];
}

/** Where a sequence led: the disagreement it showed, or the key of the state it reached. */
type Outcome = { readonly kind: 'disagreement'; readonly error: unknown } | { readonly kind: 'state'; readonly key: string };

/**
 * Runs one sequence on the implementation and the model, checking after every command; then the
 * probe, to key the state it reached.
 */
async function runSequence(factory: Factory, mode: Mode, sequence: readonly Letter[]): Promise<Outcome> {
  const checks = aspects.filter((aspect) => aspect.modes.includes(mode)).map((aspect) => aspect.check);
  const sync = mode === 'sync';
  let model: ModelValue<number> | undefined;
  const implementation = new Run('implementation', sync, factory);
  const harness = new Harness([new Run('model', sync, (options) => (model = new ModelValue<number>(options))), implementation], checks);
  try {
    for (const letter of sequence) await harness.apply((run) => apply(run, letter));
  } catch (error) {
    return { kind: 'disagreement', error };
  }
  if (model === undefined) throw new Error('exhaustive: the model was not made');
  const key = stateKey(model, implementation);
  try {
    for (const letter of probe(model.watchers.length)) await harness.apply((run) => apply(run, letter));
    return { kind: 'state', key };
  } catch {
    // The implementation holds state the model has not: a state of its own, merged with none.
    return { kind: 'state', key: `${key}|probe disagrees after ${sequence.map(describeLetter).join(', ')}` };
  }
}

/** Runs one sequence on the implementation and the model; resolves with the error, if any. */
export async function check(factory: Factory, mode: Mode, sequence: readonly Letter[]): Promise<unknown> {
  const outcome = await runSequence(factory, mode, sequence);
  return outcome.kind === 'disagreement' ? outcome.error : undefined;
}

/** A disagreement between the implementation and the model. */
export interface Counterexample {
  readonly mode: Mode;
  readonly sequence: readonly Letter[];
  readonly error: unknown;
}

/** The outcome of an exploration. */
export interface Exploration {
  /** The length explored completely: the depth asked for, or one less than a counterexample's. */
  readonly depth: number;
  /** The sequences up to {@link depth} in every mode explored, whose observations were all covered. */
  readonly covered: number;
  /** The distinct states reached (in every mode explored), the empty one included. */
  readonly states: number;
  /** The sequences actually run: each extension of a state explored. */
  readonly runs: number;
  readonly seconds: number;
  readonly counterexample: Counterexample | undefined;
}

/** A state whose extensions are explored: the first sequence that reached it. */
interface Explored {
  readonly sequence: readonly Letter[];
  readonly shape: Shape;
}

/**
 * Explores every state reachable in up to `depth` commands, breadth first, in both modes (or the
 * ones given), and stops at the first disagreement, which is therefore a shortest one.
 */
export async function explore(factory: Factory, depth: number, modes: readonly Mode[] = ['async', 'sync']): Promise<Exploration> {
  const started = performance.now();
  const searches = modes.map((mode) => ({ mode, seen: new Set<string>(), frontier: [{ sequence: [], shape: emptyShape }] as Explored[] }));
  for (const search of searches) {
    const empty = await runSequence(factory, search.mode, []);
    if (empty.kind === 'state') search.seen.add(empty.key);
  }
  let runs = 0;
  const finish = (explored: number, counterexample?: Counterexample): Exploration => ({
    depth: explored,
    covered: sequenceCount(explored) * modes.length,
    states: searches.reduce((total, search) => total + search.seen.size, 0),
    runs,
    seconds: (performance.now() - started) / 1000,
    counterexample,
  });
  for (let length = 1; length <= depth; length++) {
    for (const search of searches) {
      const next: Explored[] = [];
      for (const state of search.frontier) {
        for (const letter of lettersAfter(state.shape)) {
          const sequence = [...state.sequence, letter];
          runs += 1;
          const outcome = await runSequence(factory, search.mode, sequence);
          if (outcome.kind === 'disagreement') return finish(length - 1, { mode: search.mode, sequence, error: outcome.error });
          if (search.seen.has(outcome.key)) continue;
          search.seen.add(outcome.key);
          next.push({ sequence, shape: shapeAfter(state.shape, letter) });
        }
      }
      search.frontier = next;
    }
  }
  return finish(depth);
}

/** The report line of an exploration. */
export function summary(exploration: Exploration): string {
  return (
    `covered ${exploration.covered} sequences up to length ${exploration.depth} by exploring ` +
    `${exploration.states} states (${exploration.runs} sequences run) in ${exploration.seconds.toFixed(1)} s`
  );
}

/** A counterexample, printed for a person: the mode, the commands, and what broke. */
export function describeCounterexample(counterexample: Counterexample): string {
  return [
    `disagreement in ${counterexample.mode} mode after: ${counterexample.sequence.map(describeLetter).join(', ')}`,
    String(counterexample.error instanceof Error ? counterexample.error.message : counterexample.error),
  ].join('\n');
}
