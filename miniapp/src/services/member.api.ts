import Taro from '@tarojs/taro';
import {
  ApiError,
  NETWORK_ERROR_MESSAGE,
  type GuidePhoneView,
  type MemberCard,
  type MemberProfile,
  type MemberQr,
  type MyGuideView,
  type TierHistoryItem,
  type TierSummary,
  type UpdateProfileRequest,
  type UploadView,
} from '@mall/shared';
import { request } from './request';

export const fetchMe = () => request<MemberProfile>({ url: '/api/members/me' });
export const fetchCard = () => request<MemberCard>({ url: '/api/members/me/card' });
export const fetchTierHistory = () => request<{ items: TierHistoryItem[] }>({ url: '/api/members/me/tier-history' });
export const fetchTiers = () => request<TierSummary[]>({ url: '/api/tiers', auth: false });
export const fetchQr = () => request<MemberQr>({ url: '/api/members/me/qr', silent: true });
export const bindPhone = (code: string) => request<MemberProfile>({ url: '/api/members/me/phone', method: 'POST', body: { code } });
/** A birthday is accepted once (409 after that); the other fields any time. */
export const updateProfile = (body: UpdateProfileRequest) => request<MemberProfile>({ url: '/api/members/me', method: 'PATCH', body });
/** The store and guide the member is bound to (both null when not bound). */
export const fetchMyStore = () => request<MyGuideView>({ url: '/api/members/me/store' });
/** The guide's phone, only when the member asks for it (to call). */
export const revealGuidePhone = () => request<GuidePhoneView>({ url: '/api/members/me/store/guide-phone', method: 'POST' });

/**
 * Uploads an image the member picked (a local temp path) as their avatar; answers the upload to
 * reference in updateProfile. A fresh profile read first makes the request wrapper refresh an
 * expired token, since Taro.uploadFile bypasses it.
 */
export async function uploadAvatar(filePath: string, accessToken: () => string | null): Promise<UploadView> {
  await fetchMe();
  const token = accessToken();
  let res: Taro.uploadFile.SuccessCallbackResult;
  try {
    res = await Taro.uploadFile({
      url: `${API_BASE_URL}/api/uploads`,
      filePath,
      name: 'file',
      formData: { purpose: 'avatar' },
      header: token ? { authorization: `Bearer ${token}` } : {},
    });
  } catch {
    throw new ApiError('NETWORK_ERROR', NETWORK_ERROR_MESSAGE, 0);
  }
  const body = (typeof res.data === 'string' ? safeJson(res.data) : res.data) as (UploadView & { code?: string; message?: string }) | null;
  if (res.statusCode >= 200 && res.statusCode < 300 && body?.id) return body;
  throw new ApiError(body?.code ?? 'UPLOAD_FAILED', body?.message ?? '上传失败，请稍后重试', res.statusCode);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
