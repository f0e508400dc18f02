/**
 * The words of the picture: a short label on each operation's bar (`get w1 -> 2`), and the
 * longer sentences of its details. Labels are cut to a bounded length so that one large piece of
 * data cannot stretch the timeline; the details always carry the whole of it.
 *
 * @module
 */

import type { Operation, Trace } from '../trace/format.js';

/** The most characters a bar's label shows; the details panel shows the rest. */
export const labelLimit = 36;

/** The most characters of data a version's label in the ruler shows. */
export const versionLabelLimit = 24;

/** JSON as written in a trace, on one line (data in a trace is JSON, so this never fails). */
export function json(data: unknown): string {
  return JSON.stringify(data) ?? String(data);
}

/** Cuts `text` to `limit` characters, marking the cut with an ellipsis. */
export function shorten(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/**
 * The label on an operation's bar: what it was called with and, once it returned, what it
 * returned. A get names its signal in brackets, so that a reader can match it with the abort of
 * that signal; a rejection is marked `✗`; an operation that never returned ends in `…`.
 */
export function operationLabel(operation: Operation): string {
  const pending = operation.return === undefined ? ' …' : '';
  switch (operation.kind) {
    case 'set':
      return shorten(`set ${json(operation.data)}`, labelLimit);
    case 'watch':
      return operation.watcher === undefined ? `watch${pending}` : shorten(`watch -> ${operation.watcher}${pending}`, labelLimit);
    case 'abort':
      return shorten(`abort ${operation.signal as string}${pending}`, labelLimit);
    case 'close':
      return shorten(`close ${operation.watcher as string}${pending}`, labelLimit);
    case 'get': {
      const call = `get ${operation.watcher as string}${operation.signal === undefined ? '' : ` [${operation.signal}]`}`;
      const outcome = operation.outcome;
      if (outcome === undefined) return shorten(`${call}${pending}`, labelLimit);
      return shorten('error' in outcome ? `${call} ✗ ${outcome.error}` : `${call} -> ${json(outcome.data)}`, labelLimit);
    }
  }
}

/** What an operation did, in a sentence, for its details. */
export function operationOutcome(operation: Operation, trace: Trace): string {
  if (operation.return === undefined) {
    return operation.kind === 'set' ? 'pending: its return was never recorded (it may still have taken effect)' : 'pending: its return was never recorded';
  }
  const returnLine = (trace.events[operation.return] as { line: number }).line;
  const returned = `returned at line ${returnLine}`;
  switch (operation.kind) {
    case 'set':
      return `${returned}${settlementSentence(operation, trace)}`;
    case 'watch':
      return `${returned}, making watcher ${operation.watcher as string}`;
    case 'abort':
    case 'close':
      return returned;
    case 'get': {
      const outcome = operation.outcome;
      if (outcome === undefined) return returned;
      if (!('error' in outcome)) return `${returned}, resolved with ${json(outcome.data)}`;
      return outcome.error === 'aborted' ? `${returned}, rejected with its signal's reason (aborted)` : `${returned}, rejected with ${outcome.error}`;
    }
  }
}

function settlementSentence(operation: Operation, trace: Trace): string {
  if (trace.header.mode === 'async' || operation.settlement === operation.return) return '';
  if (operation.settlement === undefined) return ', unsettled: its promise never settled in the recording';
  return `, unsettled; its promise settled at line ${(trace.events[operation.settlement] as { line: number }).line}`;
}
