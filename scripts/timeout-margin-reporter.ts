/**
 * A vitest reporter for `npm run check:timeouts`: lists the tests that took longest against the
 * timeout they run under, and fails the run when any test took more than a third of its timeout.
 * On this shared 2-core machine a test's time can triple under load, so a test that runs within 3x
 * of its timeout is a flaky test waiting to happen: give it an explicit, generous timeout, or make
 * it faster.
 *
 * Use it beside the default reporter:
 * `vitest run --reporter=default --reporter=./scripts/timeout-margin-reporter.ts`.
 *
 * @module
 */

import type { Reporter, TestCase, TestModule } from 'vitest/node';

/** The margin every test must keep: its duration times this must stay within its timeout. */
const margin = 3;

/** How many of the tightest tests to list when all is well. */
const shown = 10;

/** One finished test, with what it took and what it was allowed. */
interface Timing {
  readonly name: string;
  readonly duration: number;
  readonly timeout: number;
}

/** Lists the tests closest to their timeouts; sets a failing exit code if one is within 3x. */
export default class TimeoutMarginReporter implements Reporter {
  readonly #timings: Timing[] = [];

  onTestCaseResult(testCase: TestCase): void {
    const duration = testCase.diagnostic()?.duration;
    const timeout = testCase.options.timeout;
    if (duration === undefined || timeout === undefined) return;
    this.#timings.push({ name: `${testCase.module.relativeModuleId} > ${testCase.fullName}`, duration, timeout });
  }

  onTestRunEnd(_modules: readonly TestModule[]): void {
    const tightest = [...this.#timings].sort((a, b) => b.duration / b.timeout - a.duration / a.timeout);
    const tooTight = tightest.filter((timing) => timing.duration * margin > timing.timeout);
    const line = (timing: Timing): string =>
      `  ${(timing.duration / 1000).toFixed(2).padStart(7)} s of ${(timing.timeout / 1000).toFixed(0).padStart(4)} s ` +
      `(${((100 * timing.duration) / timing.timeout).toFixed(0).padStart(3)}%)  ${timing.name}`;
    console.log(`\ntimeout margins: ${this.#timings.length} tests; the ${Math.min(shown, tightest.length)} closest to their timeouts:`);
    for (const timing of tightest.slice(0, shown)) console.log(line(timing));
    if (tooTight.length === 0) {
      console.log(`every test ran in less than 1/${margin} of its timeout`);
      return;
    }
    console.log(`\n${tooTight.length} test(s) ran within ${margin}x of their timeout:`);
    for (const timing of tooTight) console.log(line(timing));
    process.exitCode = 1;
  }
}
