// A faulty implementation for `npm run conform -- properties/faulty/modules/sync-set-settles-early.ts`.
import { SyncSetSettlesEarly } from '../variants.js';

export const features = ['sync'];
export default (options: { sync: boolean }) => new SyncSetSettlesEarly<unknown>(options);
