/**
 * Counterexamples that random runs of the trace checker's properties found, each kept as a named
 * regression with the seed that found it.
 */
import { describe, expect, it } from 'vitest';
import { checkTrace } from '../conformance/trace/check.js';
import { parseTrace } from '../conformance/trace/format.js';
import { generate, random, traceText } from './histories/generate.js';
import { mutations } from './histories/mutations.js';
import type { Plan } from './histories/plan.js';

describe('trace checker regressions', () => {
  it('a stale read across watchers whose newer set never returned (fuzz seed 2088468971, async): every mutation applies, and is judged for its clause', async () => {
    // The mutation moved the newer set's return to the end, and failed when that set had no return.
    const plan: Plan = {
      mode: 'async',
      threads: 2,
      steps: [
        { thread: 0, action: { kind: 'get', watcher: 0, signal: { kind: 'reuse', index: 0 } } },
        { thread: 0, action: { kind: 'set', awaited: false, repeat: true } },
        { thread: 0, action: { kind: 'get', watcher: 0, signal: { kind: 'none' } } },
        { thread: 0, action: { kind: 'abort', signal: 0 } },
        { thread: 0, action: { kind: 'get', watcher: 0, signal: { kind: 'new' } } },
        { thread: 0, action: { kind: 'set', awaited: false, repeat: true } },
        { thread: 0, action: { kind: 'get', watcher: 0, signal: { kind: 'reuse', index: 0 } } },
        { thread: 0, action: { kind: 'set', awaited: false, repeat: true } },
        { thread: 0, action: { kind: 'set', awaited: false, repeat: true } },
        { thread: 0, action: { kind: 'abort', signal: 0 } },
        { thread: 0, action: { kind: 'get', watcher: 0, signal: { kind: 'new' } } },
        { thread: 0, action: { kind: 'get', watcher: 0, signal: { kind: 'reuse', index: 0 } } },
        { thread: 0, action: { kind: 'set', awaited: false, repeat: true } },
        { thread: 0, action: { kind: 'set', awaited: false, repeat: true } },
        { thread: 0, action: { kind: 'watch' } },
        { thread: 0, action: { kind: 'set', awaited: false, repeat: true } },
        { thread: 0, action: { kind: 'set', awaited: false, repeat: true } },
        { thread: 0, action: { kind: 'abort', signal: 0 } },
        { thread: 0, action: { kind: 'watch' } },
        { thread: 0, action: { kind: 'set', awaited: false, repeat: true } },
        { thread: 0, action: { kind: 'get', watcher: 0, signal: { kind: 'none' } } },
        { thread: 0, action: { kind: 'get', watcher: 0, signal: { kind: 'reuse', index: 1 } } },
        { thread: 0, action: { kind: 'get', watcher: 0, signal: { kind: 'new' } } },
        { thread: 0, action: { kind: 'set', awaited: false, repeat: false } },
        { thread: 1, action: { kind: 'get', watcher: 0, signal: { kind: 'new' } } },
        { thread: 0, action: { kind: 'set', awaited: false, repeat: false } },
        { thread: 3, action: { kind: 'get', watcher: 2, signal: { kind: 'reuse', index: 1 } } },
        { thread: 1, action: { kind: 'get', watcher: 2, signal: { kind: 'none' } } },
        { thread: 0, action: { kind: 'get', watcher: 0, signal: { kind: 'new' } } },
      ],
      seed: 21,
      ending: 'cut',
      atomic: false,
    };
    const history = await generate(plan);
    expect(checkTrace(parseTrace(traceText(history.records)))).toMatchObject({ verdict: 'ok' });
    const applied = mutations(history, random(plan.seed ^ 0x5bd1e995));
    expect(applied.map((mutation) => mutation.clause)).toContain('ASYNC-1');
    for (const mutation of applied) {
      expect(checkTrace(parseTrace(traceText(mutation.records)))).toMatchObject({ verdict: 'illegal', clause: mutation.clause, operation: mutation.operation });
    }
  });
});
