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

/**
 * The id of the session this browser is signed in with: the `sid` claim of the access token (the server's session id),
 * so the session list can mark it. Reading a claim needs no key; nothing here trusts it for access.
 */
export function currentSessionId(): string | null {
  const token = getSession()?.tokens.accessToken;
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const sid = (JSON.parse(json) as { sid?: unknown }).sid;
    return typeof sid === 'string' ? sid : null;
  } catch {
    return null;
  }
}
