// A faulty implementation for `npm run conform -- properties/faulty/modules/out-of-order-delivery.ts`.
import { OutOfOrderDelivery } from '../variants.js';

export const features = ['sync'];
export default (options: { sync: boolean }) => new OutOfOrderDelivery<unknown>(options);
