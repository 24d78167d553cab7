import type { BehaviourEventInput, CursorPage, ProductSummary } from '@mall/shared';
import { request } from './request';

const FAVOURITES_PAGE = 20;

/** 我的收藏 a page at a time; the server pages by number, the list hook by cursor: the cursor is the next page's number. */
export async function fetchFavourites(cursor: string | null): Promise<CursorPage<ProductSummary>> {
  const page = cursor ? Number(cursor) : 1;
  const res = await request<{ items: ProductSummary[]; total: number; page: number; pageSize: number }>({
    url: `/api/favourites?page=${page}&pageSize=${FAVOURITES_PAGE}`,
  });
  return { items: res.items, nextCursor: page * res.pageSize < res.total ? String(page + 1) : null };
}

export const isFavourite = (productId: number) => request<{ favourite: boolean }>({ url: `/api/favourites/${productId}`, silent: true });
export const addFavourite = (productId: number) => request<void>({ url: '/api/favourites', method: 'POST', body: { productId } });
export const removeFavourite = (productId: number) => request<void>({ url: `/api/favourites/${productId}`, method: 'DELETE' });

/** One batch of behaviour events; never toasts (tracking is invisible to the member). */
export const sendEvents = (events: BehaviourEventInput[]) =>
  request<{ accepted: number }>({ url: '/api/events', method: 'POST', body: { events }, silent: true });
