import type { AdminMemberListItem, Page } from '@mall/shared';
import { http, qs } from './http';

export type MemberName = Pick<AdminMemberListItem, 'id' | 'nickname' | 'phoneMasked'>;

/** At most this many ids per request (the server's limit). */
const BATCH = 100;

const known = new Map<number, Promise<MemberName | null>>();
let waiting: { id: number; resolve: (m: MemberName | null) => void }[] = [];
let scheduled = false;

/** Asks the server once for every id requested in the same tick (a table's rows render together). */
function flush() {
  scheduled = false;
  const batch = waiting;
  waiting = [];
  for (let i = 0; i < batch.length; i += BATCH) {
    const part = batch.slice(i, i + BATCH);
    http<Page<AdminMemberListItem>>(`/api/admin/members${qs({ ids: part.map((w) => w.id).join(',') })}`).then(
      ({ items }) => part.forEach((w) => w.resolve(items.find((m) => m.id === w.id) ?? null)),
      () => part.forEach((w) => (known.delete(w.id), w.resolve(null))),
    );
  }
}

/** A member's display name and masked phone, batched and cached for the page's lifetime. */
export function memberName(id: number): Promise<MemberName | null> {
  let found = known.get(id);
  if (!found) {
    found = new Promise((resolve) => waiting.push({ id, resolve }));
    known.set(id, found);
    if (!scheduled) {
      scheduled = true;
      queueMicrotask(flush);
    }
  }
  return found;
}

/** Forget a member's cached name (after an edit). */
export const forgetMemberName = (id: number) => void known.delete(id);

/** Members matching a keyword (id, phone digits or nickname), for pickers. */
export const searchMembers = (keyword: string, pageSize = 10) =>
  http<Page<AdminMemberListItem>>(`/api/admin/members${qs({ keyword: keyword.trim(), page: 1, pageSize })}`).then((p) => p.items);

export const memberLabel = (m: Pick<MemberName, 'nickname' | 'phoneMasked'>) => (m.phoneMasked ? `${m.nickname} · ${m.phoneMasked}` : m.nickname);
