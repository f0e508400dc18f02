import { syncLog } from './aspects/index.js';
import { registerAspect } from './harness/register.js';

registerAspect(syncLog, "each watcher receives the version current at its watch and then every later one, in order; each set resolves exactly when its audience has received it or closed, or rejects when its producer stops waiting; backlog counts what holds it up");
