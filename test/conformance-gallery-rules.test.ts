/**
 * The kit against the faulty layers and the faulty newer rules of the gallery, each declaring what
 * it offers (its own idioms, initial data, bounded sets, the backlog): each must fail its own
 * clause first, with expected against observed, a script, and a path that replays exactly it.
 */
import { describe, it } from 'vitest';
import type { ValueFactory } from '../conformance/kit.js';
import { featureGallery, layerGallery } from '../properties/faulty/gallery.js';
import { expectFirstFailure } from './support/kit-failures.js';

describe('the kit files every faulty layer and newer rule under its own clause first', () => {
  for (const fault of [...layerGallery, ...featureGallery]) {
    it(`${fault.clause}: "${fault.name}" (declaring ${fault.features.join(', ')})`, { timeout: 120_000 }, async () => {
      await expectFirstFailure(fault.factory as ValueFactory, { features: fault.features }, fault.clause);
    });
  }
});
