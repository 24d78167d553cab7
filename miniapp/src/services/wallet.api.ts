import type { CreateRechargeResponse, RechargeOptions, RechargeView, WalletEntriesPage, WalletSummary, WithdrawalView } from '@mall/shared';
import { request } from './request';

export const fetchWallet = () => request<WalletSummary>({ url: '/api/wallet' });
export const fetchRechargeOptions = () => request<RechargeOptions>({ url: '/api/wallet/plans' });
export const fetchEntries = (cursor?: string | null) => request<WalletEntriesPage>({ url: `/api/wallet/entries?limit=20${cursor ? `&cursor=${cursor}` : ''}` });
export type RechargeRequest = { planId: number } | { amount: number };
/**
 * Creates a recharge and its payment. The same body with the same key replays the first answer (the server's
 * idempotency record), payment parameters included: that is how an unpaid recharge is paid again.
 */
export const createRecharge = (body: RechargeRequest, idempotencyKey: string) =>
  request<CreateRechargeResponse>({ url: '/api/wallet/recharges', method: 'POST', body, idempotencyKey });
/** Silent: a recharge this device remembers may belong to someone else or be gone; the page decides what to show. */
export const fetchRecharge = (id: number) => request<RechargeView>({ url: `/api/wallet/recharges/${id}`, silent: true });
/** Closes an unpaid recharge (its payment is closed at WeChat first; if WeChat says it was paid, it comes back paid). */
export const cancelRecharge = (id: number) => request<RechargeView>({ url: `/api/wallet/recharges/${id}/cancel`, method: 'POST' });
export const setPin = (pin: string, oldPin?: string) => request<void>({ url: '/api/wallet/pin', method: 'POST', body: oldPin ? { pin, oldPin } : { pin } });
/** Asks to take the remaining principal back (ops review it; one pending request at a time). Keyed, so a retry is the same request. */
export const requestWithdrawal = (reason: string, idempotencyKey: string) =>
  request<WithdrawalView>({ url: '/api/wallet/withdrawals', method: 'POST', body: reason ? { reason } : {}, idempotencyKey });
export const fetchWithdrawals = () => request<{ items: WithdrawalView[] }>({ url: '/api/wallet/withdrawals' });
