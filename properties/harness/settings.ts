/**
 * How hard the properties try. `npm test` runs fixed seeds so every run is the same; the fuzz
 * script (`npm run fuzz`) sets `EVENT_VALUE_SEED` to a fresh seed each round.
 *
 * @module
 */

function integerFromEnvironment(name: string, fallback: number): number {
  const text = process.env[name];
  if (text === undefined || text === '') return fallback;
  const parsed = Number(text);
  if (!Number.isSafeInteger(parsed)) throw new Error(`${name} must be an integer, got '${text}'`);
  return parsed;
}

/** The seed of every property in this run. */
export const seed = integerFromEnvironment('EVENT_VALUE_SEED', 20_261_128);

/** Runs per property. */
export const numRuns = integerFromEnvironment('EVENT_VALUE_RUNS', 1000);

/** The longest command sequence drawn. */
export const maxCommands = 50;
