import Taro from '@tarojs/taro';
import {
  ApiError,
  NETWORK_ERROR_MESSAGE,
  type AfterSaleRequest,
  type AfterSaleView,
  type OrderLogisticsView,
  type ParcelRequest,
  type UploadView,
} from '@mall/shared';
import { useSessionStore } from '@/stores/session.store';
import { request } from './request';

export const fetchLogistics = (orderId: number) => request<OrderLogisticsView>({ url: `/api/orders/${orderId}/logistics` });
export const fetchAfterSales = (orderId?: number) => request<{ items: AfterSaleView[] }>({ url: `/api/after-sales${orderId ? `?orderId=${orderId}` : ''}` });
export const fetchAfterSale = (id: number) => request<AfterSaleView>({ url: `/api/after-sales/${id}` });
export const requestAfterSale = (orderId: number, body: AfterSaleRequest, idempotencyKey: string) =>
  request<AfterSaleView>({ url: `/api/orders/${orderId}/after-sales`, method: 'POST', body, idempotencyKey });
export const submitReturnParcel = (id: number, body: ParcelRequest) =>
  request<AfterSaleView>({ url: `/api/after-sales/${id}/return-shipment`, method: 'POST', body });

/**
 * Uploads one after-sale photo (multipart, so not through the JSON request core). The member's token
 * is attached; a 401 means it expired, so one member call refreshes the session and the upload is tried again.
 */
export async function uploadAfterSalePhoto(filePath: string): Promise<UploadView> {
  const attempt = () => {
    const token = useSessionStore.getState().tokens?.accessToken;
    return Taro.uploadFile({
      url: `${API_BASE_URL}/api/uploads`,
      filePath,
      name: 'file',
      formData: { purpose: 'after_sale' },
      header: token ? { Authorization: `Bearer ${token}` } : {},
    });
  };
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await attempt();
    if (res.statusCode === 401) {
      await fetchAfterSales();
      res = await attempt();
    }
  } catch {
    throw new ApiError('NETWORK_ERROR', NETWORK_ERROR_MESSAGE, 0);
  }
  const body = (typeof res.data === 'string' ? JSON.parse(res.data || '{}') : res.data) as UploadView & { code?: string; message?: string };
  if (res.statusCode !== 201) throw new ApiError(body.code ?? 'UPLOAD_FAILED', body.message ?? '图片上传失败', res.statusCode);
  return body;
}
