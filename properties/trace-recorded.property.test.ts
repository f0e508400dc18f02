/**
 * The recorder and the trace checker, cross-checked on the same runs: random command sequences
 * drive a recorded implementation, and the checker must accept every trace recorded from
 * MemoryValue and the model, and reject the traces of every faulty variant it can see. The runs
 * await every continuation before the trace ends, so each trace ends quiescent.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTrace } from '../conformance/trace/check.js';
import { parseTrace } from '../conformance/trace/format.js';
import { Recorder } from '../conformance/trace/recorder.js';
import type { Value, Watcher } from '../src/types.js';
import { gallery } from './faulty/gallery.js';
import { implementations } from './harness/implementations.js';
import { parameters } from './harness/property.js';
import type { Factory } from './harness/run.js';

type Step =
  | { readonly kind: 'watch' }
  | { readonly kind: 'set' }
  | { readonly kind: 'get'; readonly watcher: number; readonly signal: 'none' | 'fresh' | 'aborted' }
  | { readonly kind: 'abort'; readonly watcher: number }
  | { readonly kind: 'close'; readonly watcher: number }
  | { readonly kind: 'settle' };

const watcherIndex = fc.nat({ max: 3 });
const stepArbitrary: fc.Arbitrary<Step> = fc.oneof(
  fc.constant<Step>({ kind: 'watch' }),
  fc.constant<Step>({ kind: 'set' }),
  fc.record({ kind: fc.constant('get' as const), watcher: watcherIndex, signal: fc.constantFrom('none' as const, 'fresh' as const, 'aborted' as const) }),
  fc.record({ kind: fc.constant('abort' as const), watcher: watcherIndex }),
  fc.record({ kind: fc.constant('close' as const), watcher: watcherIndex }),
  fc.constant<Step>({ kind: 'settle' }),
);

/** Runs the steps on a recorded value and returns the recorded trace. */
async function record(factory: Factory, sync: boolean, steps: readonly Step[]): Promise<string> {
  const recorder = new Recorder(sync ? 'sync' : 'async');
  const value: Value<number> = recorder.record(factory({ sync }));
  const watchers: Watcher<number>[] = [];
  const controllers: AbortController[][] = [];
  let version = 0;
  for (const step of steps) {
    const index = watchers.length === 0 ? -1 : (step as { watcher?: number }).watcher ?? 0;
    const watcher = watchers[index % Math.max(watchers.length, 1)];
    const ownControllers = controllers[index % Math.max(watchers.length, 1)];
    switch (step.kind) {
      case 'watch':
        watchers.push(value.watch());
        controllers.push([]);
        break;
      case 'set':
        void Promise.resolve(value.set((version += 1))).catch(() => {});
        break;
      case 'get': {
        if (watcher === undefined || ownControllers === undefined) break;
        const controller = step.signal === 'none' ? undefined : new AbortController();
        if (step.signal === 'aborted') controller?.abort();
        if (controller !== undefined) ownControllers.push(controller);
        watcher.get(controller === undefined ? undefined : { signal: controller.signal }).catch(() => {});
        break;
      }
      case 'abort':
        ownControllers?.find((controller) => !controller.signal.aborted)?.abort();
        break;
      case 'close':
        watcher?.close();
        break;
      case 'settle':
        await new Promise((resolve) => setImmediate(resolve));
        break;
    }
    await Promise.resolve();
  }
  // Every continuation has run: nothing more can happen without a new call.
  await new Promise((resolve) => setImmediate(resolve));
  recorder.endQuiescent();
  return recorder.text();
}

const stepsArbitrary = fc.array(stepArbitrary, { maxLength: 40, size: 'max' });

describe('recorded traces are judged by the checker', () => {
  for (const { name, factory } of implementations) {
    for (const sync of [false, true]) {
      it(`every clause the checker knows: a trace recorded from ${name} is legal [${sync ? 'sync' : 'async'} mode]`, async () => {
        await fc.assert(
          fc.asyncProperty(stepsArbitrary, async (steps) => {
            const verdict = checkTrace(parseTrace(await record(factory, sync, steps)));
            expect(verdict).toMatchObject({ verdict: 'ok' });
          }),
          parameters(300),
        );
      });
    }
  }

  // An abort listener left behind is invisible to a history of calls and returns.
  for (const faulty of gallery.filter((variant) => variant.name !== 'an abort listener is left behind')) {
    it(`the checker rejects a trace recorded from "${faulty.name}"`, async () => {
      const result = await fc.check(
        fc.asyncProperty(stepsArbitrary, async (steps) => {
          const verdict = checkTrace(parseTrace(await record(faulty.factory, faulty.mode === 'sync', steps)));
          expect(verdict).toMatchObject({ verdict: 'ok' });
        }),
        parameters(300),
      );
      expect(result.failed).toBe(true);
    });
  }
});
