// A faulty implementation for `npm run conform -- properties/faulty/modules/lifo-waking.ts`: GET-6's order, in the strict profile.
import { LifoWaking } from '../from-spec.js';

export const features = ['sync', 'strict-order'];
export default (options: { sync: boolean }) => new LifoWaking<unknown>(options);
