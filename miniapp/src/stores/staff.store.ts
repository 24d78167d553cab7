import Taro from '@tarojs/taro';
import { create } from 'zustand';
import type { ScanBindResult, StaffSession } from '@mall/shared';
import { getLoginCode } from '@/services/auth.api';
import { ApiError, request, type RequestOptions } from '@/services/request';
import { staffApi, staffLink, staffLogin } from '@/services/staff.api';

const STORAGE_KEY = 'mall.staffSession';

type Status = 'unknown' | 'signing-in' | 'signed-in' | 'needs-invite';

interface StaffState {
  session: StaffSession | null;
  status: Status;
  /** The last scan's result, shown by the result page. */
  lastScan: ScanBindResult | null;
  /** Tries wx.login: a linked WeChat signs straight in, otherwise the page asks for an invitation code. */
  signIn(): Promise<void>;
  link(inviteCode: string): Promise<void>;
  signOut(): void;
  setLastScan(result: ScanBindResult | null): void;
}

function saved(): StaffSession | null {
  try {
    return (Taro.getStorageSync<StaffSession>(STORAGE_KEY) as StaffSession) || null;
  } catch {
    return null;
  }
}

export const useStaffStore = create<StaffState>((set) => ({
  session: saved(),
  status: saved() ? 'signed-in' : 'unknown',
  lastScan: null,

  async signIn() {
    set({ status: 'signing-in' });
    try {
      const session = await staffLogin(await getLoginCode());
      Taro.setStorageSync(STORAGE_KEY, session);
      set({ session, status: 'signed-in' });
    } catch (error) {
      set({ session: null, status: 'needs-invite' });
      if (!(error instanceof ApiError && error.code === 'STAFF_NOT_LINKED')) throw error;
    }
  },

  async link(inviteCode) {
    const session = await staffLink(inviteCode, await getLoginCode());
    Taro.setStorageSync(STORAGE_KEY, session);
    set({ session, status: 'signed-in' });
  },

  signOut() {
    Taro.removeStorageSync(STORAGE_KEY);
    set({ session: null, status: 'needs-invite', lastScan: null });
  },

  setLastScan(lastScan) {
    set({ lastScan });
  },
}));

/** Sends with the staff token; an expired token signs in again with wx.login once and retries. */
async function sendAsStaff<T>(options: RequestOptions): Promise<T> {
  const token = useStaffStore.getState().session?.accessToken;
  try {
    return await request<T>({ ...options, bearer: token, silent: true });
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 401) {
      if (!options.silent && error instanceof ApiError) void Taro.showToast({ title: error.message, icon: 'none', duration: 2500 });
      throw error;
    }
    await useStaffStore.getState().signIn();
    return request<T>({ ...options, bearer: useStaffStore.getState().session?.accessToken });
  }
}

export const staff = staffApi(sendAsStaff);
