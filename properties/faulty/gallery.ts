/**
 * The faulty variants with the aspect expected to catch each, and the mode it shows in.
 *
 * @module
 */

import { ModelValue } from '../../model/model-value.js';
import { cancellation, close, coalescing, concurrentGet, monotonicity, predicate, reading, syncLog, type Aspect, type Mode } from '../aspects/index.js';
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
import {
  AbortWithdrawsVersion,
  BacklogCountsEveryWatcher,
  BoundedSetIgnoresSignal,
  InitialIgnored,
  PeekLagsBehind,
  PeekMakesFreshSnapshots,
  PeekMarksSeen,
} from './feature-variants.js';
import {
  AbortedLoopKeepsWatcherOpen,
  AcceptsWhateverItExamines,
  DisposeDoesNothing,
  IgnoresVersionAtHand,
  LeavingKeepsWatcherOpen,
  ThrowingPredicateSwallowed,
} from './layer-variants.js';

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
  /** The module of properties/faulty/modules/ that exports it for `npm run conform`. */
  readonly module: string;
}

function variant(
  name: string,
  originalDefect: boolean,
  Variant: new (options: { sync: boolean }) => ModelValue<number>,
  mode: Mode,
  caughtBy: Aspect,
  exhaustiveLength: number,
  module: string,
): FaultyVariant {
  return { name, originalDefect, factory: (options) => new Variant(options), mode, caughtBy, exhaustiveLength, module: `properties/faulty/modules/${module}.ts` };
}

export const gallery: readonly FaultyVariant[] = [
  variant('out-of-order delivery', true, OutOfOrderDelivery, 'sync', monotonicity, 4, 'out-of-order-delivery'),
  variant('sync set wedged by cancellation', true, CancelWedgesSyncSet, 'sync', cancellation, 5, 'cancel-wedges-sync-set'),
  variant('close does not release a sync set', true, CloseKeepsSyncSet, 'sync', close, 3, 'close-keeps-sync-set'),
  variant('get after close waits', true, GetAfterCloseWaits, 'async', close, 3, 'get-after-close-waits'),
  variant('first get skips the current value', false, FirstGetSkipsCurrent, 'async', coalescing, 3, 'first-get-skips-current'),
  variant('coalescing returns a stale value', false, StaleCoalescing, 'async', coalescing, 4, 'stale-coalescing'),
  variant('a cancelled get consumes the version', false, CancelledGetConsumes, 'async', cancellation, 4, 'cancelled-get-consumes'),
  variant('a concurrent get disturbs the pending one', false, ConcurrentGetDisturbs, 'async', concurrentGet, 3, 'concurrent-get-disturbs'),
  variant('an abort listener is left behind', false, AbortListenerLeak, 'async', cancellation, 3, 'abort-listener-leak'),
  variant('a sync set resolves before its audience received it', false, SyncSetSettlesEarly, 'sync', syncLog, 2, 'sync-set-settles-early'),
];

/**
 * One faulty variant beyond the core's gallery (a faulty layer, or a faulty newer rule), and the
 * aspect that rejects it; `undefined` for a fault only the comparison with the model sees.
 */
export interface FaultyRule {
  readonly name: string;
  readonly factory: Factory;
  readonly mode: Mode;
  readonly caughtBy: Aspect | undefined;
}

function faultyRule(name: string, Variant: new (options: { sync: boolean }) => ModelValue<number>, mode: Mode, caughtBy: Aspect | undefined): FaultyRule {
  return { name, factory: (options) => new Variant(options), mode, caughtBy };
}

/** The faulty layers, rejected by the properties of the idioms. */
export const layerGallery: readonly FaultyRule[] = [
  faultyRule('waitFor resolves with whatever it examines', AcceptsWhateverItExamines, 'async', predicate),
  faultyRule('a predicate that throws counts as a rejection', ThrowingPredicateSwallowed, 'async', predicate),
  faultyRule('waitFor throws away the version at hand', IgnoresVersionAtHand, 'sync', predicate),
  faultyRule('leaving a loop keeps the watcher open', LeavingKeepsWatcherOpen, 'sync', undefined),
  faultyRule('disposing does nothing', DisposeDoesNothing, 'sync', undefined),
  faultyRule('an aborted loop keeps its watcher open', AbortedLoopKeepsWatcherOpen, 'async', close),
];

/** The faulty variants of reading, initial data, bounded sets and the backlog. */
export const featureGallery: readonly FaultyRule[] = [
  faultyRule('a peek makes a fresh snapshot each time', PeekMakesFreshSnapshots, 'async', reading),
  faultyRule('a peek lags one set behind', PeekLagsBehind, 'sync', reading),
  faultyRule('a peek marks the current version as seen', PeekMarksSeen, 'async', coalescing),
  faultyRule('the initial data is ignored', InitialIgnored, 'async', reading),
  faultyRule('a bounded set ignores its signal', BoundedSetIgnoresSignal, 'sync', syncLog),
  faultyRule('an abort withdraws the version of a bounded set', AbortWithdrawsVersion, 'sync', syncLog),
  faultyRule('the backlog counts every open watcher', BacklogCountsEveryWatcher, 'sync', syncLog),
];
