// A faulty implementation for `npm run conform -- properties/faulty/modules/abort-listener-leak.ts`.
import { AbortListenerLeak } from '../variants.js';

export const features = ['sync'];
export default (options: { sync: boolean }) => new AbortListenerLeak<unknown>(options);
