// A faulty implementation for `npm run conform -- properties/faulty/modules/cancel-wedges-sync-set.ts`.
import { CancelWedgesSyncSet } from '../variants.js';

export const features = ['sync'];
export default (options: { sync: boolean }) => new CancelWedgesSyncSet<unknown>(options);
