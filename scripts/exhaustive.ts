/**
 * `npm run exhaustive -- --depth K`: checks every command sequence up to length K against
 * MemoryValue and the reference model, in both modes, exploring each state they reach once (see
 * properties/exhaustive/explore.ts). Prints `covered N sequences up to length K by exploring S
 * states (R sequences run) in T s`; on the first disagreement, prints the shortest sequence that
 * shows it and exits 1.
 */
import { describeCounterexample, explore, summary } from '../properties/exhaustive/explore.js';
import { MemoryValue } from '../src/index.js';

function depthFromArguments(args: readonly string[]): number {
  const index = args.indexOf('--depth');
  if (index === -1) return 6;
  const depth = Number(args[index + 1]);
  if (!Number.isInteger(depth) || depth < 1) {
    console.error('usage: npm run exhaustive -- --depth K   (K a positive integer)');
    process.exit(2);
  }
  return depth;
}

const exploration = await explore((options) => new MemoryValue<number>(options), depthFromArguments(process.argv.slice(2)));
if (exploration.counterexample !== undefined) {
  console.error(describeCounterexample(exploration.counterexample));
  console.log(summary(exploration));
  process.exit(1);
}
console.log(summary(exploration));
