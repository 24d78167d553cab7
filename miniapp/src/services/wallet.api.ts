import type { CreateRechargeResponse, RechargeOptions, WalletEntriesPage, WalletSummary } from '@mall/shared';
import { request } from './request';

export const fetchWallet = () => request<WalletSummary>({ url: '/api/wallet' });
export const fetchRechargeOptions = () => request<RechargeOptions>({ url: '/api/wallet/plans' });
export const fetchEntries = (cursor?: string | null) => request<WalletEntriesPage>({ url: `/api/wallet/entries?limit=20${cursor ? `&cursor=${cursor}` : ''}` });
export const createRecharge = (body: { planId: number } | { amount: number }, idempotencyKey: string) =>
  request<CreateRechargeResponse>({ url: '/api/wallet/recharges', method: 'POST', body, idempotencyKey });
export const setPin = (pin: string, oldPin?: string) => request<void>({ url: '/api/wallet/pin', method: 'POST', body: oldPin ? { pin, oldPin } : { pin } });
