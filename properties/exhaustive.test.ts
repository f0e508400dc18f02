/**
 * The bounded exhaustive check in `npm test`: every command sequence up to length 7, both modes,
 * MemoryValue against the model, explored by states (properties/exhaustive/explore.ts); every
 * faulty variant of the gallery caught by it, at the smallest length that exposes it (the length
 * a search of every sequence, without pruning, found); and the pruning itself, shown to merge
 * only prefixes whose futures are the same on a correct pair.
 */
import { describe, expect, it } from 'vitest';
import { MemoryValue } from '../src/index.js';
import { describeCounterexample, explore, sequenceCount, summary } from './exhaustive/explore.js';
import { checkKeySoundness } from './exhaustive/key-soundness.js';
import { gallery } from './faulty/gallery.js';
import { searchTimeout } from '../test/support/timeouts.js';

describe('bounded exhaustive check', () => {
  it('GET-1 to CLOSE-5 (every aspect): every sequence up to length 7 agrees with the model, in both modes', async () => {
    const exploration = await explore((options) => new MemoryValue<number>(options), 7);
    console.log(summary(exploration));
    expect(exploration.counterexample === undefined ? 'none' : describeCounterexample(exploration.counterexample)).toBe('none');
    expect(exploration.depth).toBe(7);
    expect(exploration.covered).toBe(2 * sequenceCount(7));
    expect(exploration.covered).toBeGreaterThan(150_000);
    // Each state is reached and checked; the pruning merges sequences, it does not skip states.
    expect(exploration.states).toBeGreaterThan(1000);
  }, searchTimeout);

  for (const faulty of gallery) {
    it(`ORDER-2: the exhaustive check rejects "${faulty.name}" at length ${faulty.exhaustiveLength}`, async () => {
      const exploration = await explore(faulty.factory, 6, [faulty.mode]);
      expect(exploration.counterexample?.sequence.length).toBe(faulty.exhaustiveLength);
    }, searchTimeout);
  }

  for (const mode of ['async', 'sync'] as const) {
    it(`the pruning merges only equal futures: prefixes up to length 4 with one state key observe the same under every continuation up to length 2 [${mode} mode]`, async () => {
      const soundness = await checkKeySoundness(mode, 4, 2);
      expect(soundness.conflicts).toEqual([]);
      // Most prefixes share their key with an earlier one, so there was something to compare.
      expect(soundness.merged).toBeGreaterThan(150);
    }, searchTimeout);
  }
});
