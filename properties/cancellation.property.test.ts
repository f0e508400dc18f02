import { cancellation } from './aspects/index.js';
import { registerAspect } from './harness/register.js';

registerAspect(cancellation, "an abort before handover rejects with the signal's reason and consumes nothing; no abort listener remains");
