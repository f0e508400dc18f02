/**
 * The faulty variants with the aspect expected to catch each, and the mode it shows in.
 *
 * @module
 */

import { ModelValue } from '../../model/model-value.js';
import type { Feature } from '../../conformance/features.js';
import { cancellation, close, coalescing, concurrentGet, predicate, reading, syncLog, type Aspect, type Mode } from '../aspects/index.js';
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
  /** The clause whose sentence it breaks first: the conformance kit must report it first. */
  readonly clause: string;
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
  clause: string,
  originalDefect: boolean,
  Variant: new (options: { sync: boolean }) => ModelValue<number>,
  mode: Mode,
  caughtBy: Aspect,
  exhaustiveLength: number,
  module: string,
): FaultyVariant {
  return { name, clause, originalDefect, factory: (options) => new Variant(options), mode, caughtBy, exhaustiveLength, module: `properties/faulty/modules/${module}.ts` };
}

export const gallery: readonly FaultyVariant[] = [
  // The dead-letter version overtaken by a newer one is first of all a first get that misses the
  // version current at its watch (GET-2), and then a version received after a newer one (GET-4).
  variant('out-of-order delivery', 'GET-2', true, OutOfOrderDelivery, 'sync', syncLog, 4, 'out-of-order-delivery'),
  // The set the aborted get wedged never resolves, though its audience received it (SYNC-2).
  variant('sync set wedged by cancellation', 'SYNC-2', true, CancelWedgesSyncSet, 'sync', cancellation, 5, 'cancel-wedges-sync-set'),
  variant('close does not release a sync set', 'CLOSE-5', true, CloseKeepsSyncSet, 'sync', close, 3, 'close-keeps-sync-set'),
  variant('get after close waits', 'CLOSE-3', true, GetAfterCloseWaits, 'async', close, 3, 'get-after-close-waits'),
  variant('first get skips the current value', 'GET-2', false, FirstGetSkipsCurrent, 'async', coalescing, 3, 'first-get-skips-current'),
  variant('coalescing returns a stale value', 'ASYNC-1', false, StaleCoalescing, 'async', coalescing, 4, 'stale-coalescing'),
  variant('a cancelled get consumes the version', 'ABORT-3', false, CancelledGetConsumes, 'async', cancellation, 4, 'cancelled-get-consumes'),
  variant('a concurrent get disturbs the pending one', 'CONC-2', false, ConcurrentGetDisturbs, 'async', concurrentGet, 3, 'concurrent-get-disturbs'),
  variant('an abort listener is left behind', 'ABORT-5', false, AbortListenerLeak, 'async', cancellation, 3, 'abort-listener-leak'),
  variant('a sync set resolves before its audience received it', 'SYNC-2', false, SyncSetSettlesEarly, 'sync', syncLog, 2, 'sync-set-settles-early'),
];

/**
 * One faulty variant beyond the core's gallery (a faulty layer, or a faulty newer rule), the
 * aspect that rejects it, the clause it breaks first, and what it declares to the conformance kit.
 */
export interface FaultyRule {
  readonly name: string;
  readonly clause: string;
  readonly factory: Factory;
  readonly mode: Mode;
  readonly caughtBy: Aspect;
  readonly features: readonly Feature[];
}

function faultyRule(name: string, clause: string, Variant: new (options: { sync: boolean }) => ModelValue<number>, mode: Mode, caughtBy: Aspect, features: readonly Feature[]): FaultyRule {
  return { name, clause, factory: (options) => new Variant(options), mode, caughtBy, features };
}

/** What the faulty layers declare: their watchers carry idioms of their own, broken. */
const ownIdioms: readonly Feature[] = ['sync', 'idioms'];

/** The faulty layers, rejected by the properties of the idioms. */
export const layerGallery: readonly FaultyRule[] = [
  faultyRule('waitFor resolves with whatever it examines', 'PRED-1', AcceptsWhateverItExamines, 'async', predicate, ownIdioms),
  faultyRule('a predicate that throws counts as a rejection', 'PRED-4', ThrowingPredicateSwallowed, 'async', predicate, ownIdioms),
  faultyRule('waitFor throws away the version at hand', 'PRED-2', IgnoresVersionAtHand, 'sync', predicate, ownIdioms),
  faultyRule('leaving a loop keeps the watcher open', 'ITER-3', LeavingKeepsWatcherOpen, 'sync', close, ownIdioms),
  faultyRule('disposing does nothing', 'DISPOSE-1', DisposeDoesNothing, 'sync', close, ownIdioms),
  faultyRule('an aborted loop keeps its watcher open', 'ITER-5', AbortedLoopKeepsWatcherOpen, 'async', close, ownIdioms),
];

/** The faulty variants of reading, initial data, bounded sets and the backlog. */
export const featureGallery: readonly FaultyRule[] = [
  faultyRule('a peek makes a fresh snapshot each time', 'PEEK-3', PeekMakesFreshSnapshots, 'async', reading, ['sync']),
  faultyRule('a peek lags one set behind', 'PEEK-1', PeekLagsBehind, 'sync', reading, ['sync']),
  faultyRule('a peek marks the current version as seen', 'PEEK-2', PeekMarksSeen, 'async', coalescing, ['sync']),
  faultyRule('the initial data is ignored', 'VAL-7', InitialIgnored, 'async', reading, ['sync', 'initial']),
  faultyRule('a bounded set ignores its signal', 'SYNC-7', BoundedSetIgnoresSignal, 'sync', syncLog, ['sync', 'bounded-set']),
  faultyRule('an abort withdraws the version of a bounded set', 'SYNC-7', AbortWithdrawsVersion, 'sync', syncLog, ['sync', 'bounded-set']),
  faultyRule('the backlog counts every open watcher', 'SYNC-8', BacklogCountsEveryWatcher, 'sync', syncLog, ['sync', 'backlog']),
];
