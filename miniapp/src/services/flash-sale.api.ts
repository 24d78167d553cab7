import type { CreateOrderResult, FlashSaleBuyRequest, FlashSaleView } from '@mall/shared';
import { request } from './request';

export const fetchFlashSales = (silent = false) => request<{ items: FlashSaleView[] }>({ url: '/api/flash-sales', silent });
export const fetchFlashSale = (id: number) => request<FlashSaleView>({ url: `/api/flash-sales/${id}` });
export const buyFlashSale = (id: number, body: FlashSaleBuyRequest, idempotencyKey: string) =>
  request<CreateOrderResult>({ url: `/api/flash-sales/${id}/orders`, method: 'POST', body, idempotencyKey });
export const remindFlashSale = (id: number) =>
  request<{ reminded: boolean; notifyAt: string }>({ url: `/api/flash-sales/${id}/reminder`, method: 'POST', body: {} });
