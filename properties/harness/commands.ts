/**
 * The command language of the model-based properties, as fast-check commands. Each command is run
 * on every {@link Run} of a {@link Harness} alike: the implementation under test, and (for the
 * equivalence property) the reference model beside it. After each command the harness lets
 * the promises the command settled report, then runs its checks.
 *
 * @module
 */

import fc from 'fast-check';
import { compareLogs } from './disagreement.js';
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
     * more per get, so runs that use them wait until the microtask queue is empty (`'quiescent'`),
     * as do runs that allow an implementation to settle its promises a few microtasks late.
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
  async apply(step: (run: Run) => void, action?: Action): Promise<void> {
    for (const run of this.runs) step(run);
    if (this.turns === 'remote') {
      await Promise.all(this.runs.flatMap((run) => run.inflight.splice(0)));
      await new Promise((resolve) => setImmediate(resolve));
    } else if (this.turns === 'quiescent') {
      await new Promise((resolve) => setImmediate(resolve));
    } else {
      for (let turn = 0; turn < this.turns; turn++) await Promise.resolve();
    }
    this.verify(action);
  }

  /** Lets every pending microtask and the next macrotask run, then checks. */
  async settle(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    this.verify({ kind: 'settle' });
  }

  /**
   * Runs every check on every run, then compares every run with the first (the model, when there
   * is one): the first difference throws, naming the clause it breaks and showing the entries
   * expected and observed.
   */
  private verify(action: Action | undefined): void {
    for (const run of this.runs) for (const check of this.checks) check(run);
    const [first, ...others] = this.runs;
    for (const other of others) {
      if (first !== undefined) compareLogs(first, other, action, action === undefined ? 'a command' : labelOf(action));
    }
    for (const run of this.runs) {
      run.marks.push(run.log.length);
      run.actions.push(action);
      run.command += 1;
    }
  }
}

/**
 * What a command does, as data: the step each run applies, the label of a command sequence, and
 * the line of a JavaScript reproduction are all made from it. Watchers are addressed by an index
 * taken modulo the number of watchers made so far.
 */
export type Action =
  | { readonly kind: 'watch'; readonly view: boolean }
  | { readonly kind: 'set'; readonly signal: boolean }
  | { readonly kind: 'abortSet' }
  | { readonly kind: 'peek' }
  | { readonly kind: 'backlog' }
  | { readonly kind: 'get'; readonly watcher: number; readonly signal: SignalKind; readonly predicate: PredicateKind }
  | { readonly kind: 'abort'; readonly watcher: number }
  | { readonly kind: 'close'; readonly watcher: number }
  | { readonly kind: 'step'; readonly watcher: number; readonly signal: SignalKind }
  | { readonly kind: 'leave'; readonly watcher: number }
  | { readonly kind: 'dispose'; readonly watcher: number }
  | { readonly kind: 'settle' };

/** The label of an action in a command sequence, as fast-check prints it. */
export function labelOf(action: Action): string {
  switch (action.kind) {
    case 'watch':
      return action.view ? 'watch(view)' : 'watch';
    case 'set':
      return action.signal ? 'set(signal)' : 'set';
    case 'abortSet':
    case 'peek':
    case 'backlog':
    case 'settle':
      return action.kind;
    case 'get':
      return action.predicate === 'none' ? `get(w${action.watcher}, signal=${action.signal})` : `waitFor(w${action.watcher}, ${action.predicate}, signal=${action.signal})`;
    case 'step':
      return action.signal === 'none' ? `step(w${action.watcher})` : `step(w${action.watcher}, loop signal=${action.signal})`;
    case 'abort':
    case 'close':
    case 'leave':
    case 'dispose':
      return `${action.kind}(w${action.watcher})`;
  }
}

/** Applies an action to one run; `settle` is the harness's business and does nothing here. */
export function applyAction(run: Run, action: Action): void {
  switch (action.kind) {
    case 'watch':
      return run.watch(action.view);
    case 'set':
      return run.set(action.signal);
    case 'abortSet':
      return run.abortSet();
    case 'peek':
      return run.peek();
    case 'backlog':
      return run.backlog();
    case 'get':
      return run.get(action.watcher, action.signal, action.predicate);
    case 'abort':
      return run.abort(action.watcher);
    case 'close':
      return run.close(action.watcher);
    case 'step':
      return run.step(action.watcher, action.signal);
    case 'leave':
      return run.leave(action.watcher);
    case 'dispose':
      return run.dispose(action.watcher);
    case 'settle':
      return;
  }
}

type Command = fc.AsyncCommand<Counts, Harness>;

/** A command: one action, applied to every run; watcher commands need a watcher to exist. */
class ActionCommand implements Command {
  constructor(readonly action: Action) {}
  check(counts: Readonly<Counts>): boolean {
    return !('watcher' in this.action) || counts.watchers > 0;
  }
  async run(counts: Counts, harness: Harness): Promise<void> {
    // `watch` is the only command that changes the counts.
    if (this.action.kind === 'watch') counts.watchers += 1;
    if (this.action.kind === 'settle') return harness.settle();
    const action = this.action;
    await harness.apply((run) => applyAction(run, action), action);
  }
  toString(): string {
    return labelOf(this.action);
  }
}

/**
 * The actions of the commands that ran, in order, from a command sequence that fast-check drew
 * or shrank (it wraps each command and marks those that ran).
 */
export function actionsOf(commands: Iterable<unknown>): Action[] {
  const actions: Action[] = [];
  for (const wrapped of commands) {
    const { cmd, hasRan } = wrapped as { cmd?: unknown; hasRan?: boolean };
    const command = cmd ?? wrapped;
    if (hasRan === false || !(command instanceof ActionCommand)) continue;
    actions.push(command.action);
  }
  return actions;
}

const command = (action: Action): Command => new ActionCommand(action);

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

/**
 * Sequences of up to `maxCommands` commands, drawn with the given weights. `replayPath` is the
 * one fast-check prints after a failing sequence (`replayPath="..."`): with the seed and the path, it
 * replays exactly that sequence.
 */
export function commandsArbitrary(weights: Weights, maxCommands: number, replayPath?: string): fc.Arbitrary<Iterable<Command>> {
  const watcher = fc.nat({ max: maxWatchers - 1 });
  const signal = fc.constantFrom<SignalKind>('none', 'fresh', 'fresh', 'aborted');
  // fc.commands draws uniformly among its arbitraries, so an arbitrary listed n times has weight n.
  const repeat = (weight: number, arbitrary: fc.Arbitrary<Command>): fc.Arbitrary<Command>[] =>
    Array.from({ length: weight }, () => arbitrary);
  const constant = (action: Action): fc.Arbitrary<Command> => fc.constant(null).map(() => command(action));
  const perWatcher = (make: (watcher: number) => Action): fc.Arbitrary<Command> => watcher.map((w) => command(make(w)));
  return fc.commands(
    [
      ...repeat(weights.watch, constant({ kind: 'watch', view: false })),
      ...repeat(weights.set, constant({ kind: 'set', signal: false })),
      ...repeat(weights.get, fc.tuple(watcher, signal).map(([w, s]) => command({ kind: 'get', watcher: w, signal: s, predicate: 'none' }))),
      ...repeat(weights.abort, perWatcher((w) => ({ kind: 'abort', watcher: w }))),
      ...repeat(weights.close, perWatcher((w) => ({ kind: 'close', watcher: w }))),
      ...repeat(weights.settle, constant({ kind: 'settle' })),
      ...repeat(weights.idioms, constant({ kind: 'watch', view: true })),
      ...repeat(weights.idioms * 3, fc.tuple(watcher, fc.constantFrom<SignalKind>('none', 'none', 'fresh', 'aborted')).map(([w, s]) => command({ kind: 'step', watcher: w, signal: s }))),
      ...repeat(weights.predicates, fc.tuple(watcher, signal, fc.constantFrom(...predicates)).map(([w, s, p]) => command({ kind: 'get', watcher: w, signal: s, predicate: p }))),
      ...repeat(weights.reads, constant({ kind: 'peek' })),
      ...repeat(weights.reads, constant({ kind: 'backlog' })),
      ...repeat(weights.bounded, constant({ kind: 'set', signal: true })),
      ...repeat(weights.bounded, constant({ kind: 'abortSet' })),
      ...repeat(weights.idioms, perWatcher((w) => ({ kind: 'leave', watcher: w }))),
      ...repeat(weights.idioms, perWatcher((w) => ({ kind: 'dispose', watcher: w }))),
    ],
    { maxCommands, size: 'max', ...(replayPath === undefined ? {} : { replayPath }) },
  );
}
