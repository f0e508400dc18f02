// A faulty implementation for `npm run conform -- properties/faulty/modules/close-keeps-sync-set.ts`.
import { CloseKeepsSyncSet } from '../variants.js';

export const features = ['sync'];
export default (options: { sync: boolean }) => new CloseKeepsSyncSet<unknown>(options);
