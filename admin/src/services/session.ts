import type { AccountLoginResponse, AccountProfile, TokenPair } from '@mall/shared';

const KEY = 'mall.admin.session';

export interface AdminSession {
  tokens: TokenPair;
  account: AccountProfile;
}

let listeners: Array<(s: AdminSession | null) => void> = [];

export function getSession(): AdminSession | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as AdminSession) : null;
  } catch {
    return null;
  }
}

export function setSession(session: AdminSession | null): void {
  if (session) localStorage.setItem(KEY, JSON.stringify(session));
  else localStorage.removeItem(KEY);
  listeners.forEach((l) => l(session));
}

export function fromLogin(res: AccountLoginResponse): AdminSession {
  return { tokens: { accessToken: res.accessToken, refreshToken: res.refreshToken, expiresIn: res.expiresIn }, account: res.account };
}

export function onSessionChange(listener: (s: AdminSession | null) => void): () => void {
  listeners.push(listener);
  return () => (listeners = listeners.filter((l) => l !== listener));
}
