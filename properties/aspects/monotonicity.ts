/**
 * Watcher monotonicity: per watcher, the versions received strictly increase, none twice, and
 * each is newer than the cursor at its get (GET-3, GET-4).
 *
 * @module
 */

import { aspect, violation } from './aspect.js';

export const monotonicity = aspect({
  title: 'watcher monotonicity',
  clauses: ['GET-3', 'GET-4'],
  modes: ['async', 'sync'],
  weights: { set: 4, get: 5, abort: 1, close: 0 },
  check(run) {
    for (const watcher of run.watchers) {
      watcher.received.forEach((version, index) => {
        const previous = watcher.received[index - 1];
        if (previous !== undefined && version <= previous) {
          violation('GET-4', `w${watcher.id} received version ${version} after version ${previous}`);
        }
      });
      for (const get of watcher.gets) {
        if (get.outcome.state === 'fulfilled' && get.outcome.value <= get.cursorAtStart) {
          violation('GET-3', `get#${get.id} of w${watcher.id} received version ${get.outcome.value}, not newer than its cursor ${get.cursorAtStart}`);
        }
      }
    }
  },
});
