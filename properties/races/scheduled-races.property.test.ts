/**
 * Scheduled races (RE-1 to RE-3): the scheduler permutes the continuations of consumers, the
 * producer's sets and the aborts; consumers set, watch, close and abort from their continuations,
 * and abort listeners set, close or get before or after the library's own listener.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gallery } from '../faulty/gallery.js';
import { parameters } from '../harness/property.js';
import { runScenario, scenarioArbitrary } from '../../conformance/races/scenario.js';
import { searchTimeout } from '../../test/support/timeouts.js';

describe('scheduled races', () => {
  it('RE-1, RE-2, RE-3, RE-4, GET-4, GET-6, SYNC-1, CLOSE-5: any order of continuations, aborts and sets keeps MemoryValue and the model in agreement', { timeout: searchTimeout }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), scenarioArbitrary, async (scheduler, scenario) => {
        const outcome = await runScenario(scheduler, scenario);
        expect(outcome.disagreements).toEqual([]);
        expect(outcome.unfinished).toBe(0);
        expect(outcome.unsettledSets).toBe(0);
        outcome.received.forEach((versions, index) => {
          for (let i = 1; i < versions.length; i++) expect(versions[i]).toBeGreaterThan(versions[i - 1] ?? 0);
          if (scenario.mode === 'sync') {
            const first = outcome.firstExpected[index] ?? 1;
            expect(versions).toEqual(versions.map((_, i) => first + i));
          }
        });
      }),
      parameters(),
    );
  });
});

describe('the scheduled races can fail', () => {
  // The abort-listener leak is invisible to outcomes (the cancellation property catches it).
  for (const faulty of gallery.filter((variant) => variant.name !== 'an abort listener is left behind')) {
    it(`RE-1: the scheduled race rejects "${faulty.name}"`, { timeout: searchTimeout }, async () => {
      const result = await fc.check(
        fc.asyncProperty(fc.scheduler(), scenarioArbitrary, async (scheduler, scenario) => {
          const outcome = await runScenario(scheduler, { ...scenario, mode: faulty.mode }, faulty.factory);
          expect(outcome.disagreements).toEqual([]);
          expect(outcome.unfinished).toBe(0);
          expect(outcome.unsettledSets).toBe(0);
        }),
        parameters(),
      );
      expect(result.failed).toBe(true);
    });
  }
});
