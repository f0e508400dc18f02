// A faulty implementation for `npm run conform -- properties/faulty/modules/concurrent-get-disturbs.ts`.
import { ConcurrentGetDisturbs } from '../variants.js';

export const features = ['sync'];
export default (options: { sync: boolean }) => new ConcurrentGetDisturbs<unknown>(options);
