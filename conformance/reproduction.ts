/**
 * A failing command sequence as a script a reader can paste and run: every command as the calls
 * it makes (`const w0 = v.watch();`, `report('g0', w0.get());`), the data of the k-th set being k,
 * and, at the step where the implementation departs from the spec, what the reference model did
 * there and what the implementation did.
 *
 * The step is found by replaying the sequence on the model and on the implementation side by side
 * and comparing, command by command, what settled: as sets of outcomes by default (the order
 * within one call is free, docs/spec.md section 16), in order for the strict profile.
 *
 * @module
 */

import { ModelValue } from '../model/model-value.js';
import { applyAction, type Action } from '../properties/harness/commands.js';
import { Run, type Factory } from '../properties/harness/run.js';
import { settingAside } from '../properties/harness/violation.js';
import type { Reproduction } from './checks/check.js';
import { clauses } from './clauses.js';

/** Every clause id: while replaying, nothing throws, so every step can be compared. */
const everyClause: ReadonlySet<string> = new Set(clauses.map((clause) => clause.id));

/** The lines a script starts with: how it reports outcomes, and how it lets them happen. */
function preamble(exact: boolean): string[] {
  return [
    '// import factory from \'./your-implementation.js\'; (in an ES module, for top-level await)',
    "const report = (name, promise) => void Promise.resolve(promise).then((data) => console.log(name, 'resolved with', data), (error) => console.log(name, 'rejected with', error?.name ?? error));",
    exact ? '// after each step, one microtask turn: the strict profile settles within the call' : 'const tick = () => new Promise((resolve) => setImmediate(resolve)); // lets every microtask run',
  ];
}

/** Writes the script of a command sequence, tracking watchers, gets, sets and signals as the harness does. */
class ScriptWriter {
  readonly lines: string[];
  private watchers = 0;
  private gets = 0;
  private version: number;
  /** Each get's controller per watcher (`''` for none), in order, as `Run.abort` searches them. */
  private readonly controllers = new Map<number, string[]>();
  /** The controllers aborted so far. */
  private readonly aborted = new Set<string>();
  private readonly boundedSets: number[] = [];
  private readonly iterators = new Set<number>();
  /** The controller of each watcher's loop, when it has a signal (ITER-5). */
  private readonly loops = new Map<number, string>();
  private readonly wait: string;

  constructor(
    private readonly sync: boolean,
    initial: boolean,
    exact: boolean,
    layered: boolean,
    /** A remote set takes effect when its promise resolves: the script awaits it. */
    private readonly remote: boolean,
  ) {
    this.version = initial ? 1 : 0;
    this.wait = exact ? ' await null;' : ' await tick();';
    const options = `{ sync: ${sync}${initial ? ', initial: 1' : ''} }`;
    this.lines = [
      ...preamble(exact),
      layered ? `const v = withIdioms(factory(${options})); // import { withIdioms } from 'event-value': the idioms' layer` : `const v = factory(${options});`,
    ];
  }

  /** Appends the lines of one action. */
  write(action: Action): void {
    const line = this.lineOf(action);
    this.lines.push(action.kind === 'settle' ? line : `${line}${this.wait}`);
  }

  private watcher(index: number): number {
    return index % Math.max(this.watchers, 1);
  }

  private lineOf(action: Action): string {
    switch (action.kind) {
      case 'watch':
        return `const w${this.watchers++} = ${action.view ? 'readOnly(v)' : 'v'}.watch();`;
      case 'set': {
        const version = (this.version += 1);
        if (this.remote) return `await v.set(${version});`;
        if (!action.signal) return this.sync ? `report('s${version}', v.set(${version}));` : `v.set(${version});`;
        this.boundedSets.push(version);
        return `const sc${version} = new AbortController(); report('s${version}', v.set(${version}, { signal: sc${version}.signal }));`;
      }
      case 'abortSet': {
        const version = this.boundedSets.pop();
        return version === undefined ? '// abortSet: no bounded set left to abort' : `sc${version}.abort(new Error('abort of set ${version}'));`;
      }
      case 'peek':
        return 'console.log(\'peek\', v.peek());';
      case 'backlog':
        return 'console.log(\'backlog\', v.backlog());';
      case 'get': {
        const watcher = this.watcher(action.watcher);
        const id = this.gets++;
        const signal = action.signal === 'none' ? '' : this.controller(watcher, `c${id}`, action.signal === 'aborted', 'the get');
        if (action.signal === 'none') this.controllers.set(watcher, [...(this.controllers.get(watcher) ?? []), '']);
        const options = action.signal === 'none' ? '' : `{ signal: c${id}.signal }`;
        const call =
          action.predicate === 'none'
            ? `w${watcher}.get(${options})`
            : action.predicate === 'even'
              ? `w${watcher}.waitFor((data) => data % 2 === 0${options === '' ? '' : `, ${options}`})`
              : `w${watcher}.waitFor((data) => { if (data % 3 === 0) throw new Error('refused'); return true; }${options === '' ? '' : `, ${options}`})`;
        return `${signal}report('g${id}', ${call});`;
      }
      case 'abort': {
        const watcher = this.watcher(action.watcher);
        const controller = this.controllers.get(watcher)?.findLast((name) => name !== '' && !this.aborted.has(name));
        if (controller !== undefined) this.aborted.add(controller);
        return controller === undefined ? `// abort(w${watcher}): no get of w${watcher} with a signal left to abort` : `${controller}.abort(new Error('abort'));`;
      }
      case 'close':
        return `w${this.watcher(action.watcher)}.close();`;
      case 'step': {
        const watcher = this.watcher(action.watcher);
        const id = this.gets++;
        const next = `report('g${id}', it${watcher}.next());`;
        // Every step of one loop carries the loop's signal (ITER-5), as the harness's steps do.
        if (this.iterators.has(watcher)) {
          this.controllers.set(watcher, [...(this.controllers.get(watcher) ?? []), this.loops.get(watcher) ?? '']);
          return next;
        }
        this.iterators.add(watcher);
        if (action.signal === 'none') {
          this.controllers.set(watcher, [...(this.controllers.get(watcher) ?? []), '']);
          return `const it${watcher} = w${watcher}[Symbol.asyncIterator](); ${next}`;
        }
        this.loops.set(watcher, `lc${watcher}`);
        const signal = this.controller(watcher, `lc${watcher}`, action.signal === 'aborted', 'the loop');
        return `${signal}const it${watcher} = w${watcher}.values({ signal: lc${watcher}.signal }); ${next}`;
      }
      case 'leave': {
        const watcher = this.watcher(action.watcher);
        if (this.iterators.has(watcher)) return `void it${watcher}.return();`;
        // The iterator made to leave is the loop's from then on, as the harness keeps it.
        this.iterators.add(watcher);
        return `const it${watcher} = w${watcher}[Symbol.asyncIterator](); void it${watcher}.return();`;
      }
      case 'dispose':
        return `w${this.watcher(action.watcher)}[Symbol.dispose]();`;
      case 'settle':
        return 'await new Promise((resolve) => setImmediate(resolve));';
    }
  }

  /** The lines that make a controller for a get or a loop, remembered for a later abort. */
  private controller(watcher: number, name: string, abortedAlready: boolean, what: string): string {
    this.controllers.set(watcher, [...(this.controllers.get(watcher) ?? []), name]);
    if (!abortedAlready) return `const ${name} = new AbortController(); `;
    this.aborted.add(name);
    return `const ${name} = new AbortController(); ${name}.abort(new Error('aborted before ${what}')); `;
  }
}

/** Says what a log entry of a run means, in the names of the script. */
function spoken(entry: string): string {
  const get = /^get#(\d+) (fulfilled|rejected|judges) ?(.*)$/.exec(entry);
  if (get !== null) {
    if (get[2] === 'fulfilled') return `g${get[1]} resolves with ${get[3]}`;
    if (get[2] === 'judges') return `the predicate of g${get[1]} ${get[3]?.replace(/^(\d+): (\w+)$/, '$2s $1') ?? ''}`;
    return `g${get[1]} rejects ${get[3] === 'with its signal reason' ? "with its signal's reason" : `with a ${get[3]}`}`;
  }
  const set = /^set (\d+) (settled|REJECTED)(.*)$/.exec(entry);
  if (set !== null) return set[2] === 'settled' ? `s${set[1]} resolves` : `s${set[1]} rejects${set[3]}`;
  if (entry.startsWith('peek ')) return `peek() returns ${entry === 'peek unset' ? 'undefined' : entry.replace(/^peek (\d+):(.*)$/, '{ version: $1, data: $2 }')}`;
  return entry;
}

/** What settled during one command: its settlements (and reads), spoken; order kept. */
function outcomes(entries: readonly string[]): string[] {
  return entries.filter((entry) => /^(get#\d+ (fulfilled|rejected|judges)|set \d+ (settled|REJECTED)|peek |backlog )/.test(entry)).map(spoken);
}

/** Whether two commands' outcomes agree: as multisets by default, in order when exact. */
function agree(left: readonly string[], right: readonly string[], exact: boolean): boolean {
  if (exact) return left.join('\n') === right.join('\n');
  return [...left].sort().join('\n') === [...right].sort().join('\n');
}

/**
 * One run's outcomes per command, replaying `actions` and waiting after each as the check did:
 * one microtask turn when exact, until the microtasks drain otherwise, and for a remote
 * implementation until its sets have settled.
 */
async function replay(run: Run, actions: readonly Action[], exact: boolean, remote: boolean): Promise<string[][]> {
  const perCommand: string[][] = [];
  for (const action of actions) {
    const from = run.log.length;
    try {
      applyAction(run, action);
    } catch (error) {
      run.log.push(`threw ${error instanceof Error ? error.name : String(error)}`);
    }
    if (remote) await Promise.all(run.inflight.splice(0));
    if (exact && !remote && action.kind !== 'settle') await Promise.resolve();
    else await new Promise((resolve) => setImmediate(resolve));
    perCommand.push(outcomes(run.log.slice(from)).concat(run.log.slice(from).filter((entry) => entry.startsWith('threw '))));
    run.command += 1;
  }
  return perCommand;
}

/** How a failing sequence is to be reproduced. */
export interface SequenceCase {
  readonly actions: readonly Action[];
  readonly sync: boolean;
  /** Whether the value started set with the data 1 (VAL-7). */
  readonly initial: boolean;
  /** Whether the order within one call counts (the strict profile). */
  readonly exact: boolean;
  /** Whether the implementation's watchers were given the idioms by the layer. */
  readonly layered: boolean;
  /** Whether its sets take effect when their promises settle (remote timing). */
  readonly remote: boolean;
}

/**
 * The script of a failing command sequence, with the first step at which the implementation's
 * outcomes differ from the model's, if replaying finds one (a fault that shows in what the
 * implementation keeps, such as an abort listener left behind, changes no outcome).
 */
export async function reproduceSequence(factory: Factory, failing: SequenceCase): Promise<Reproduction> {
  const writer = new ScriptWriter(failing.sync, failing.initial, failing.exact, failing.layered, failing.remote);
  const first = writer.lines.length;
  for (const action of failing.actions) writer.write(action);
  const [expected, observed] = await settingAside(everyClause, async () => {
    const model = new Run('model', failing.sync, (options) => new ModelValue<number>(options), failing.initial);
    const implementation = new Run('implementation', failing.sync, factory, failing.initial);
    return [await replay(model, failing.actions, failing.exact, false), await replay(implementation, failing.actions, failing.exact, failing.remote)];
  });
  const index = expected.findIndex((outcome, position) => !agree(outcome, observed[position] ?? [], failing.exact));
  if (index === -1) return { script: writer.lines, step: undefined, expected: undefined, observed: undefined };
  const say = (list: readonly string[] | undefined): string => (list === undefined || list.length === 0 ? 'nothing settles' : list.join(', then '));
  return { script: writer.lines, step: first + index, expected: say(expected[index]), observed: say(observed[index]) };
}
