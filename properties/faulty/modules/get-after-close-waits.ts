// A faulty implementation for `npm run conform -- properties/faulty/modules/get-after-close-waits.ts`.
import { GetAfterCloseWaits } from '../variants.js';

export const features = ['sync'];
export default (options: { sync: boolean }) => new GetAfterCloseWaits<unknown>(options);
