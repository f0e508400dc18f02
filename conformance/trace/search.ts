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

import { advance, start, type Frontier } from './frontier.js';
import { Keys } from './key.js';
import { Machine, Progress } from './machine.js';
import { doomedBy } from './prune.js';
import { Kind, type Timeline } from './timeline.js';

/** One instant of a path through the search. */
export interface Step {
  /** The operation (by its number in the timeline). */
  readonly operation: number;
  /** Whether this is the follow-up of a waiting get whose signal was aborted, not its primary instant. */
  readonly followUp: boolean;
  /** Whether this is the request of a get that then waited. */
  readonly waited: boolean;
  /** The gets whose wait this set or close ended at its instant, in the order they began waiting. */
  readonly ended: readonly number[];
  /** The version right after this instant. */
  readonly version: number;
  /** The index among the trace's events after which this instant happens, at the earliest. */
  readonly time: number;
}

/** What the search found. */
export type Outcome =
  | {
      /** A linearization exists. */
      readonly kind: 'ok';
      /** The linearization. */
      readonly path: readonly Step[];
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
      readonly path: readonly Step[];
      /** The operations active at that frontier (at the end: the pending ones). */
      readonly active: readonly number[];
      /** The sync-mode sets whose settlement was still to be checked there. */
      readonly settles: readonly number[];
    }
  | {
      /** The budget ran out first. */
      readonly kind: 'budget';
    };

/** How one exploration is bounded. */
interface Bounds {
  /** Positions from here on are not judged (the timeline's length: all of them). */
  readonly horizon: number;
  /** Whether the quiescent end is judged (only when the horizon is the end). */
  readonly end: boolean;
  /** Configurations are cut only for returns and settlements before this position (the length: the quiescent end). */
  readonly limit: number;
  /** Stop at the first dead end at this frontier (-1: search for a linearization). */
  readonly stopAt: number;
}

interface Frame {
  readonly frontier: Frontier;
  /** The machine's mark before the instant that led here. */
  readonly mark: number;
  readonly candidates: number[];
  next: number;
}

/** The search over one timeline. */
export class Search {
  readonly machine: Machine;
  private readonly keys: Keys;
  private readonly length: number;
  private visited = new Set<string>();
  private steps = 0;
  /** The furthest frontier a dead end was found at, in the last exploration. */
  private reached = 0;
  /** A frontier no path of the last exploration can go beyond (cut configurations included). */
  private bound = 0;
  /** Whether to try operations in the order of their calls rather than soonest due first. */
  private byCall = false;

  constructor(
    private readonly timeline: Timeline,
    private readonly budget: number,
  ) {
    this.machine = new Machine(timeline);
    this.keys = new Keys(timeline, this.machine);
    this.length = timeline.positionType.length;
  }

  /** How many instants the search tried. */
  get spent(): number {
    return this.steps;
  }

  /** Runs the search. */
  run(): Outcome {
    const whole = this.explore(this.prefix(this.length + 1), true);
    if (whole !== 'exhausted') return whole;
    // No linearization. Cut configurations may hide how far a path could have gone, so find the
    // first position no prefix explains between the furthest dead end and the furthest cut: a
    // prefix up to `legal` has a linearization, one up to `illegal` has none.
    let legal = this.reached;
    let illegal = this.bound + 1;
    while (illegal - legal > 1) {
      const middle = (legal + illegal) >> 1;
      if (this.explore(this.prefix(middle), false) === 'exhausted') illegal = middle;
      else legal = middle;
    }
    // Run once more to stop at the first path that reaches that position and goes no further,
    // trying operations in the order of their calls: the path that explains the violation is the
    // one on which every operation takes effect as early as its call allows, a report that does
    // not depend on which order happened to find a dead end first.
    this.byCall = true;
    const bounds = this.prefix(legal + 1);
    const shown = this.explore({ ...bounds, limit: legal, stopAt: legal }, false);
    return shown === 'exhausted' ? { kind: 'illegal', frontier: legal, path: [], active: [], settles: [] } : shown;
  }

  /**
   * The bounds that judge the prefix of positions before `length`; past the end, with the quiescent
   * end, which cuts count as the position after the last.
   */
  private prefix(length: number): Bounds {
    return { horizon: Math.min(length, this.length), end: length > this.length && this.timeline.quiescent, limit: length, stopAt: -1 };
  }

  /**
   * Explores depth first within `bounds`. Returns a linearization, `budget` (only when `budgeted`),
   * the first dead end at `bounds.stopAt`, or `exhausted`, noting how far paths got.
   */
  private explore(bounds: Bounds, budgeted: boolean): Outcome | 'exhausted' {
    const { machine, timeline } = this;
    this.machine.undo(0);
    this.visited = new Set();
    this.reached = 0;
    this.bound = 0;
    const path: Step[] = [];
    const root = advance(timeline, machine, start, bounds.horizon);
    this.visited.add(this.keys.key(root));
    if (this.finished(root, bounds)) return { kind: 'ok', path };
    const frames: Frame[] = [{ frontier: root, mark: machine.mark(), candidates: this.candidates(root), next: 0 }];
    for (;;) {
      const frame = frames[frames.length - 1] as Frame;
      if (frame.next === frame.candidates.length) {
        // A dead end: every instant that could come next leads nowhere.
        const position = frame.frontier.position;
        if (position === bounds.stopAt) return { kind: 'illegal', frontier: position, path, active: frame.frontier.active, settles: frame.frontier.settles };
        this.reached = Math.max(this.reached, position);
        this.bound = Math.max(this.bound, position);
        frames.pop();
        if (frames.length === 0) return 'exhausted';
        machine.undo(frame.mark);
        path.pop();
        continue;
      }
      const candidate = frame.candidates[frame.next] as number;
      frame.next += 1;
      this.steps += 1;
      if (budgeted && this.steps > this.budget) return { kind: 'budget' };
      const operation = candidate >> 1;
      const followUp = (candidate & 1) === 1;
      const mark = machine.mark();
      const kind = timeline.kind[operation];
      const before = kind === Kind.set ? machine.waiting() : kind === Kind.close ? [machine.waitingGet(timeline.watcher[operation] as number)] : [];
      if (!(followUp ? machine.abortWait(operation) : machine.takeEffect(operation))) {
        machine.undo(mark);
        continue;
      }
      const next = advance(timeline, machine, frame.frontier, bounds.horizon);
      const key = this.keys.key(next);
      const doomed = this.visited.has(key) ? -2 : doomedBy(timeline, machine, next, bounds.limit);
      this.visited.add(key);
      if (doomed !== -1) {
        if (doomed >= 0) this.bound = Math.max(this.bound, doomed);
        machine.undo(mark);
        continue;
      }
      const previous = path.length === 0 ? 0 : (path[path.length - 1] as Step).time;
      path.push({
        operation,
        followUp,
        waited: !followUp && kind === Kind.get && machine.progress(operation) === Progress.waiting,
        ended: before.filter((get) => get >= 0),
        version: machine.version,
        time: Math.max(previous, timeline.global[timeline.callAt[operation] as number] as number),
      });
      if (this.finished(next, bounds)) return { kind: 'ok', path };
      frames.push({ frontier: next, mark, candidates: this.candidates(next), next: 0 });
    }
  }

  /** Whether a configuration at this frontier explains every position within the bounds. */
  private finished(frontier: Frontier, bounds: Bounds): boolean {
    return frontier.position === bounds.horizon && (!bounds.end || this.quiescentEndHolds(frontier));
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
    // At the end every set left in `settles` is one that never settled.
    return frontier.settles.every((set) => machine.progress(set) === Progress.done && !machine.audienceComplete(machine.versionOf(set)));
  }

  /** The instants that may come next: each as operation * 2, plus 1 for a waiting get's abort. */
  private candidates(frontier: Frontier): number[] {
    const { machine, timeline } = this;
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
