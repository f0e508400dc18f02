/**
 * The kit against every single-fault implementation of properties/faulty/modules/ (those
 * `npm run conform -- MODULE` runs): each must fail its own clause first, the one whose sentence
 * it breaks, with expected against observed, a script, and a path that replays exactly it.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ValueFactory } from '../conformance/kit.js';
import type { Feature } from '../conformance/features.js';
import { specGallery } from '../properties/faulty/from-spec.js';
import { gallery } from '../properties/faulty/gallery.js';
import { expectFirstFailure } from './support/kit-failures.js';

const root = join(import.meta.dirname, '..');
const faults = [...gallery, ...specGallery];

describe('the kit files every fault of the gallery under its own clause first', () => {
  it('covers every module of properties/faulty/modules', () => {
    const modules = readdirSync(join(root, 'properties/faulty/modules')).map((file) => `properties/faulty/modules/${file}`);
    expect(faults.map((fault) => fault.module).sort()).toEqual(modules.sort());
  });

  for (const fault of faults) {
    it(`${fault.clause}: "${fault.name}" (${fault.module})`, { timeout: 120_000 }, async () => {
      const module = (await import(join(root, fault.module))) as { default: ValueFactory; features: Feature[] };
      await expectFirstFailure(module.default, { features: module.features }, fault.clause);
    });
  }
});
