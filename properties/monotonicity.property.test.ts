import { monotonicity } from './aspects/index.js';
import { registerAspect } from './harness/register.js';

registerAspect(monotonicity, 'per watcher, the versions received strictly increase, none twice, each newer than the cursor');
