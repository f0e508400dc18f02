/**
 * Every public entry point with bad input (ERR-1 to ERR-3, CLOSE-1, CLOSE-3, CONC-1, ABORT-3,
 * PRED-6): each call is answered with a `TypeError` whose message names the problem, or with the
 * spec's typed error, and leaves the value and the watcher exactly as they were. "Exactly as they
 * were" is checked by running the same probe after the bad call and without it: the transcripts
 * must match, on MemoryValue and on the model alike, and the two must match each other.
 */
import { describe, expect, it } from 'vitest';
import { ModelValue } from '../model/model-value.js';
import { MemoryValue, withIdioms } from '../src/index.js';
import { errorName } from './support/promises.js';

/** The part of a value and a watcher the bad calls reach. */
interface Subject {
  readonly value: { set(data: number): unknown; watch(): SubjectWatcher };
  readonly watcher: SubjectWatcher;
}
interface SubjectWatcher {
  get(options?: unknown): Promise<number>;
  waitFor(accept: unknown, options?: unknown): Promise<number>;
  close(): void;
}

const makers = {
  MemoryValue: (sync: boolean) => new MemoryValue<number>({ sync }) as unknown as Subject['value'],
  ModelValue: (sync: boolean) => withIdioms(new ModelValue<number>({ sync })) as unknown as Subject['value'],
} as const;

/** What a bad call must answer. */
type Expected = { readonly type: 'TypeError'; readonly message: RegExp } | { readonly type: 'error'; readonly name: string } | { readonly type: 'reason' };

interface BadCall {
  readonly name: string;
  readonly call: (subject: Subject, signalReason: Error) => unknown;
  readonly expected: Expected;
  /** Close the watcher before the bad call. */
  readonly onClosed?: boolean;
  /** Leave a get pending on the watcher during the bad call. */
  readonly whilePending?: boolean;
}

const typeError = (message: RegExp): Expected => ({ type: 'TypeError', message });
const aborted = (reason: Error): AbortSignal => {
  const controller = new AbortController();
  controller.abort(reason);
  return controller.signal;
};
const fakeSignal = { aborted: false, addEventListener() {}, removeEventListener() {} };

const getCalls: readonly BadCall[] = [
  { name: 'get with a string for options', call: ({ watcher }) => watcher.get('now'), expected: typeError(/options must be an object, got string/) },
  { name: 'get with null for options', call: ({ watcher }) => watcher.get(null), expected: typeError(/options must be an object, got null/) },
  { name: 'get with an array for options', call: ({ watcher }) => watcher.get([]), expected: typeError(/options must be an object/) },
  { name: 'get with a number for options', call: ({ watcher }) => watcher.get(7), expected: typeError(/options must be an object, got number/) },
  { name: 'get with an unknown option', call: ({ watcher }) => watcher.get({ timeout: 5 }), expected: typeError(/unknown option 'timeout'/) },
  { name: 'get with an extra key beside a signal', call: ({ watcher }) => watcher.get({ signal: new AbortController().signal, retries: 1 }), expected: typeError(/unknown option 'retries'/) },
  { name: 'get with a number for a signal', call: ({ watcher }) => watcher.get({ signal: 42 }), expected: typeError(/'signal' must be an AbortSignal/) },
  { name: 'get with null for a signal', call: ({ watcher }) => watcher.get({ signal: null }), expected: typeError(/'signal' must be an AbortSignal/) },
  { name: 'get with a string for a signal', call: ({ watcher }) => watcher.get({ signal: 'abort' }), expected: typeError(/'signal' must be an AbortSignal/) },
  { name: 'get with an AbortController for a signal', call: ({ watcher }) => watcher.get({ signal: new AbortController() }), expected: typeError(/'signal' must be an AbortSignal/) },
  { name: 'get with a signal lacking removeEventListener', call: ({ watcher }) => watcher.get({ signal: { aborted: false, addEventListener() {} } }), expected: typeError(/'signal' must be an AbortSignal/) },
  { name: 'get with a signal in place of the options', call: ({ watcher }) => watcher.get(new AbortController().signal), expected: typeError(/pass a signal as \{ signal \}/) },
  { name: 'get with an aborted signal in place of the options', call: ({ watcher }, reason) => watcher.get(aborted(reason)), expected: typeError(/pass a signal as \{ signal \}/) },
  { name: 'get with a predicate, which belongs to waitFor', call: ({ watcher }) => watcher.get({ accept: () => true }), expected: typeError(/unknown option 'accept'/) },
  { name: 'waitFor with a string for a predicate', call: ({ watcher }) => watcher.waitFor('online'), expected: typeError(/accept must be a function, got string/) },
  { name: 'waitFor with null for a predicate', call: ({ watcher }) => watcher.waitFor(null), expected: typeError(/accept must be a function, got null/) },
  { name: 'waitFor with bad get options', call: ({ watcher }) => watcher.waitFor(() => true, { signal: 3 }), expected: typeError(/'signal' must be an AbortSignal/) },
  { name: 'get with bad options on a closed watcher', call: ({ watcher }) => watcher.get({ signal: 1 }), expected: typeError(/'signal' must be an AbortSignal/), onClosed: true },
  { name: 'get on a closed watcher', call: ({ watcher }) => watcher.get(), expected: { type: 'error', name: 'WatcherClosedError' }, onClosed: true },
  { name: 'get with an aborted signal on a closed watcher', call: ({ watcher }, reason) => watcher.get({ signal: aborted(reason) }), expected: { type: 'error', name: 'WatcherClosedError' }, onClosed: true },
  { name: 'close on a closed watcher', call: ({ watcher }) => watcher.close(), expected: { type: 'reason' }, onClosed: true },
  { name: 'get while another get is pending', call: ({ watcher }) => watcher.get(), expected: { type: 'error', name: 'ConcurrentGetError' }, whilePending: true },
  { name: 'get with an aborted signal while another is pending', call: ({ watcher }, reason) => watcher.get({ signal: aborted(reason) }), expected: { type: 'error', name: 'ConcurrentGetError' }, whilePending: true },
  { name: 'get with bad options while another is pending', call: ({ watcher }) => watcher.get({ signal: 'x' }), expected: typeError(/'signal' must be an AbortSignal/), whilePending: true },
  { name: 'get with an already-aborted signal', call: ({ watcher }, reason) => watcher.get({ signal: aborted(reason) }), expected: { type: 'reason' } },
  { name: 'waitFor with an already-aborted signal', call: ({ watcher }, reason) => watcher.waitFor(() => true, { signal: aborted(reason) }), expected: { type: 'reason' } },
  { name: 'get with a look-alike signal that is already aborted', call: ({ watcher }, reason) => watcher.get({ signal: { ...fakeSignal, aborted: true, reason } }), expected: { type: 'reason' } },
];

/**
 * Runs the probe: a fixed series of calls whose outcomes depend on every bit of state. A get that
 * would wait is given up at the next macrotask, so the transcript says "would wait" instead of
 * hanging.
 */
async function probe(subject: Subject, pending: Promise<number> | undefined): Promise<string[]> {
  const { value, watcher } = subject;
  const transcript: string[] = [];
  const note = (promise: Promise<number>): Promise<void> =>
    promise.then(
      (data) => void transcript.push(`fulfilled ${data}`),
      (error: unknown) => void transcript.push(`rejected ${error instanceof Error && error.message === 'would wait' ? 'would wait' : errorName(error)}`),
    );
  const getNow = (from: SubjectWatcher): Promise<void> => {
    const controller = new AbortController();
    setImmediate(() => controller.abort(new Error('would wait')));
    return note(from.get({ signal: controller.signal }));
  };
  const late = value.watch();
  void value.set(2);
  const settled = pending === undefined ? Promise.resolve() : note(pending);
  void value.set(3);
  await settled;
  for (let step = 0; step < 3; step++) await getNow(watcher);
  await getNow(late);
  await getNow(late);
  watcher.close();
  await note(watcher.get());
  late.close();
  return transcript;
}

/** Sets up a watcher that has received version 1, optionally closed or with a get pending. */
function setUp(make: (sync: boolean) => Subject['value'], sync: boolean, call: BadCall): { subject: Subject; pending: Promise<number> | undefined } {
  const value = make(sync);
  void value.set(1);
  const watcher = value.watch();
  void watcher.get();
  if (call.onClosed === true) watcher.close();
  // In sync mode the pending get waits for version 2; in async mode for the next set too.
  const pending = call.whilePending === true ? watcher.get() : undefined;
  return { subject: { value, watcher }, pending };
}

describe('bad input to every public entry point', () => {
  it('ERR-2: the constructor throws a TypeError that names the bad option, for each kind of bad options', () => {
    const cases: readonly [unknown, RegExp][] = [
      ['yes', /options must be an object, got string/],
      [42, /options must be an object, got number/],
      [null, /options must be an object, got null/],
      [[true], /options must be an object/],
      [{ sync: 'yes' }, /option 'sync' must be a boolean, got string/],
      [{ sync: 1 }, /option 'sync' must be a boolean, got number/],
      [{ sync: null }, /option 'sync' must be a boolean, got null/],
      [{ sink: true }, /unknown option 'sink'/],
      [{ sync: true, limit: 3 }, /unknown option 'limit'/],
    ];
    for (const [options, message] of cases) {
      expect(() => new MemoryValue(options as never)).toThrow(TypeError);
      expect(() => new MemoryValue(options as never)).toThrow(message);
      expect(() => new ModelValue(options as never)).toThrow(TypeError);
    }
  });

  it("ERR-2, ERR-3: the model's messages name the call and the option, tersely; `initial` takes any value", async () => {
    expect(() => new ModelValue({ sync: 'yes' } as never)).toThrow(new TypeError("ModelValue: option 'sync' must be a boolean"));
    expect(() => new ModelValue({ sink: true } as never)).toThrow(new TypeError("ModelValue: unknown option 'sink'"));
    for (const initial of [null, 0, 'text', () => 1, { then: 1 }]) expect(new ModelValue<unknown>({ initial }).peek()).toMatchObject({ data: initial });
    const model = new ModelValue<number>();
    expect(() => model.set(1, { signal: 'stop' } as never)).toThrow(new TypeError("ModelValue.set: option 'signal' must be an AbortSignal"));
    await expect(model.watch().get({ signal: 'stop' } as never)).rejects.toThrow(new TypeError("Watcher.get: option 'signal' must be an AbortSignal"));
  });

  it('ERR-2: an inherited option is not an option: only own keys are read, so nothing unchecked gets through', async () => {
    const value = new MemoryValue<number>(Object.create({ sync: 'yes' }) as never);
    expect(value.sync).toBe(false);
    const watcher = value.watch();
    value.set(1);
    // An inherited, unchecked `signal` must not be used.
    expect(await watcher.get(Object.create({ signal: 'not a signal' }) as never)).toBe(1);
  });

  for (const [name, make] of Object.entries(makers)) {
    for (const sync of [false, true]) {
      for (const call of getCalls) {
        it(`ERR-1, ERR-3, GET-7: ${call.name} is answered as the spec says and changes nothing [${name}, ${sync ? 'sync' : 'async'}]`, async () => {
          const reason = new Error('aborted before the call');
          const control = setUp(make, sync, call);
          const controlTranscript = await probe(control.subject, control.pending);

          const { subject, pending } = setUp(make, sync, call);
          let answer: unknown;
          try {
            answer = await call.call(subject, reason);
          } catch (error) {
            answer = error;
          }
          switch (call.expected.type) {
            case 'TypeError':
              expect(answer).toBeInstanceOf(TypeError);
              // The model's messages are terser; MemoryValue's are the ones users read.
              if (name === 'MemoryValue') expect(String((answer as Error).message)).toMatch(call.expected.message);
              break;
            case 'error':
              expect(errorName(answer)).toBe(call.expected.name);
              break;
            case 'reason':
              // The signal's own reason, or (for close) nothing at all.
              expect(answer === reason || answer === undefined).toBe(true);
              break;
          }
          expect(await probe(subject, pending)).toEqual(controlTranscript);
        });
      }
    }
  }

  it('ERR-3: the transcripts of MemoryValue and the model agree for every bad call', async () => {
    for (const sync of [false, true]) {
      for (const call of getCalls) {
        const transcripts = await Promise.all(
          Object.values(makers).map(async (make) => {
            const { subject, pending } = setUp(make, sync, call);
            await Promise.resolve(call.call(subject, new Error('aborted'))).catch(() => {});
            return probe(subject, pending);
          }),
        );
        expect(transcripts[0]).toEqual(transcripts[1]);
      }
    }
  });

  it('VAL-3: set takes any data, so there is no bad data to set; watch, peek and readOnly take nothing and ignore extra arguments', async () => {
    const value = new MemoryValue<unknown>();
    const watcher = (value.watch as (...args: unknown[]) => ReturnType<typeof value.watch>)('extra', 1);
    for (const data of [undefined, null, Number.NaN, '', 0, Symbol('s'), () => 1]) {
      value.set(data);
      expect(await watcher.get()).toBe(data);
      expect((value.peek as (...args: unknown[]) => ReturnType<typeof value.peek>)('extra')?.data).toBe(data);
    }
    const view = (value.readOnly as (...args: unknown[]) => ReturnType<typeof value.readOnly>)('extra');
    expect(Object.keys(view)).toEqual(['watch', 'peek']);
  });

  for (const [name, make] of Object.entries({ MemoryValue: (sync: boolean) => new MemoryValue<number>({ sync }), ModelValue: (sync: boolean) => new ModelValue<number>({ sync }) })) {
    for (const sync of [false, true]) {
      it(`ERR-2, SYNC-7: bad set options throw a TypeError that names the problem, and set nothing [${name}, ${sync ? 'sync' : 'async'}]`, () => {
        const value = make(sync);
        value.set(1);
        const set = value.set as (data: number, options?: unknown) => unknown;
        const controller = new AbortController();
        expect(() => set.call(value, 2, 42)).toThrow(/options must be an object/);
        expect(() => set.call(value, 2, null)).toThrow(/options must be an object/);
        expect(() => set.call(value, 2, { timeout: 5 })).toThrow(/unknown option 'timeout'/);
        expect(() => set.call(value, 2, { signal: 'stop' })).toThrow(/'signal' must be an AbortSignal/);
        expect(() => set.call(value, 2, controller.signal)).toThrow(/pass a signal as \{ signal \}/);
        for (const call of [() => set.call(value, 2, 7), () => set.call(value, 2, controller.signal)]) expect(call).toThrow(TypeError);
        expect(value.peek()).toEqual({ version: 1, data: 1 });
      });
    }
  }
});
