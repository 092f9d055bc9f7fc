export { BullDelivery, type BullDeliveryOptions } from './bull-delivery.js';
export type { RedisConnection } from './connection.js';
