import Taro from '@tarojs/taro';
import { create } from 'zustand';
import type { MemberProfile, TokenPair } from '@mall/shared';
import { ApiError, ErrorCode } from '@mall/shared';
import { getLoginCode, logout, wechatLogin } from '@/services/auth.api';
import { bindSession } from '@/services/request';

const STORAGE_KEY = 'mall.session';
/** Set while the member is logged out on purpose: launch then waits for 登录 instead of signing straight back in. */
const LOGGED_OUT_KEY = 'mall.loggedOut';

type Status = 'idle' | 'logging-in' | 'ready' | 'error' | 'logged-out';

interface SessionState {
  tokens: TokenPair | null;
  member: MemberProfile | null;
  status: Status;
  error: string | null;
  login(scene?: string): Promise<void>;
  setTokens(tokens: TokenPair): void;
  setMember(member: MemberProfile): void;
  /** Ends the session on the server, forgets it here, and stays logged out until `login()` (the 登录 button). */
  logout(): Promise<void>;
  /** Launch: logs in unless the member logged out on purpose. */
  resume(scene?: string): Promise<void>;
  /** Resolves once logged in (pages call it before member-only requests). */
  ready(): Promise<void>;
}

function load(): { tokens: TokenPair | null; member: MemberProfile | null } {
  try {
    const saved = Taro.getStorageSync<{ tokens: TokenPair; member: MemberProfile }>(STORAGE_KEY);
    return saved ? { tokens: saved.tokens ?? null, member: saved.member ?? null } : { tokens: null, member: null };
  } catch {
    return { tokens: null, member: null };
  }
}

function save(tokens: TokenPair | null, member: MemberProfile | null): void {
  if (tokens) Taro.setStorageSync(STORAGE_KEY, { tokens, member });
  else Taro.removeStorageSync(STORAGE_KEY);
}

let loginInFlight: Promise<void> | null = null;

export const useSessionStore = create<SessionState>((set, get) => ({
  ...load(),
  status: Taro.getStorageSync(LOGGED_OUT_KEY) ? 'logged-out' : 'idle',
  error: null,

  login(scene) {
    if (!loginInFlight) {
      loginInFlight = (async () => {
        set({ status: 'logging-in', error: null });
        try {
          const code = await getLoginCode();
          const res = await wechatLogin(code, scene);
          const tokens = { accessToken: res.accessToken, refreshToken: res.refreshToken, expiresIn: res.expiresIn };
          save(tokens, res.member);
          Taro.removeStorageSync(LOGGED_OUT_KEY);
          set({ tokens, member: res.member, status: 'ready' });
        } catch (error) {
          set({ status: 'error', error: (error as Error).message || '登录失败' });
          throw error;
        }
      })().finally(() => (loginInFlight = null));
    }
    return loginInFlight;
  },

  setTokens(tokens) {
    save(tokens, get().member);
    set({ tokens });
  },

  setMember(member) {
    save(get().tokens, member);
    set({ member });
  },

  async logout() {
    const refreshToken = get().tokens?.refreshToken;
    Taro.setStorageSync(LOGGED_OUT_KEY, true);
    save(null, null);
    set({ tokens: null, member: null, status: 'logged-out', error: null });
    try {
      if (refreshToken) await logout(refreshToken);
    } catch {
      // forgotten here regardless; the server ends an unused session at its expiry
    }
  },

  resume(scene) {
    if (get().status === 'logged-out') return Promise.resolve();
    return get().login(scene);
  },

  async ready() {
    const { status } = get();
    if (status === 'ready') return;
    if (status === 'logged-out') throw new ApiError(ErrorCode.AUTH_REQUIRED, '请先登录', 401);
    if (loginInFlight) return loginInFlight;
    return get().login();
  },
}));

bindSession({
  tokens: () => useSessionStore.getState().tokens,
  setTokens: (tokens) => useSessionStore.getState().setTokens(tokens),
  relogin: () =>
    (useSessionStore.getState().status === 'logged-out' ? Promise.reject(new Error('logged out')) : useSessionStore.getState().login()).then(
      () => true,
      () => false,
    ),
  ready: () => useSessionStore.getState().ready(),
});
