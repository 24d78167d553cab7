import { Injectable } from '@nestjs/common';
import { randomInt } from 'node:crypto';
import { beijingRfc3339 } from '@mall/shared';

export type SimTradeState = 'NOTPAY' | 'SUCCESS' | 'CLOSED' | 'PAYERROR' | 'REFUND';

export interface SimOrder {
  appid: string;
  mchid: string;
  description: string;
  out_trade_no: string;
  notify_url: string;
  attach?: string;
  time_expire?: string;
  total: number;
  openid: string;
  prepay_id: string;
  /** The exact request parameters, to tell a retry from a conflicting reuse of out_trade_no. */
  fingerprint: string;
  trade_state: SimTradeState;
  transaction_id?: string;
  success_time?: string;
  refunded: number;
}

/** How a refund ends at WeChat: SUCCESS, or ABNORMAL (the payer's account refused it) / CLOSED (WeChat closed it). */
export type SimRefundStatus = 'PROCESSING' | 'SUCCESS' | 'ABNORMAL' | 'CLOSED';

export interface SimRefund {
  refund_id: string;
  out_refund_no: string;
  out_trade_no: string;
  transaction_id: string;
  amount: number;
  total: number;
  notify_url: string;
  status: SimRefundStatus;
  create_time: string;
  success_time?: string;
}

export interface SimNotifyRecord {
  id: string;
  eventType: 'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS' | 'REFUND.ABNORMAL' | 'REFUND.CLOSED';
  outTradeNo: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  attempts: { at: string; status: number }[];
  delivered: boolean;
}

export function digits(n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += randomInt(10);
  return s;
}

/** Beijing-time RFC 3339, as WeChat Pay writes times. */
export function wechatNow(date = new Date()): string {
  return beijingRfc3339(date);
}

/** What WeChat Pay remembers in simulator mode: orders, refunds and the notifies it sent. */
@Injectable()
export class PaySimulatorState {
  readonly orders = new Map<string, SimOrder>();
  readonly refunds = new Map<string, SimRefund>();
  readonly notifies: SimNotifyRecord[] = [];
  /** How the next refunds of a payment end (test control); SUCCESS when unset. */
  readonly refundOutcomes = new Map<string, Exclude<SimRefundStatus, 'PROCESSING'>>();

  reset(): void {
    this.orders.clear();
    this.refunds.clear();
    this.notifies.length = 0;
    this.refundOutcomes.clear();
  }
}
