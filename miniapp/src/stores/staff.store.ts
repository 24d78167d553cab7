import Taro from '@tarojs/taro';
import { create } from 'zustand';
import { ApiError, ErrorCode, type ScanBindResult, type StaffSession } from '@mall/shared';
import { getLoginCode, logout } from '@/services/auth.api';
import { createRequest } from '@/services/request';
import { staffApi, staffLink, staffLogin } from '@/services/staff.api';

const STORAGE_KEY = 'mall.staffSession';

interface StaffState {
  session: StaffSession | null;
  /** The last scan's result, shown by the result page. */
  lastScan: ScanBindResult | null;
  /** Signs in with wx.login: a linked WeChat gets a session; an unlinked one gets null (the page asks for an invitation code). */
  signIn(): Promise<StaffSession | null>;
  link(inviteCode: string): Promise<void>;
  /** Ends the staff session on the server, then forgets it here even if that failed (offline, already revoked). */
  signOut(): Promise<void>;
  setLastScan(result: ScanBindResult | null): void;
}

function saved(): StaffSession | null {
  try {
    return (Taro.getStorageSync<StaffSession>(STORAGE_KEY) as StaffSession) || null;
  } catch {
    return null;
  }
}

/** Set when the member leaves staff mode on purpose: 我的 then stops signing staff in quietly until they open the workbench. */
export const STAFF_OPT_OUT_KEY = 'mall.staffOptOut';

export function staffOptedOut(): boolean {
  return Taro.getStorageSync(STAFF_OPT_OUT_KEY) === '1';
}

function keep(session: StaffSession | null): void {
  if (session) Taro.removeStorageSync(STAFF_OPT_OUT_KEY);
  if (session) Taro.setStorageSync(STORAGE_KEY, session);
  else Taro.removeStorageSync(STORAGE_KEY);
}

export const useStaffStore = create<StaffState>((set, get) => ({
  session: saved(),
  lastScan: null,

  async signIn() {
    try {
      const session = await staffLogin(await getLoginCode());
      keep(session);
      set({ session });
      return session;
    } catch (error) {
      if (!(error instanceof ApiError && error.code === ErrorCode.STAFF_NOT_LINKED)) throw error;
      keep(null);
      set({ session: null });
      return null;
    }
  },

  async link(inviteCode) {
    const session = await staffLink(inviteCode, await getLoginCode());
    keep(session);
    set({ session });
  },

  async signOut() {
    const refreshToken = get().session?.refreshToken;
    try {
      if (refreshToken) await logout(refreshToken);
    } catch {
      // nothing to do: the session is forgotten below, and the server ends unused sessions at their expiry
    } finally {
      keep(null);
      Taro.setStorageSync(STAFF_OPT_OUT_KEY, '1');
      set({ session: null, lastScan: null });
    }
  },

  setLastScan(lastScan) {
    set({ lastScan });
  },
}));

/**
 * Staff calls go through the same HTTP core as member calls, with the staff session as the token
 * source: an expired access token is refreshed once, and when that fails too staff mode signs in
 * again with wx.login.
 */
export const staff = staffApi(
  createRequest({
    tokens: () => useStaffStore.getState().session,
    setTokens: (tokens) => {
      const session = useStaffStore.getState().session;
      if (!session) return;
      const next = { ...session, ...tokens };
      keep(next);
      useStaffStore.setState({ session: next });
    },
    relogin: () =>
      useStaffStore
        .getState()
        .signIn()
        .then(
          (session) => session !== null,
          () => false,
        ),
  }),
);
