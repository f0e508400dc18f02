/**
 * The reference model of event-value: docs/spec.md written as the plainest program that could
 * follow it. It implements `ValueCore`, so it can be run, and judged, like any implementation.
 *
 * @module event-value/model
 * @category Judging other implementations
 */

export { ModelValue, ModelWatcher, type ModelPendingGet, type ModelSet, type Settlements } from './model-value.js';
