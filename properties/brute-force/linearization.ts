/**
 * Checks a linearization that the checker reported, independently of the checker: its points are
 * replayed in order on the reference model (`replayer.ts`), each placed as early as its operation's
 * call allows, and every return, settlement and the quiescent end must then be explained, every
 * outcome reproduced, and every version as the point says. This is how the properties know that a
 * verdict's `linearization` is a witness a reader can trust, not just a list of ids.
 *
 * @module
 */

import type { LinearizationPoint } from '../../conformance/trace/check.js';
import type { Operation, Trace } from '../../conformance/trace/format.js';
import { Replayer } from './replayer.js';

/** Why a linearization does not explain a trace, or undefined if it does. */
export async function linearizationProblem(trace: Trace, points: readonly LinearizationPoint[]): Promise<string | undefined> {
  const byId = new Map(trace.operations.map((operation) => [operation.id, operation]));
  const replayer = new Replayer(trace);
  const phases = new Map<Operation, string[]>();
  let time = 0;
  let version = 0;
  let next = 0;
  const placed = points.map((point) => {
    const operation = byId.get(point.id);
    if (operation === undefined) return undefined;
    time = Math.max(time, operation.call);
    return { point, operation, time };
  });
  const apply = async (index: number): Promise<string | undefined> => {
    const entry = placed[index];
    if (entry === undefined) return `point ${index} names no operation`;
    const { point, operation, time: at } = entry;
    const where = `point ${index} (${point.id} ${point.phase})`;
    if (operation.return !== undefined && at >= operation.return) return `${where} comes after its operation returned`;
    phases.set(operation, [...(phases.get(operation) ?? []), point.phase]);
    if (point.phase === 'follow-up') {
      if (!replayer.settled.has(operation)) await replayer.apply({ operation, followUp: true });
      if (!replayer.settled.has(operation)) return `${where}: the get is still waiting`;
    } else {
      if (operation.kind === 'get' && !replayer.made(operation.watcher)) return `${where}: its watcher is not made yet`;
      await replayer.apply({ operation, followUp: false });
      if (operation.kind === 'set') version += 1;
      if (operation.kind === 'get' && replayer.settled.has(operation) !== (point.phase === 'effect')) return `${where}: the get ${point.phase === 'effect' ? 'waits' : 'did not wait'}`;
    }
    if (!replayer.valid) return `${where}: an outcome differs from the trace`;
    if (point.version !== version) return `${where}: version ${point.version}, but the value is at version ${version}`;
    return undefined;
  };
  for (let event = 0; event <= trace.events.length; event++) {
    while (next < placed.length && (placed[next]?.time ?? Infinity) < event) {
      const problem = await apply(next);
      if (problem !== undefined) return problem;
      next += 1;
    }
    if (event < trace.events.length && !replayer.explains(trace, event)) return `event ${event} (line ${trace.events[event]?.line}) is not explained`;
  }
  for (; next < placed.length; next++) {
    const problem = await apply(next);
    if (problem !== undefined) return problem;
  }
  if (trace.quiescent && !replayer.quiescentEnd(trace)) return 'the quiescent end is not explained';
  for (const [operation, seen] of phases) {
    const expected = operation.kind !== 'get' ? [['effect']] : [['effect'], ['request'], ['request', 'follow-up']];
    if (!expected.some((phases) => phases.join() === seen.join())) return `${operation.id} has the points ${seen.join(', ')}`;
  }
  return undefined;
}
