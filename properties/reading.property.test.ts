import { reading } from './aspects/index.js';
import { registerAspect } from './harness/register.js';

registerAspect(reading, 'a peek returns the current version and its data, or nothing while unset, and one frozen snapshot per version');
