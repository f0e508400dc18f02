/**
 * The search for a linearization: Lowe's just-in-time linearization with the cache that makes
 * Porcupine fast.
 *
 * A node of the search is a *configuration*: which instants have happened (each operation's
 * progress) and the state they leave. Its frontier (`frontier.ts`) is the first return or
 * settlement that the configuration does not explain; the instants that may come next are those
 * of the operations called before it (a set, watch, close or abort taking effect, a get making its
 * request, the abort of a waiting get's signal ending its wait). The search tries them depth
 * first, the operation due soonest first, and never explores a configuration twice (`key.ts`).
 * Every instant is written to the machine's undo log, so backtracking restores the state exactly.
 * Quick tests (`prune.ts`) cut configurations that cannot be completed.
 *
 * When no linearization exists, the search also finds the shortest illegal prefix (the first
 * return, settlement, or the quiescent end, that no order of instants can explain) and the path
 * that shows it, for the report.
 *
 * @module
 */

import { advance, countFrom, start, type Frontier } from './frontier.js';
import { Keys } from './key.js';
import { Machine, Progress } from './machine.js';
import { Path } from './path.js';
import { doomedBy } from './prune.js';
import type { Violation } from './explain.js';
import { Kind, type Timeline } from './timeline.js';

/** What the search found. */
export type Outcome =
  | {
      /** A linearization exists. */
      readonly kind: 'ok';
      /** The linearization. */
      readonly path: Path;
    }
  | {
      /** No linearization exists. */
      readonly kind: 'illegal';
      /**
       * The first position no linearization explains (the timeline's length: its quiescent
       * end). The machine is left in the state of the first path, trying operations in the order
       * of their calls, that got there and could go no further.
       */
      readonly frontier: number;
      /** That path. */
      readonly path: Path;
      /** The operations active at that frontier (at the end: the pending ones). */
      readonly active: readonly number[];
      /** The sync-mode sets whose settlement was still to be checked there. */
      readonly settles: readonly number[];
      /** At the quiescent end: why, on the path shown. */
      readonly violation?: Violation;
      /**
       * Whether `frontier` is exactly the first position no order explains; if not (finding it
       * cost too much), it is the furthest position a path reached, and the first one no order
       * explains lies before `before`.
       */
      readonly exact?: boolean;
      /** A position no order of instants gets past: the prefix before it has no linearization. */
      readonly before?: number;
    }
  | {
      /** The budget ran out first. */
      readonly kind: 'budget';
    };

const none: readonly number[] = [];

/** How one exploration is bounded. */
interface Bounds {
  /** Configurations are cut only for returns and settlements before this position (past the last: the quiescent end too). */
  readonly limit: number;
  /**
   * Cut a configuration only if it cannot get past the furthest dead end found so far, so that
   * the furthest frontier any path reaches is found exactly.
   */
  readonly exact: boolean;
  /** Stop at the first dead end at this frontier (-1: search for a linearization). */
  readonly stopAt: number;
}

interface Frame {
  readonly frontier: Frontier;
  /** The machine's mark before the instant (or the run of instants) that led here. */
  readonly mark: number;
  /** The path's length then. */
  readonly depth: number;
  /** The instants still to try from here, in order. */
  readonly candidates: number[];
}

/** The search over one timeline. */
export class Search {
  readonly machine: Machine;
  private readonly keys: Keys;
  private readonly length: number;
  private visited = new Set<string>();
  private steps = 0;
  /** The furthest frontier a dead end was found at, in any exploration so far: an exact search starts from the first's. */
  private reached = 0;
  /** A frontier no path of the last exploration can go beyond (cut configurations included). */
  private bound = 0;
  /** Whether to try operations in the order of their calls rather than soonest due first. */
  private byCall = false;
  /** Per signal, the positions of the calls of the gets that use it, ascending. */
  private readonly signalGetCalls: readonly (readonly number[])[];

  constructor(
    private readonly timeline: Timeline,
    private readonly budget: number,
  ) {
    this.machine = new Machine(timeline);
    this.keys = new Keys(timeline, this.machine);
    this.length = timeline.positionType.length;
    // Operations are numbered in the order of their calls, so each list comes out ascending.
    const signalGetCalls = Array.from({ length: timeline.signals }, (): number[] => []);
    timeline.kind.forEach((kind, operation) => {
      if (kind === Kind.get && (timeline.signal[operation] as number) >= 0) (signalGetCalls[timeline.signal[operation] as number] as number[]).push(timeline.callAt[operation] as number);
    });
    this.signalGetCalls = signalGetCalls;
  }

  /** How deep the search's stack of frames grew: on a history that needs no choice, one frame. */
  get deepest(): number {
    return this.depth;
  }

  private depth = 1;

  /** How many instants the search tried. */
  get spent(): number {
    return this.steps;
  }

  /**
   * Runs the search. `judgeEnd` says, for a configuration at the quiescent end, every way it breaks
   * the strict rule there; given it, a violation at the quiescent end is shown on the path that
   * breaks the rule in the fewest ways (among the first thousand), since one pending operation
   * may fail on one path only because another was placed badly, while the operation that fails on
   * every path fails on that one too. The first of those ways is the one reported.
   */
  run(judgeEnd?: (frontier: Frontier) => readonly Violation[]): Outcome {
    const whole = this.explore({ limit: this.length + 1, exact: false, stopAt: -1 }, this.budget);
    if (whole !== 'exhausted') return whole;
    // No linearization. A cut configuration may hide how far its paths could have gone, so
    // search again, cutting only configurations that cannot get past the furthest dead end found
    // so far: then the furthest frontier is found exactly. That search may cost more than the
    // first, so it (and each search after it) has a budget of its own, as large as the first's;
    // when that runs out, the report says between which positions the first one no order
    // explains lies.
    const upper = this.bound + 1;
    let exact = true;
    if (this.bound > this.reached) exact = this.explore({ limit: this.length + 1, exact: true, stopAt: -1 }, this.steps + this.budget) === 'exhausted';
    const furthest = this.reached;
    // Run once more to stop at the first path that reaches that frontier and goes no further,
    // trying operations in the order of their calls: the path that explains the violation is the
    // one on which every operation takes effect as early as its call allows, a report that does
    // not depend on which order happened to find a dead end first.
    this.byCall = true;
    if (furthest === this.length) this.judgeEnd = judgeEnd;
    // Its `limit` is the furthest frontier, so every doom it sees comes before `reached`: it cuts
    // as an exact search would.
    // Stryker disable next-line BooleanLiteral: so `exact: true` is the same search.
    const shown = this.explore({ limit: furthest, exact: false, stopAt: furthest }, this.steps + this.budget);
    const found = this.best ?? (shown === 'exhausted' || shown.kind !== 'illegal' ? { kind: 'illegal' as const, frontier: furthest, path: new Path(), active: [], settles: [] } : shown);
    return { ...found, frontier: furthest, exact, before: upper };
  }

  /** Judges the quiescent end, while the explaining exploration looks for the best path there. */
  private judgeEnd: ((frontier: Frontier) => readonly Violation[]) | undefined;
  /** The best path at the quiescent end so far, with the ways it breaks the rule. */
  private best: (Outcome & { readonly kind: 'illegal'; readonly violations: readonly Violation[] }) | undefined;
  /** How many dead ends at the quiescent end the explaining exploration has judged. */
  private judged = 0;

  /** Notes a dead end at the quiescent end; true when no better one can come. */
  private noteEnd(frontier: Frontier, path: Path): boolean {
    const violations = (this.judgeEnd as (frontier: Frontier) => readonly Violation[])(frontier);
    const [violation] = violations;
    if (violation !== undefined && (this.best === undefined || violations.length < this.best.violations.length)) {
      this.best = { kind: 'illegal', frontier: frontier.position, path: path.copy(), active: frontier.active, settles: frontier.settles, violation, violations };
    }
    this.judged += 1;
    return this.best?.violations.length === 1 || this.judged >= 1000;
  }

  /**
   * Explores depth first within `bounds`. Returns a linearization, `budget` (once the search has
   * tried `limit` instants in all), the first dead end at `bounds.stopAt`, or `exhausted`, noting
   * how far paths got.
   */
  private explore(bounds: Bounds, limit: number): Outcome | 'exhausted' {
    const { machine, timeline } = this;
    this.machine.undo(0);
    this.visited = new Set();
    this.bound = 0;
    const path = new Path();
    const root = advance(timeline, machine, start);
    this.visited.add(this.keys.key(root));
    if (this.finished(root)) return { kind: 'ok', path };
    const frames: Frame[] = [{ frontier: root, mark: machine.mark(), depth: 0, candidates: this.candidates(root) }];
    for (;;) {
      const frame = frames[frames.length - 1] as Frame;
      const candidate = frame.candidates.shift();
      if (candidate === undefined) {
        // A dead end: every instant that could come next leads nowhere.
        const position = frame.frontier.position;
        if (position === bounds.stopAt) {
          if (this.judgeEnd === undefined) return { kind: 'illegal', frontier: position, path, active: frame.frontier.active, settles: frame.frontier.settles };
          if (this.noteEnd(frame.frontier, path)) return 'exhausted';
        }
        this.reached = Math.max(this.reached, position);
        this.bound = Math.max(this.bound, position);
        frames.pop();
        if (frames.length === 0) return 'exhausted';
        machine.undo(frame.mark);
        path.truncate(frame.depth);
        continue;
      }
      this.steps += 1;
      if (this.steps > limit) return { kind: 'budget' };
      const operation = candidate >> 1;
      const followUp = (candidate & 1) === 1;
      const mark = machine.mark();
      const kind = timeline.kind[operation];
      // The gets whose wait a set or close will end: every waiting get, or the watcher's.
      const waiting = kind === Kind.close ? machine.waitingGet(timeline.watcher[operation] as number) : -1;
      const before = kind === Kind.set ? machine.waiting() : waiting >= 0 ? [waiting] : none;
      // Stryker disable next-line BlockStatement: a refused instant leaves the machine as it was (test/trace-machine.test.ts), so going on would reach this frame's own key, visited, and stop there.
      if (!(followUp ? machine.abortWait(operation) : machine.takeEffect(operation))) {
        machine.undo(mark);
        continue;
      }
      const next = advance(timeline, machine, frame.frontier);
      const key = this.keys.key(next);
      if (this.visited.has(key)) {
        machine.undo(mark);
        continue;
      }
      this.visited.add(key);
      const doomed = doomedBy(timeline, machine, next, bounds.limit);
      // `doomed` is -1, or the position of a return or settlement (never 0, a call).
      // Stryker disable next-line EqualityOperator: so `> 0` is the same test.
      const dies = doomed >= 0;
      if (dies && (!bounds.exact || doomed <= this.reached)) {
        this.bound = Math.max(this.bound, doomed);
        machine.undo(mark);
        continue;
      }
      // Only a get's request leaves its operation waiting; a follow-up ends the wait.
      path.push(
        operation,
        followUp,
        machine.progress(operation) === Progress.waiting,
        machine.version,
        Math.max(path.lastTime(), timeline.global[timeline.callAt[operation] as number] as number),
        before,
      );
      if (this.finished(next)) return { kind: 'ok', path };
      const candidates = this.candidates(next);
      // A frame with nothing left to try only waits to be backtracked past, so its child takes its
      // place, undoing to its mark: on a history that needs no choice (a sequential one) the stack
      // stays one frame deep instead of holding a frame per instant. Not while the search looks
      // for the dead end at `stopAt`, which it notes frame by frame.
      if (frame.candidates.length === 0 && bounds.stopAt === -1) frames[frames.length - 1] = { frontier: next, mark: frame.mark, depth: frame.depth, candidates };
      else this.depth = Math.max(this.depth, frames.push({ frontier: next, mark, depth: path.length - 1, candidates }));
    }
  }

  /** Whether a configuration at this frontier explains every position, and the quiescent end if judged. */
  private finished(frontier: Frontier): boolean {
    return frontier.position === this.length && (!this.timeline.quiescent || this.quiescentEndHolds(frontier));
  }

  /**
   * The strict rule at a quiescent end: every operation still pending has taken effect, a pending
   * get waits where the spec lets it wait (its request made, its watcher open, its signal not
   * aborted, nothing newer than its cursor), and every sync set that never settled still waits for
   * a watcher of its audience.
   */
  private quiescentEndHolds(frontier: Frontier): boolean {
    const { machine, timeline } = this;
    for (const operation of frontier.active) {
      if (timeline.kind[operation] === Kind.get) {
        if (machine.progress(operation) !== Progress.waiting || machine.aborted(timeline.signal[operation] as number)) return false;
      } else if (machine.progress(operation) !== Progress.done) return false;
    }
    // At the end every set left in `settles` is one that never settled, and done: one that never
    // returned is active (tested above), and one that returned took effect before.
    return frontier.settles.every((set) => !machine.audienceComplete(machine.versionOf(set)));
  }

  /**
   * An abort, called and not yet in effect, that commutes with every instant that may come before
   * its return: no get of its signal is active and not done, and none is called before the abort
   * returns, so no instant before the abort's own reads its signal. Any linearization from here
   * can take that abort first, so the search takes it at once instead of trying it at every place
   * among the other instants (for n such aborts in flight, 2^n configurations); -1 when there is none.
   */
  private independentAbort(frontier: Frontier): number {
    const { machine, timeline } = this;
    for (const abort of frontier.active) {
      if (timeline.kind[abort] !== Kind.abort || machine.progress(abort) !== Progress.none) continue;
      const signal = timeline.signal[abort] as number;
      const calls = this.signalGetCalls[signal] as readonly number[];
      if (countFrom(calls, frontier.position) > countFrom(calls, timeline.returnAt[abort] as number)) continue;
      const reader = frontier.active.some((get) => timeline.kind[get] === Kind.get && timeline.signal[get] === signal && machine.progress(get) !== Progress.done);
      if (!reader) return abort;
    }
    return -1;
  }

  /** The instants that may come next: each as operation * 2, plus 1 for a waiting get's abort. */
  private candidates(frontier: Frontier): number[] {
    const { machine, timeline } = this;
    const forced = this.independentAbort(frontier);
    if (forced >= 0) return [forced * 2];
    const candidates: number[] = [];
    const order = this.byCall ? [...frontier.active].sort((a, b) => (timeline.callAt[a] as number) - (timeline.callAt[b] as number)) : frontier.active;
    for (const operation of order) {
      const progress = machine.progress(operation);
      if (progress === Progress.none) candidates.push(operation * 2);
      else if (machine.canAbort(operation)) candidates.push(operation * 2 + 1);
    }
    return candidates;
  }
}
