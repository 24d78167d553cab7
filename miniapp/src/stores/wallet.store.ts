import Taro from '@tarojs/taro';
import { create } from 'zustand';
import { ApiError, type CreateRechargeResponse, type Fen, type RechargeOptions, type RechargeStatus, type WalletSummary } from '@mall/shared';
import { cancelRecharge, createRecharge, fetchRecharge, fetchRechargeOptions, fetchWallet, type RechargeRequest } from '@/services/wallet.api';

export interface WalletOverview {
  summary: WalletSummary;
  options: RechargeOptions;
}

/**
 * A recharge created on this device and not (known to be) paid: the member left WeChat Pay, or its result is
 * still being confirmed. Kept in storage while unpaid, so coming back to the wallet offers 继续支付 / 取消充值
 * instead of nothing; dropped once paid, and shown as 已关闭 until dismissed once closed.
 */
export interface PendingRecharge {
  id: number;
  outTradeNo: string;
  payFen: Fen;
  bonusFen: Fen;
  /** The create request and its key: replaying both answers this recharge's payment parameters again. */
  request: RechargeRequest;
  key: string;
  status: RechargeStatus;
  /** WeChat Pay was completed on the device but the server has not seen the payment yet. */
  confirming: boolean;
}

const PENDING_KEY = 'mall.pendingRecharge';

function savedPending(): PendingRecharge | null {
  try {
    return (Taro.getStorageSync<PendingRecharge>(PENDING_KEY) as PendingRecharge) || null;
  } catch {
    return null;
  }
}

function keepPending(pending: PendingRecharge | null): void {
  if (pending?.status === 'pending') Taro.setStorageSync(PENDING_KEY, pending);
  else Taro.removeStorageSync(PENDING_KEY);
}

interface WalletState {
  overview: WalletOverview | null;
  pending: PendingRecharge | null;
  /** Balance, recharge options and the unpaid recharge's status (the page shows loading and errors; the entries page themselves). */
  load(): Promise<WalletOverview>;
  /** Remembers a recharge just created, before WeChat Pay opens. */
  remember(created: CreateRechargeResponse, request: RechargeRequest, key: string): void;
  /** The payment parameters of the unpaid recharge, again (idempotent replay of its create request). */
  resume(): Promise<CreateRechargeResponse>;
  /** Asks the server for the unpaid recharge's status; answers it (null when there is none to ask about). */
  refreshPending(): Promise<RechargeStatus | null>;
  markConfirming(): void;
  /** Cancels the unpaid recharge; answers the status it ended in (paid when WeChat had taken the money after all). */
  cancelPending(): Promise<RechargeStatus>;
  dismissPending(): void;
}

export const useWalletStore = create<WalletState>((set, get) => {
  const setPending = (pending: PendingRecharge | null) => {
    keepPending(pending);
    set({ pending });
  };

  return {
    overview: null,
    pending: savedPending(),

    async load() {
      const [summary, options] = await Promise.all([fetchWallet(), fetchRechargeOptions(), get().refreshPending()]);
      const overview = { summary, options };
      set({ overview });
      return overview;
    },

    remember(created, request, key) {
      setPending({
        id: created.rechargeId,
        outTradeNo: created.outTradeNo,
        payFen: created.payFen,
        bonusFen: created.bonusFen,
        request,
        key,
        status: 'pending',
        confirming: false,
      });
    },

    async resume() {
      const pending = get().pending;
      if (!pending) throw new Error('no unpaid recharge');
      const replayed = await createRecharge(pending.request, pending.key);
      if (replayed.rechargeId !== pending.id) throw new ApiError('RECHARGE_CHANGED', '这笔充值已失效，请重新充值', 409);
      return replayed;
    },

    async refreshPending() {
      const pending = get().pending;
      if (!pending || pending.status !== 'pending') return pending?.status ?? null;
      try {
        const { status } = await fetchRecharge(pending.id);
        // Paid: the balance and the entries show it. Closed (cancelled or expired unpaid): shown until dismissed.
        setPending(status === 'paid' ? null : { ...pending, status, confirming: status === 'pending' && pending.confirming });
        return status;
      } catch (error) {
        // Not this member's (another WeChat user on this device) or gone: forget it. Otherwise keep it and ask again later.
        if (error instanceof ApiError && (error.status === 404 || error.status === 403)) setPending(null);
        return get().pending?.status ?? null;
      }
    },

    markConfirming() {
      const pending = get().pending;
      if (pending) setPending({ ...pending, confirming: true });
    },

    async cancelPending() {
      const pending = get().pending;
      if (!pending) return 'closed';
      const { status } = await cancelRecharge(pending.id);
      setPending(status === 'paid' ? null : { ...pending, status, confirming: false });
      return status;
    },

    dismissPending() {
      setPending(null);
    },
  };
});
