/**
 * The faulty variants with the aspect expected to catch each, and the mode it shows in.
 *
 * @module
 */

import { ModelValue } from '../../model/model-value.js';
import { cancellation, close, coalescing, concurrentGet, monotonicity, syncLog, type Aspect, type Mode } from '../aspects/index.js';
import type { Factory } from '../harness/run.js';
import {
  AbortListenerLeak,
  CancelledGetConsumes,
  CancelWedgesSyncSet,
  CloseKeepsSyncSet,
  ConcurrentGetDisturbs,
  FirstGetSkipsCurrent,
  GetAfterCloseWaits,
  OutOfOrderDelivery,
  StaleCoalescing,
  SyncSetSettlesEarly,
} from './variants.js';

/** One faulty variant. */
export interface FaultyVariant {
  readonly name: string;
  /** Whether it is one of the four defects measured on the Go original. */
  readonly originalDefect: boolean;
  readonly factory: Factory;
  readonly mode: Mode;
  readonly caughtBy: Aspect;
  /** The shortest command sequence of the exhaustive check that exposes it. */
  readonly exhaustiveLength: number;
}

function variant(
  name: string,
  originalDefect: boolean,
  Variant: new (options: { sync: boolean }) => ModelValue<number>,
  mode: Mode,
  caughtBy: Aspect,
  exhaustiveLength: number,
): FaultyVariant {
  return { name, originalDefect, factory: (options) => new Variant(options), mode, caughtBy, exhaustiveLength };
}

export const gallery: readonly FaultyVariant[] = [
  variant('out-of-order delivery', true, OutOfOrderDelivery, 'sync', monotonicity, 4),
  variant('sync set wedged by cancellation', true, CancelWedgesSyncSet, 'sync', cancellation, 5),
  variant('close does not release a sync set', true, CloseKeepsSyncSet, 'sync', close, 3),
  variant('get after close waits', true, GetAfterCloseWaits, 'async', close, 3),
  variant('first get skips the current value', false, FirstGetSkipsCurrent, 'async', coalescing, 3),
  variant('coalescing returns a stale value', false, StaleCoalescing, 'async', coalescing, 4),
  variant('a cancelled get consumes the version', false, CancelledGetConsumes, 'async', cancellation, 4),
  variant('a concurrent get disturbs the pending one', false, ConcurrentGetDisturbs, 'async', concurrentGet, 3),
  variant('an abort listener is left behind', false, AbortListenerLeak, 'async', cancellation, 3),
  variant('a sync set resolves before its audience received it', false, SyncSetSettlesEarly, 'sync', syncLog, 2),
];
