// A faulty implementation for `npm run conform -- properties/faulty/modules/sync-skips-current.ts`: GET-2 in sync mode.
import { SyncSkipsCurrent } from '../from-spec.js';

export const features = ['sync'];
export default (options: { sync: boolean }) => new SyncSkipsCurrent<unknown>(options);
