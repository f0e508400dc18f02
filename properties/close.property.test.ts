import { close } from './aspects/index.js';
import { registerAspect } from './harness/register.js';

registerAspect(close, 'close is idempotent, rejects the pending and every later get, and releases sync sets');
