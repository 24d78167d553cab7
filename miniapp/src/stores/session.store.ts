import Taro from '@tarojs/taro';
import { create } from 'zustand';
import type { MemberProfile, TokenPair } from '@mall/shared';
import { getLoginCode, wechatLogin } from '@/services/auth.api';
import { bindSession } from '@/services/request';

const STORAGE_KEY = 'mall.session';

type Status = 'idle' | 'logging-in' | 'ready' | 'error';

interface SessionState {
  tokens: TokenPair | null;
  member: MemberProfile | null;
  status: Status;
  error: string | null;
  login(scene?: string): Promise<void>;
  setTokens(tokens: TokenPair): void;
  setMember(member: MemberProfile): void;
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
  status: 'idle',
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

  async ready() {
    const { status } = get();
    if (status === 'ready') return;
    if (loginInFlight) return loginInFlight;
    return get().login();
  },
}));

bindSession({
  tokens: () => useSessionStore.getState().tokens,
  setTokens: (tokens) => useSessionStore.getState().setTokens(tokens),
  relogin: () =>
    useSessionStore
      .getState()
      .login()
      .then(
        () => true,
        () => false,
      ),
  ready: () => useSessionStore.getState().ready(),
});
