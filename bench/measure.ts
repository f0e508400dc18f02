/**
 * How the benchmarks measure: the contenders of a scenario are timed side by side, in rounds. In
 * each round every contender runs one sample, in an order rotated from round to round, so that
 * each contender follows each other one equally often and none always runs first (cold) or right
 * after the one that leaves the most garbage. A ratio between two contenders is the median of
 * their ratios round by round: on a shared machine whose speed drifts, the two samples of one
 * round ran under nearly the same conditions.
 *
 * The heap is not collected by force between samples: a forced collection shrinks V8's young
 * generation, and the sample after it pays for growing it again, which is not what a program in
 * its steady state pays (measured here: sync lockstep took about twice as long after one).
 *
 * @module
 */

/** One contender of a scenario. */
export interface Contender {
  readonly name: string;
  /** Runs one sample: the operations that are timed. */
  readonly run: () => unknown;
  /** Prepares a sample, untimed (fresh watchers for a ready get, for example). */
  readonly prepare?: () => void;
  /**
   * Context only (a slow peer no target is stated against): warmed up once and measured in the
   * first few rounds only, so that it does not dominate the time of the run.
   */
  readonly context?: boolean;
}

/** The samples of every contender, in milliseconds; `undefined` where a round skipped one. */
export type Samples = ReadonlyMap<string, readonly (number | undefined)[]>;

/** How many rounds, how many of them unmeasured warm-up, and how many for context contenders. */
export interface Rounds {
  readonly warmup: number;
  readonly measured: number;
  readonly context: number;
}

/** Only these contenders, when profiling one alone. */
export type ContenderFilter = (name: string) => boolean;

/** Forces a full garbage collection; needs `node --expose-gc`. */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('the benchmarks need node --expose-gc (npm run bench passes it)');
  gc();
}

/**
 * A place to put results so that V8 cannot prove them unused and delete the work that made them.
 * Every sample feeds it something the timed loop computed.
 */
export const sink = { value: 0 as unknown };

/** Times the contenders side by side, round by round (see the module comment). */
export async function sideBySide(contenders: readonly Contender[], rounds: Rounds, only: ContenderFilter = () => true): Promise<Samples> {
  const chosen = contenders.filter((contender) => only(contender.name));
  const samples = new Map<string, (number | undefined)[]>(chosen.map((contender) => [contender.name, []]));
  const total = rounds.warmup + rounds.measured;
  for (let round = 0; round < total; round++) {
    const measured = round - rounds.warmup;
    for (let turn = 0; turn < chosen.length; turn++) {
      const contender = chosen[(round + turn) % chosen.length] as Contender;
      const list = samples.get(contender.name) as (number | undefined)[];
      // A context contender warms up in the last warm-up round only, and is measured in the first rounds.
      if (contender.context === true && (measured < -1 || measured >= rounds.context)) {
        if (measured >= 0) list.push(undefined);
        continue;
      }
      contender.prepare?.();
      const started = performance.now();
      await contender.run();
      const elapsed = performance.now() - started;
      if (measured >= 0) list.push(elapsed);
    }
  }
  return samples;
}

/** The median of the numbers given; `NaN` for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The samples a contender has, skipped rounds left out. */
export function measuredSamples(samples: Samples, name: string): number[] {
  return (samples.get(name) ?? []).filter((sample): sample is number => sample !== undefined);
}

/** The median over the rounds of `numerator`'s sample divided by `denominator`'s in the same round. */
export function pairedRatio(samples: Samples, numerator: string, denominator: string): number {
  const top = samples.get(numerator) ?? [];
  const bottom = samples.get(denominator) ?? [];
  const ratios: number[] = [];
  top.forEach((sample, round) => {
    const other = bottom[round];
    if (sample !== undefined && other !== undefined) ratios.push(sample / other);
  });
  return median(ratios);
}
