/**
 * The command language of the model-based properties, as fast-check commands. Each command is run
 * on every {@link Run} of a {@link Harness} alike: the implementation under test, and (for the
 * equivalence property) the reference model beside it. After each command the harness lets
 * the promises the command settled report, then runs its checks.
 *
 * @module
 */

import fc from 'fast-check';
import { predicates, type PredicateKind, type Run, type SignalKind } from './run.js';

/** What the commands need to know to stay meaningful: how many watchers exist. */
export interface Counts {
  watchers: number;
}

/** A check run after every command; it throws, naming the clause, when a run breaks it. */
export type Check = (run: Run) => void;

/** The runs driven together, and the checks applied after each command. */
export class Harness {
  constructor(
    readonly runs: readonly Run[],
    readonly checks: readonly Check[],
    /**
     * How long to wait after each command. One microtask turn is enough for the core (see
     * `apply`). The idioms are written over the core in plain `async` code, which takes a turn or
     * more per get, so runs that use them wait until the microtask queue is empty (`'quiescent'`).
     * `'remote'` is for an implementation whose sets travel over a network (EtcdValue): the
     * harness waits until every set the command made has settled, and then a macrotask.
     */
    private readonly turns: number | 'quiescent' | 'remote' = 1,
  ) {}

  /**
   * Runs `step` on every run, lets the settlements report, and checks. One microtask turn is
   * enough: the spec settles promises inside the call that decides them (GET-5, GET-6, SYNC-6),
   * so their handlers run in the next turn.
   */
  async apply(step: (run: Run) => void): Promise<void> {
    for (const run of this.runs) step(run);
    if (this.turns === 'remote') {
      await Promise.all(this.runs.flatMap((run) => run.inflight.splice(0)));
      await new Promise((resolve) => setImmediate(resolve));
    } else if (this.turns === 'quiescent') {
      await new Promise((resolve) => setImmediate(resolve));
    } else {
      for (let turn = 0; turn < this.turns; turn++) await Promise.resolve();
    }
    this.verify();
  }

  /** Lets every pending microtask and the next macrotask run, then checks. */
  async settle(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.verify();
  }

  private verify(): void {
    for (const run of this.runs) for (const check of this.checks) check(run);
    const [first, ...others] = this.runs;
    for (const other of others) {
      if (first !== undefined && other.log.join('\n') !== first.log.join('\n')) {
        throw new Error(
          `${other.name} and ${first.name} disagree:\n--- ${first.name}\n${first.log.join('\n')}\n--- ${other.name}\n${other.log.join('\n')}`,
        );
      }
    }
    for (const run of this.runs) run.command += 1;
  }
}

type Command = fc.AsyncCommand<Counts, Harness>;

/** A command that applies one step to every run; watcher commands need a watcher to exist. */
class StepCommand implements Command {
  constructor(
    private readonly label: string,
    private readonly needsWatcher: boolean,
    private readonly step: (run: Run) => void,
  ) {}
  check(counts: Readonly<Counts>): boolean {
    return !this.needsWatcher || counts.watchers > 0;
  }
  async run(_counts: Counts, harness: Harness): Promise<void> {
    await harness.apply(this.step);
  }
  toString(): string {
    return this.label;
  }
}

/** `watch` (or `watch through the view`): the only command that changes the counts. */
class WatchCommand extends StepCommand {
  constructor(throughView = false) {
    super(throughView ? 'watch(view)' : 'watch', false, (run) => run.watch(throughView));
  }
  override async run(counts: Counts, harness: Harness): Promise<void> {
    counts.watchers += 1;
    await super.run(counts, harness);
  }
}

/** `settle`: lets every pending promise and the next macrotask run. */
class SettleCommand implements Command {
  check(): boolean {
    return true;
  }
  async run(_counts: Counts, harness: Harness): Promise<void> {
    await harness.settle();
  }
  toString(): string {
    return 'settle';
  }
}

const setCommand = (withSignal = false): Command => new StepCommand(withSignal ? 'set(signal)' : 'set', false, (run) => run.set(withSignal));
const abortSetCommand = (): Command => new StepCommand('abortSet', false, (run) => run.abortSet());
const peekCommand = (): Command => new StepCommand('peek', false, (run) => run.peek());
const backlogCommand = (): Command => new StepCommand('backlog', false, (run) => run.backlog());
const getCommand = (watcher: number, signal: SignalKind, predicate: PredicateKind = 'none'): Command =>
  new StepCommand(
    predicate === 'none' ? `get(w${watcher}, signal=${signal})` : `waitFor(w${watcher}, ${predicate}, signal=${signal})`,
    true,
    (run) => run.get(watcher, signal, predicate),
  );
const abortCommand = (watcher: number): Command => new StepCommand(`abort(w${watcher})`, true, (run) => run.abort(watcher));
const closeCommand = (watcher: number): Command => new StepCommand(`close(w${watcher})`, true, (run) => run.close(watcher));
const iterateCommand = (watcher: number, signal: SignalKind = 'none'): Command =>
  new StepCommand(signal === 'none' ? `step(w${watcher})` : `step(w${watcher}, loop signal=${signal})`, true, (run) => run.step(watcher, signal));
const leaveCommand = (watcher: number): Command => new StepCommand(`leave(w${watcher})`, true, (run) => run.leave(watcher));
const disposeCommand = (watcher: number): Command => new StepCommand(`dispose(w${watcher})`, true, (run) => run.dispose(watcher));

/** How often each command is drawn; an aspect leans on the commands that exercise it. */
export interface Weights {
  readonly watch: number;
  readonly set: number;
  readonly get: number;
  readonly abort: number;
  readonly close: number;
  readonly settle: number;
  /** The idioms of MemoryValue (ITER, DISPOSE, VIEW); 0 where an implementation need not have them. */
  readonly idioms: number;
  /** `waitFor` with a predicate (PRED-1 to PRED-6), an idiom of the layer too. */
  readonly predicates: number;
  /** Reads that change nothing: `peek` (PEEK-1 to PEEK-3) and, where there is one, `backlog` (SYNC-8). */
  readonly reads: number;
  /** Sets whose producer bounds its wait with a signal, and aborts of those signals (SYNC-7). */
  readonly bounded: number;
}

/** Even weights, with gets and sets a little more frequent since they carry the data. */
export const defaultWeights: Weights = { watch: 2, set: 3, get: 4, abort: 1, close: 1, settle: 1, idioms: 0, predicates: 0, reads: 1, bounded: 0 };

/** The default mix with the producer's bounded sets of MemoryValue and the model (SYNC-7). */
export const boundedWeights: Weights = { ...defaultWeights, bounded: 2 };

/**
 * The default mix with the idioms of the layer: iterator steps, leaving loops, disposal, views,
 * and `waitFor`.
 */
export const idiomWeights: Weights = { ...defaultWeights, idioms: 1, predicates: 3 };

/** The most watchers a sequence uses (commands address them modulo the number made). */
export const maxWatchers = 5;

/** How long a harness must wait after each command for the given command mix. */
export function turnsFor(weights: Weights): 1 | 'quiescent' {
  return weights.idioms > 0 || weights.predicates > 0 ? 'quiescent' : 1;
}

/** Sequences of up to `maxCommands` commands, drawn with the given weights. */
export function commandsArbitrary(weights: Weights, maxCommands: number): fc.Arbitrary<Iterable<Command>> {
  const watcher = fc.nat({ max: maxWatchers - 1 });
  const signal = fc.constantFrom<SignalKind>('none', 'fresh', 'fresh', 'aborted');
  // fc.commands draws uniformly among its arbitraries, so an arbitrary listed n times has weight n.
  const repeat = (weight: number, arbitrary: fc.Arbitrary<Command>): fc.Arbitrary<Command>[] =>
    Array.from({ length: weight }, () => arbitrary);
  return fc.commands(
    [
      ...repeat(weights.watch, fc.constant(new WatchCommand())),
      ...repeat(weights.set, fc.constant(null).map(() => setCommand())),
      ...repeat(weights.get, fc.tuple(watcher, signal).map(([w, s]) => getCommand(w, s))),
      ...repeat(weights.abort, watcher.map(abortCommand)),
      ...repeat(weights.close, watcher.map(closeCommand)),
      ...repeat(weights.settle, fc.constant(new SettleCommand())),
      ...repeat(weights.idioms, fc.constant(null).map(() => new WatchCommand(true))),
      ...repeat(weights.idioms * 3, fc.tuple(watcher, fc.constantFrom<SignalKind>('none', 'none', 'fresh', 'aborted')).map(([w, s]) => iterateCommand(w, s))),
      ...repeat(weights.predicates, fc.tuple(watcher, signal, fc.constantFrom(...predicates)).map(([w, s, p]) => getCommand(w, s, p))),
      ...repeat(weights.reads, fc.constant(null).map(peekCommand)),
      ...repeat(weights.reads, fc.constant(null).map(backlogCommand)),
      ...repeat(weights.bounded, fc.constant(null).map(() => setCommand(true))),
      ...repeat(weights.bounded, fc.constant(null).map(abortSetCommand)),
      ...repeat(weights.idioms, watcher.map(leaveCommand)),
      ...repeat(weights.idioms, watcher.map(disposeCommand)),
    ],
    { maxCommands, size: 'max' },
  );
}
