/**
 * Reads the numbered clauses out of the text of docs/spec.md.
 *
 * @module
 */

/** One clause of the specification. */
export interface Clause {
  /** The clause id, such as `GET-2`. */
  readonly id: string;
  /** The clause's sentence. */
  readonly text: string;
  /** The section of the spec it stands in, as headed there: `4. Get`. */
  readonly section: string;
}

/**
 * The clauses of the spec's text: lines `- **ID** sentence`, with their continuation lines, each
 * under the last numbered section heading (`## 4. Get`) before it.
 */
export function parseClauses(spec: string): Clause[] {
  const clauses: Clause[] = [];
  let section = '';
  let current: { id: string; lines: string[] } | undefined;
  const finish = (): void => {
    if (current !== undefined) clauses.push({ id: current.id, text: current.lines.join(' ').replace(/\s+/g, ' ').trim(), section });
    current = undefined;
  };
  for (const line of spec.split('\n')) {
    const heading = /^## (\d+\. .*)$/.exec(line);
    if (heading !== null) section = heading[1] ?? '';
    const start = /^- \*\*([A-Z]+-\d+)\*\* (.*)$/.exec(line);
    if (start !== null) {
      finish();
      current = { id: start[1] ?? '', lines: [start[2] ?? ''] };
    } else if (current !== undefined && /^ {2}\S/.test(line)) {
      current.lines.push(line.trim());
    } else {
      finish();
    }
  }
  finish();
  return clauses;
}
