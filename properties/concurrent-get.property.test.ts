import { concurrentGet } from './aspects/index.js';
import { registerAspect } from './harness/register.js';

registerAspect(concurrentGet, 'a second pending get rejects at once with ConcurrentGetError and disturbs nothing');
