import type {
  AddressInput,
  AddressView,
  AfterSaleLineRequest,
  AfterSaleView,
  CheckoutContext,
  CreateOrderRequest,
  CreateOrderResult,
  CursorPage,
  Fulfilment,
  OrderLineRequest,
  OrderCounts,
  OrderStatus,
  OrderView,
} from '@mall/shared';
import { request } from './request';

export const fetchCheckoutContext = (lines: OrderLineRequest[], fulfilment: Fulfilment) =>
  request<CheckoutContext>({ url: '/api/orders/checkout-context', method: 'POST', body: { lines, fulfilment } });
export const createOrder = (body: CreateOrderRequest, idempotencyKey: string) =>
  request<CreateOrderResult>({ url: '/api/orders', method: 'POST', body, idempotencyKey });
export const fetchOrders = (status?: OrderStatus, cursor?: string | null) =>
  request<CursorPage<OrderView>>({ url: `/api/orders?${[status && `status=${status}`, cursor && `cursor=${cursor}`].filter(Boolean).join('&')}` });
export const fetchOrderCounts = () => request<OrderCounts>({ url: '/api/orders/counts' });
export const fetchOrder = (id: number) => request<OrderView>({ url: `/api/orders/${id}` });
export const cancelOrder = (id: number) => request<OrderView>({ url: `/api/orders/${id}/cancel`, method: 'POST' });
export const confirmReceipt = (id: number) => request<OrderView>({ url: `/api/orders/${id}/confirm-receipt`, method: 'POST' });
export const requestRefund = (id: number, lines: AfterSaleLineRequest[], reason: string, idempotencyKey: string) =>
  request<AfterSaleView>({ url: `/api/orders/${id}/after-sales`, method: 'POST', body: { lines, reason }, idempotencyKey });

export const fetchAddresses = () => request<{ items: AddressView[] }>({ url: '/api/addresses' });
export const addAddress = (body: AddressInput) => request<AddressView>({ url: '/api/addresses', method: 'POST', body });
