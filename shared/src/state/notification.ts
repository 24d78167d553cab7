import { defineStateMachine } from './transitions';

/**
 * One subscribe-message send attempt: written as `sending` (its consent already used) and settled
 * by WeChat's answer; a send with nothing to send with (no template, no consent) is written
 * `skipped` directly.
 */
export type NotificationSendStatus = 'sending' | 'sent' | 'skipped' | 'failed';

export const NOTIFICATION_SEND_STATES = defineStateMachine<NotificationSendStatus>(
  'notification send',
  { sending: ['sent', 'skipped', 'failed'], sent: [], skipped: [], failed: [] },
  { sending: '发送中', sent: '已发送', skipped: '已跳过', failed: '发送失败' },
);
