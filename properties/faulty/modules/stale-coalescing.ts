// A faulty implementation for `npm run conform -- properties/faulty/modules/stale-coalescing.ts`.
import { StaleCoalescing } from '../variants.js';

export const features = ['sync'];
export default (options: { sync: boolean }) => new StaleCoalescing<unknown>(options);
