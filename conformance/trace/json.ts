/**
 * Equality of the JSON data in a trace. A recorder writes what a get received and what a set set
 * as JSON, and two writings of the same data may order an object's keys differently; the checker
 * compares data structurally, and interns each distinct datum as a number so that its search
 * compares numbers, never trees.
 *
 * @module
 */

/** Structural equality of JSON values: the same keys with equal values, in any order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * The JSON text of a value with every object's keys sorted, so that structurally equal values,
 * and only those, have the same text.
 */
export function canonicalJson(value: unknown): string {
  if (typeof value !== 'object' || value === null) return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
    .join(',')}}`;
}
