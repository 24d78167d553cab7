import { defineStateMachine } from './transitions';

/**
 * A flash-sale reservation: a two-phase hold on deal stock taken with the order.
 * pending → sold (the order was paid) | released (the order ended unpaid: cancel, payment expiry, hold expiry)
 */
export type FlashSaleReservationStatus = 'pending' | 'sold' | 'released';

export const FLASH_SALE_RESERVATION_STATES = defineStateMachine<FlashSaleReservationStatus>(
  'flash_sale_reservation',
  { pending: ['sold', 'released'], sold: [], released: [] },
  { pending: '待支付', sold: '已售出', released: '已释放' },
);

/** A "提醒我" subscription: pending → sent (claimed by the reminder job, once). */
export type FlashSaleReminderStatus = 'pending' | 'sent';

export const FLASH_SALE_REMINDER_STATES = defineStateMachine<FlashSaleReminderStatus>(
  'flash_sale_reminder',
  { pending: ['sent'], sent: [] },
  { pending: '待提醒', sent: '已提醒' },
);
