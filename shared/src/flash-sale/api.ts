import type { Fulfilment } from '../state/order';
import type { FlashSaleAudience, FlashSalePhase } from './flash-sale';

/** A flash sale as the mini-program sees it, for the calling member. */
export interface FlashSaleView {
  id: number;
  name: string;
  productId: number;
  skuId: number;
  productName: string;
  imageUrl: string;
  specs: string;
  dealPriceFen: number;
  normalPriceFen: number;
  stockTotal: number;
  stockLeft: number;
  soldPercent: number;
  perMemberLimit: number;
  startAt: string;
  endAt: string;
  /** When this member may buy (earlier than startAt with early access). */
  myStartAt: string;
  earlyAccessMinutes: number;
  phase: FlashSalePhase;
  phaseLabel: string;
  audienceLabel: string;
  eligible: boolean;
  reminded: boolean;
  /** Units this member holds (pending or paid). */
  myTaken: number;
}

export interface FlashSaleBuyRequest {
  quantity: number;
  fulfilment: Fulfilment;
  addressId?: number;
  storeId?: number;
  couponIds?: number[];
  pointsToUse?: number;
  balanceToUse?: number;
  pin?: string;
  remark?: string;
}

export interface FlashSaleAdminInput {
  name: string;
  skuId: number;
  dealPriceFen: number;
  stockTotal: number;
  perMemberLimit: number;
  startAt: string;
  endAt: string;
  holdMinutes: number;
  audience: FlashSaleAudience;
  enabled: boolean;
}

export interface FlashSaleAdminView extends FlashSaleAdminInput {
  id: number;
  productId: number;
  productName: string;
  normalPriceFen: number;
  stockLeft: number;
  reservedCount: number;
  soldCount: number;
  reminders: number;
  audienceLabel: string;
  phaseLabel: string;
  createdAt: string;
}
