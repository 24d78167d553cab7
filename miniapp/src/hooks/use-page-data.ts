import { useCallback, useEffect, useRef, useState, type DependencyList } from 'react';
import Taro, { useDidHide, useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import { ApiError, type CursorPage } from '@mall/shared';
import { quietly } from '@/services/request';

/** What a page knows about the data it shows; PageFrame renders it. */
export interface PageData<T> {
  /** The last data loaded (kept while reloading, so a refresh does not blank the page). */
  data: T | undefined;
  /** The Chinese message of the last failed load, null after a good one. */
  error: string | null;
  loading: boolean;
  /** Loads again (the retry button, pull-to-refresh, after an action). */
  reload(): Promise<void>;
  /** Changes the shown data locally (after an action whose result the server returned). */
  setData(update: T | ((previous: T | undefined) => T)): void;
}

export interface PageDataOptions {
  /** Load again when these change (a route parameter, a tab). */
  deps?: DependencyList;
  /** Forget the shown data when `deps` change, so the skeleton shows instead of another tab's rows. */
  resetOnChange?: boolean;
  /** Load again each time the page comes back into view (default true): data may have changed elsewhere. */
  reloadOnShow?: boolean;
}

const LOAD_FAILED = '加载失败，请稍后重试';

function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  console.error(error);
  return LOAD_FAILED;
}

/**
 * The one way a page loads what it shows: once when it opens, again when it is shown after being
 * hidden, on pull-down (pages that set `enablePullDownRefresh`) and on retry. Only the latest load
 * may update the page, so a slow answer for an old tab never overwrites a newer one.
 */
export function usePageData<T>(load: () => Promise<T>, options: PageDataOptions = {}): PageData<T> {
  const { deps = [], resetOnChange = false, reloadOnShow = true } = options;
  const [state, setState] = useState<{ data: T | undefined; error: string | null; loading: boolean }>({ data: undefined, error: null, loading: true });
  const loadRef = useRef(load);
  loadRef.current = load;
  const latest = useRef(0);
  const hidden = useRef(false);
  const shown = useRef<T | undefined>(undefined);
  shown.current = state.data;

  const reload = useCallback(async () => {
    const id = ++latest.current;
    setState((s) => ({ ...s, error: null, loading: true }));
    try {
      // Nothing on screen yet: the frame will show a failure, so its requests need not toast it too.
      const data = await (shown.current === undefined ? quietly(loadRef.current) : loadRef.current());
      if (id === latest.current) setState({ data, error: null, loading: false });
    } catch (error) {
      if (id === latest.current) setState((s) => ({ ...s, error: messageOf(error), loading: false }));
    }
  }, []);

  useEffect(() => {
    if (resetOnChange) {
      shown.current = undefined;
      setState({ data: undefined, error: null, loading: true });
    }
    void reload();
  }, deps); // callers list what their loader depends on
  useEffect(
    () => () => {
      latest.current++; // unmounted: ignore answers still in flight
    },
    [],
  );

  useDidHide(() => {
    hidden.current = true;
  });
  useDidShow(() => {
    if (!hidden.current) return; // the first show is the mount above
    hidden.current = false;
    if (reloadOnShow) void reload();
  });
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh());
  });

  const setData = useCallback((update: T | ((previous: T | undefined) => T)) => {
    setState((s) => ({ ...s, data: typeof update === 'function' ? (update as (previous: T | undefined) => T)(s.data) : update }));
  }, []);

  return { ...state, reload, setData };
}

/** PageData for a page whose data is already at hand (a local store), so it renders through PageFrame too. */
export function readyPageData<T>(data: T): PageData<T> {
  return { data, error: null, loading: false, reload: () => Promise.resolve(), setData: () => undefined };
}

/** A list the server hands out a page at a time (`{ items, nextCursor }`). */
export interface PagedData<T> extends PageData<T[]> {
  hasMore: boolean;
  loadingMore: boolean;
  /** The message of a failed next page (the list stays; the footer offers 重试). */
  moreError: string | null;
  loadMore(): Promise<void>;
}

/**
 * usePageData for a paged list: the first page loads (and pull-to-refresh reloads) through
 * usePageData, reaching the bottom of the page appends the next one. A next page that arrives after
 * a reload replaced the list is dropped, so rows never mix two loads.
 */
export function usePagedData<T>(loadPage: (cursor: string | null) => Promise<CursorPage<T>>, options: PageDataOptions = {}): PagedData<T> {
  const loadRef = useRef(loadPage);
  loadRef.current = loadPage;
  const page = usePageData(() => loadRef.current(null), options);
  const [more, setMore] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null });
  const current = useRef(page.data);
  current.current = page.data;

  const loadMore = useCallback(async () => {
    const from = current.current;
    if (!from?.nextCursor || more.loading) return;
    setMore({ loading: true, error: null });
    try {
      const next = await loadRef.current(from.nextCursor);
      if (current.current !== from) return; // reloaded meanwhile
      page.setData({ items: [...from.items, ...next.items], nextCursor: next.nextCursor });
      setMore({ loading: false, error: null });
    } catch (error) {
      setMore({ loading: false, error: messageOf(error) });
    }
  }, [more.loading, page.setData]);

  useReachBottom(() => {
    if (!more.error) void loadMore();
  });

  return {
    data: page.data?.items,
    error: page.error,
    loading: page.loading,
    reload: page.reload,
    setData: (update) =>
      page.setData((previous) => ({
        items: typeof update === 'function' ? (update as (p: T[] | undefined) => T[])(previous?.items) : update,
        nextCursor: previous?.nextCursor ?? null,
      })),
    hasMore: Boolean(page.data?.nextCursor),
    loadingMore: more.loading,
    moreError: more.error,
    loadMore,
  };
}
