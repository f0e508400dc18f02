/**
 * The reference model of event-value: docs/spec.md written as the plainest program that could
 * follow it. It implements `Value`, so it can be run, and judged, like any implementation.
 *
 * @module event-value/model
 */

export { ModelValue, ModelWatcher, type ModelAnswer, type ModelGetOptions, type ModelPendingGet, type ModelSet, type ModelValueView } from './model-value.js';
