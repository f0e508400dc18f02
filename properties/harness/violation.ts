/**
 * How a check says that a run broke a clause: it throws an error whose message starts with the
 * clause id (`GET-2 violated: ...`), which the properties, the gallery and the conformance kit read.
 *
 * The conformance kit decides clauses independently of each other: once a check has failed on one
 * clause, it runs the check again with that clause *set aside* ({@link settingAside}), so that the
 * check goes on to judge its other clauses instead of stopping at the same failure each time.
 *
 * @module
 */

/** The clauses whose violations are being set aside, while {@link settingAside} runs. */
let setAside: ReadonlySet<string> = new Set();

/**
 * Throws a violation naming its clause, unless that clause is being set aside: then it returns,
 * and the check goes on with its next statement. Every check is a sequence of independent
 * statements, so going on is sound.
 *
 * Some checks name a more particular clause from the history of the run (an abort before a get
 * that waits needlessly makes it ABORT-3 rather than GET-5); `basic` is the clause they would name
 * without that history. When it is set aside, so is the violation: otherwise a search with GET-5
 * set aside would find the same fault again, only with an abort in front of it.
 */
export function violation(clause: string, message: string, basic?: string): void {
  if (setAside.has(clause) || (basic !== undefined && setAside.has(basic))) return;
  throw new Error(`${clause} violated: ${message}`);
}

/**
 * Runs `body` with the violations of `clauses` set aside. The body is awaited before they are
 * taken back, so it must be the only check running; the kit runs its checks one at a time.
 */
export async function settingAside<T>(clauses: ReadonlySet<string>, body: () => Promise<T>): Promise<T> {
  const before = setAside;
  setAside = new Set([...before, ...clauses]);
  try {
    return await body();
  } finally {
    setAside = before;
  }
}

/** The clause a violation's message names (`XXX-n violated: ...`), if it names one. */
export function violatedClause(message: string): string | undefined {
  return /^([A-Z]+-\d+) violated\b/.exec(message)?.[1];
}
