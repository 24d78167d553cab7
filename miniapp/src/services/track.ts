import { ApiError, EventBatcher, visitSourceOf, type BehaviourEventInput } from '@mall/shared';
import { useSessionStore } from '@/stores/session.store';
import { sendEvents } from './insight.api';

/** A batch that has not gone out by then is kept and retried (login may still be under way). */
const SEND_TIMEOUT_MS = 20_000;

async function send(events: BehaviourEventInput[]): Promise<void> {
  // No member to attribute them to: a member who logged out on purpose is not tracked.
  if (useSessionStore.getState().status === 'logged-out') return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      sendEvents(events),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), SEND_TIMEOUT_MS);
      }),
    ]);
  } catch (error) {
    // The server refused the batch itself (a 4xx other than auth or rate limit): resending cannot help, so drop it.
    if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401 && error.status !== 429) return;
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

const batcher = new EventBatcher({ send });

/** Launch or show options as Taro passes them (WeChat: scene number and query; H5: the URL's query). */
interface EnterOptions {
  scene?: number | string;
  path?: string;
  query?: Record<string, unknown>;
}

/**
 * Behaviour tracking: one line at each place something happens. Events are batched (10 s, 20 events, or when the app
 * is hidden) and sent with client ids, so a resend is stored once. None of these throws.
 */
export const track = {
  view: (productId: number) => batcher.track('view', { objectId: productId }),
  cart: (productId: number) => batcher.track('cart', { objectId: productId }),
  search: (term: string) => batcher.track('search', { term }),
  /** A visit (launch, or back from the background), with where it came from: the link's `src`, else WeChat's scene. */
  visit: (options?: EnterOptions) => {
    try {
      batcher.track('visit', { source: visitSourceOf(options?.scene, options?.query?.src), term: options?.path });
    } catch {
      // never breaks the app
    }
  },
  /** Sends what waits (the app going to the background). */
  flush: () => void batcher.flush(),
};
