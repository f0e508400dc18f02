import { coalescing } from './aspects/index.js';
import { registerAspect } from './harness/register.js';

registerAspect(coalescing, 'a get resolves with the newest version at handover, at once when one is available; the first get with the version current at watch or newer');
