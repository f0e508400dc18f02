/**
 * The properties must reject every faulty variant of the gallery, each through the aspect it
 * belongs to, and the comparison with the model must reject each too. A property that accepted a
 * faulty variant would be a property that cannot fail.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defectScenarios } from '../test/support/defect-scenarios.js';
import { aspects } from './aspects/index.js';
import { featureGallery, gallery, layerGallery } from './faulty/gallery.js';
import { boundedWeights, defaultWeights, idiomWeights } from './harness/commands.js';
import { aspectProperty, equivalenceProperty, parameters } from './harness/property.js';
import { searchTimeout } from '../test/support/timeouts.js';

describe('the faulty gallery is rejected', () => {
  it('holds a variant for each of the four defects of the original', () => {
    expect(gallery.filter((faulty) => faulty.originalDefect).map((faulty) => faulty.name).sort()).toEqual(
      defectScenarios.map((scenario) => scenario.defect).sort(),
    );
  });

  for (const faulty of gallery) {
    it(`${faulty.clause}: the ${faulty.caughtBy.title} property rejects "${faulty.name}", naming the clause it breaks`, { timeout: searchTimeout }, async () => {
      const result = await fc.check(aspectProperty(faulty.caughtBy, faulty.factory, faulty.mode), parameters());
      expect(result.failed).toBe(true);
      expect(String(result.errorInstance)).toContain(`${faulty.clause} violated`);
    });

    const scenario = defectScenarios.find((candidate) => candidate.defect === faulty.name);
    if (scenario !== undefined) {
      it(`${scenario.clauses.join(', ')}: the regression test for "${faulty.name}" fails on the variant`, async () => {
        await expect(scenario.run(faulty.factory)).rejects.toThrow();
      });
    }

    it(`ORDER-2: the comparison with the model rejects "${faulty.name}"`, { timeout: searchTimeout }, async () => {
      const result = await fc.check(equivalenceProperty(faulty.factory, faulty.mode, aspects, defaultWeights), parameters());
      expect(result.failed).toBe(true);
    });
  }

  for (const faulty of layerGallery) {
    const caughtBy = faulty.caughtBy;
    it(`${faulty.clause}: the ${caughtBy.title} property, with the idioms mixed in, rejects the faulty layer "${faulty.name}", naming the clause it breaks`, { timeout: searchTimeout }, async () => {
      const weights = { ...caughtBy.weights, idioms: Math.max(caughtBy.weights.idioms, 1) };
      const result = await fc.check(aspectProperty({ ...caughtBy, weights }, faulty.factory, faulty.mode), parameters());
      expect(result.failed).toBe(true);
      expect(String(result.errorInstance)).toContain(`${faulty.clause} violated`);
    });

    it(`ITER-3, DISPOSE-1, PRED-1: the comparison with the model under the real layer rejects the faulty layer "${faulty.name}"`, { timeout: searchTimeout }, async () => {
      const result = await fc.check(equivalenceProperty(faulty.factory, faulty.mode, [], idiomWeights), parameters());
      expect(result.failed).toBe(true);
    });
  }

  for (const faulty of featureGallery) {
    const caughtBy = faulty.caughtBy;
    it(`${faulty.clause}: the ${caughtBy.title} property rejects "${faulty.name}", naming the clause it breaks`, { timeout: searchTimeout }, async () => {
      const weights = { ...caughtBy.weights, reads: Math.max(caughtBy.weights.reads, 1) };
      const result = await fc.check(aspectProperty({ ...caughtBy, weights }, faulty.factory, faulty.mode, 'in-memory', { initial: true }), parameters());
      expect(result.failed).toBe(true);
      expect(String(result.errorInstance)).toContain(`${faulty.clause} violated`);
    });

    it(`ORDER-2: the comparison with the model rejects "${faulty.name}"`, { timeout: searchTimeout }, async () => {
      const result = await fc.check(equivalenceProperty(faulty.factory, faulty.mode, aspects, boundedWeights, 'in-memory', { initial: true }), parameters());
      expect(result.failed).toBe(true);
    });
  }
});
