/**
 * The conformance oracle of event-value: a kit that checks any implementation of the core against
 * docs/spec.md, a checker for traces recorded from any implementation in any language, and a
 * picture of the checker's verdict as one HTML page.
 * Needs `fast-check` (an optional peer dependency of this entry point only).
 *
 * @module event-value/conformance
 * @category Judging other implementations
 */

export {
  checkConformance,
  defaultSeed,
  registerConformanceTests,
  type ClauseResult,
  type ClauseStatus,
  type ConformanceOptions,
  type ConformanceReport,
  type FailedClause,
  type Feature,
  type PassedClause,
  type Reproduction,
  type SkippedClause,
  type Timing,
  type UndecidedClause,
  type UndeclaredClause,
  type ValueFactory,
} from './kit.js';
export { allFeatures, featureDescriptions } from './features.js';
export { formatReport, type FormatOptions } from './format.js';
export { clauses } from './clauses.js';
export type { Clause } from './spec-clauses.js';
export { checkTrace, jsonEqual, type CheckOptions, type IllegalVerdict, type LegalVerdict, type LinearizationPoint, type UnknownVerdict, type Verdict } from './trace/check.js';
export { parseTrace, TraceFormatError, type GetOutcome, type RejectedOutcome, type ResolvedOutcome, type Operation, type OperationKind, type Trace, type TraceEvent, type TraceHeader } from './trace/format.js';
export { Recorder, type TraceRecord } from './trace/recorder.js';
export { renderVerdictHtml, type HtmlOptions } from './visualize/page.js';
