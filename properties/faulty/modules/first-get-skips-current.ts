// A faulty implementation for `npm run conform -- properties/faulty/modules/first-get-skips-current.ts`.
import { FirstGetSkipsCurrent } from '../variants.js';

export const features = ['sync'];
export default (options: { sync: boolean }) => new FirstGetSkipsCurrent<unknown>(options);
