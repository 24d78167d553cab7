import Taro from '@tarojs/taro';
import { ApiError, DEMO_STAFF_SIM_USER, ErrorCode, NETWORK_ERROR_MESSAGE, type MemberLoginResponse, type RefreshTokenRequest } from '@mall/shared';
import { request } from './request';

const DEV_USER_KEY = 'mall.devUser';

/**
 * A wx.login code. H5 has no wx.login: the bundled WeChat simulator issues a dev code for a named
 * dev user kept in localStorage ('mall.devUser'; a test may preset it).
 */
export async function getLoginCode(): Promise<string> {
  if (process.env.TARO_ENV !== 'h5') return (await Taro.login()).code;
  // Plain localStorage (not Taro's JSON-wrapped storage) so a tester can set it by hand.
  let user = window.localStorage.getItem(DEV_USER_KEY);
  if (!user) {
    user = `h5-${Math.random().toString(36).slice(2, 10)}`;
    window.localStorage.setItem(DEV_USER_KEY, user);
  }
  const res = await Taro.request<{ code?: string; errmsg?: string }>({
    url: `${API_BASE_URL}/__wechat/sim/login-code`,
    method: 'POST',
    data: { user },
    header: { 'content-type': 'application/json' },
  }).catch(() => {
    throw new ApiError('NETWORK_ERROR', NETWORK_ERROR_MESSAGE, 0);
  });
  if (!res.data?.code) throw new ApiError(ErrorCode.WECHAT_CODE_INVALID, res.data?.errmsg ?? '无法获取登录凭证', res.statusCode);
  return res.data.code;
}

/** The demo's simulator users on H5; the seeder links 店员's WeChat to the staff account staff1. */
export const DEMO_USERS = [
  { user: 'demo-a', label: '演示用户 A' },
  { user: 'demo-b', label: '演示用户 B' },
  { user: DEMO_STAFF_SIM_USER, label: '店员' },
] as const;

export function currentDevUser(): string | null {
  return process.env.TARO_ENV === 'h5' ? window.localStorage.getItem(DEV_USER_KEY) : null;
}

/** H5 only: become another simulator user — forget both sessions and start the app again as them. */
export async function switchDevUser(user: string): Promise<void> {
  window.localStorage.setItem(DEV_USER_KEY, user);
  for (const key of ['mall.session', 'mall.staffSession', 'mall.loggedOut']) Taro.removeStorageSync(key);
  window.location.hash = '#/pages/mine/index';
  window.location.reload();
}

export function wechatLogin(code: string, scene?: string): Promise<MemberLoginResponse> {
  return request<MemberLoginResponse>({ url: '/api/auth/wechat/login', method: 'POST', body: scene ? { code, scene } : { code }, auth: false, silent: true });
}

/** Ends the session this refresh token belongs to (204). Silent: the caller forgets its tokens whatever the answer. */
export function logout(refreshToken: string): Promise<void> {
  const body: RefreshTokenRequest = { refreshToken };
  return request<void>({ url: '/api/auth/logout', method: 'POST', body, auth: false, silent: true });
}
