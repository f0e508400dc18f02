// A faulty implementation for `npm run conform -- properties/faulty/modules/cancelled-get-consumes.ts`.
import { CancelledGetConsumes } from '../variants.js';

export const features = ['sync'];
export default (options: { sync: boolean }) => new CancelledGetConsumes<unknown>(options);
