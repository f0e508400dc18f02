import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * Under Stryker, where one worker runs the test files of a mutant one after another and stops at
 * the first failure, the quickest files run first (by their last duration, unknown ones first), so
 * that a mutant a quick test catches is not first put through the slow properties. Elsewhere the
 * default order stands: slowest first, which keeps parallel workers busy.
 */
class QuickestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    if (process.env['STRYKER_MUTATOR_WORKER'] === undefined) return super.sort(files);
    const duration = (file: TestSpecification): number => this.ctx.cache.getFileTestResults(`${file.project.name}:${relative(this.ctx.config.root, file.moduleId)}`)?.duration ?? 0;
    return [...files].sort((a, b) => duration(a) - duration(b));
  }
}

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'properties/**/*.test.ts'],
    // A rejection nobody handles is a defect of the library or of a test; fail the run on it.
    dangerouslyIgnoreUnhandledErrors: false,
    // Some clauses are about what the library keeps alive (CLOSE-4, LIFE-1 to LIFE-3, COST-3);
    // their tests force garbage collection (test/support/gc.ts). The heavy leak tests are in
    // vitest.leaks.config.ts.
    sequence: { sequencer: QuickestFirst },
  },
});
