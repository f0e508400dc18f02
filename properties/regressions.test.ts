/**
 * Every counterexample the random searches have found, kept as a named test so it is checked on
 * every run, whatever the seed. Each names where and when it was found and what it showed.
 */
import { describe, expect, it } from 'vitest';
import { implementations } from './harness/implementations.js';

describe('regressions found by the random searches', () => {
  for (const { name, factory } of implementations) {
    // Found by the scheduled race on 2026-11-28 (seed 20261128, run 44): a get made from an abort
    // listener took version 2 from the watcher, and the check, which only counted the consumer's
    // own gets, saw the consumer receive 1 then 3 in sync mode. The implementations were right;
    // the race now counts every get of a watcher. This pins down the behaviour it relied on.
    it(`RE-3, SYNC-1: a get made by an abort listener takes the next version of the same watcher [${name}]`, async () => {
      const value = factory({ sync: true });
      void value.set(1);
      const watcher = value.watch();
      const controller = new AbortController();
      expect(await watcher.get({ signal: controller.signal })).toBe(1);
      void value.set(2);
      void value.set(3);
      let fromListener: Promise<number> | undefined;
      controller.signal.addEventListener('abort', () => {
        fromListener = watcher.get();
      });
      controller.abort();
      expect(await fromListener).toBe(2);
      expect(await watcher.get()).toBe(3);
      watcher.close();
    });
  }
});
