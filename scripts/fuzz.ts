/**
 * `npm run fuzz -- --minutes N`: runs every property on fresh random seeds for N minutes (default
 * 1), printing each seed. On a failure it prints the seed and fast-check's replay path and exits
 * 1; the counterexample then belongs in `properties/regressions.ts` as a named regression test.
 */
import fc from 'fast-check';
import { aspects, idiomAspects } from '../properties/aspects/index.js';
import { defaultWeights, idiomWeights } from '../properties/harness/commands.js';
import { implementations } from '../properties/harness/implementations.js';
import { aspectProperty, equivalenceProperty } from '../properties/harness/property.js';
import { agreesWithBruteForce } from '../properties/brute-force/cross-check.js';
import { illegalMutations, legalHistories } from '../properties/histories/properties.js';
import { MemoryValue } from '../src/index.js';

function minutesFromArguments(args: readonly string[]): number {
  const index = args.indexOf('--minutes');
  if (index === -1) return 1;
  const minutes = Number(args[index + 1]);
  if (!(minutes > 0)) {
    console.error('usage: npm run fuzz -- --minutes N   (N > 0)');
    process.exit(2);
  }
  return minutes;
}

const deadline = Date.now() + minutesFromArguments(process.argv.slice(2)) * 60_000;
const runsPerSeed = 200;
let rounds = 0;

const properties: { name: string; property: () => fc.IAsyncPropertyWithHooks<never[]> }[] = [];
for (const mode of ['async', 'sync'] as const) {
  properties.push({
    name: `model equivalence [${mode}]`,
    property: () => equivalenceProperty((options) => new MemoryValue<number>(options), mode, aspects, defaultWeights) as never,
  });
  properties.push({
    name: `model equivalence with the idioms and predicates [${mode}]`,
    property: () => equivalenceProperty((options) => new MemoryValue<number>(options), mode, [...aspects, ...idiomAspects], idiomWeights) as never,
  });
  for (const aspect of [...aspects, ...idiomAspects].filter((candidate) => candidate.modes.includes(mode))) {
    for (const { name, factory } of implementations) {
      properties.push({ name: `${aspect.title} [${name}, ${mode}]`, property: () => aspectProperty(aspect, factory, mode) as never });
    }
  }
}

// The trace checker: histories legal by construction, their certainly illegal mutations, and the
// cross-check against the brute force (properties/histories, properties/brute-force).
for (const mode of ['async', 'sync'] as const) {
  properties.push({ name: `trace checker: legal histories [${mode}]`, property: () => legalHistories(mode) as never });
  properties.push({ name: `trace checker: certainly illegal mutations [${mode}]`, property: () => illegalMutations(mode) as never });
}
properties.push({ name: 'trace checker: agrees with the brute force', property: () => agreesWithBruteForce() as never });

while (Date.now() < deadline) {
  for (const { name, property } of properties) {
    const seed = Math.floor(Math.random() * 2 ** 31);
    const result = await fc.check(property(), { seed, numRuns: runsPerSeed });
    rounds += 1;
    if (result.failed) {
      console.error(`FAILED ${name}\n  seed: ${seed}\n  path: ${result.counterexamplePath ?? ''}\n  ${String(result.errorInstance)}`);
      console.error(`  counterexample: ${fc.stringify(result.counterexample)}`);
      process.exit(1);
    }
    console.log(`ok ${name} seed=${seed} runs=${runsPerSeed}`);
  }
}
console.log(`fuzz: ${rounds} property rounds of ${runsPerSeed} runs each, all passed`);
