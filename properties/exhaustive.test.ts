/**
 * The bounded exhaustive check in `npm test`: every command sequence up to length 6, both modes,
 * MemoryValue against the model; and every faulty variant of the gallery caught by it, at the
 * smallest length that exposes it.
 */
import { describe, expect, it } from 'vitest';
import { MemoryValue } from '../src/index.js';
import { describeCounterexample, explore, summary } from './exhaustive/explore.js';
import { gallery } from './faulty/gallery.js';

describe('bounded exhaustive check', () => {
  it('GET-1 to CLOSE-5 (every aspect): every sequence up to length 6 agrees with the model, in both modes', async () => {
    const exploration = await explore((options) => new MemoryValue<number>(options), 6);
    console.log(summary(exploration));
    expect(exploration.counterexample === undefined ? 'none' : describeCounterexample(exploration.counterexample)).toBe('none');
    expect(exploration.explored).toBeGreaterThan(20_000);
  }, 120_000);

  for (const faulty of gallery) {
    it(`ORDER-2: the exhaustive check rejects "${faulty.name}" at length ${faulty.exhaustiveLength}`, async () => {
      const exploration = await explore(faulty.factory, 6, [faulty.mode]);
      expect(exploration.counterexample?.sequence.length).toBe(faulty.exhaustiveLength);
    });
  }
});
