// A faulty implementation for `npm run conform -- properties/faulty/modules/late-sync-set.ts`: SYNC-6, in the strict profile.
import { LateSyncSet } from '../from-spec.js';

export const features = ['sync', 'strict-order'];
export default (options: { sync: boolean }) => new LateSyncSet<unknown>(options);
