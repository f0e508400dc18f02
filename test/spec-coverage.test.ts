/**
 * Every clause of docs/spec.md is named by at least one test: its id appears inside a string (a
 * test title, or the clause list of an aspect whose properties are titled by it) in a test or
 * property file. Mentions in comments do not count.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clauses as generatedClauses } from '../conformance/clauses.js';
import { parseClauses } from '../conformance/spec-clauses.js';

const root = join(import.meta.dirname, '..');

function filesUnder(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const path = join(directory, entry);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** The text of every string literal in a TypeScript source, roughly: enough to find clause ids. */
function stringLiterals(source: string): string {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  return (withoutComments.match(/'[^'\n]*'|"[^"\n]*"|`[^`]*`/g) ?? []).join('\n');
}

describe('the specification is covered by tests', () => {
  const spec = readFileSync(join(root, 'docs', 'spec.md'), 'utf8');
  const clauses = [...spec.matchAll(/^- \*\*([A-Z]+-\d+)\*\*/gm)].map((match) => match[1] ?? '');
  const named = ['test', 'properties'].flatMap((folder) => filesUnder(join(root, folder))).map((file) => stringLiterals(readFileSync(file, 'utf8'))).join('\n');

  it('the spec has numbered clauses, none defined twice', () => {
    expect(clauses.length).toBeGreaterThan(50);
    expect(new Set(clauses).size).toBe(clauses.length);
  });

  it('the conformance kit lists exactly the clauses of the spec (regenerate with npm run clauses)', () => {
    expect(generatedClauses).toEqual(parseClauses(spec));
    expect(generatedClauses.map((clause) => clause.id)).toEqual(clauses);
  });

  it('every clause is named by a test', () => {
    const missing = clauses.filter((clause) => !new RegExp(`\\b${clause}\\b`).test(named));
    expect(missing).toEqual([]);
  });
});
