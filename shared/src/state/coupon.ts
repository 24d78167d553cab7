import { defineStateMachine } from './transitions';

/**
 * An issued coupon.
 * available → locked (an unpaid order holds it) | used (written off in store) | expired
 * locked → used (the order was paid) | available | expired (the order was cancelled: back, or expired meanwhile)
 * used → available | expired (the whole order was refunded)
 */
export type CouponStatus = 'available' | 'locked' | 'used' | 'expired';

export const COUPON_STATES = defineStateMachine<CouponStatus>(
  'coupon',
  { available: ['locked', 'used', 'expired'], locked: ['used', 'available', 'expired'], used: ['available', 'expired'], expired: [] },
  { available: '可使用', locked: '使用中', used: '已使用', expired: '已过期' },
);
