/**
 * The seed's example, ExampleValue_full, must print exactly what the original's `// Output:`
 * block says, line for line.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { main } from '../examples/network-status.js';
import { processTimeout } from './support/timeouts.js';

const expected = [
  'NS: Got DHCP Lease',
  '/etc/hosts: foo.example.com is now 203.0.113.24',
  'NS: DHCP Address changed',
  '/etc/hosts: foo.example.com is now 203.0.113.103',
];

it('GET-2, ASYNC-1, ABORT-1: the network-status example prints the original output', async () => {
  const lines: string[] = [];
  await main((line) => lines.push(line));
  expect(lines).toEqual(expected);
});

it('the example runs as a program and prints the same', { timeout: processTimeout }, () => {
  const root = join(import.meta.dirname, '..');
  const output = execFileSync(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'examples', 'network-status.ts')], { encoding: 'utf8' });
  expect(output.trimEnd().split('\n')).toEqual(expected);
});
