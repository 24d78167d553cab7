import { useCallback, useEffect, useState } from 'react';
import { App } from 'antd';

/** Loads data once (and on reload()), showing the server's error message on failure. */
export function useLoad<T>(loader: () => Promise<T>, deps: unknown[] = []) {
  const { message } = App.useApp();
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const reload = useCallback(async () => {
    setLoading(true);
    try {
      setData(await loader());
    } catch (error) {
      void message.error((error as Error).message);
    } finally {
      setLoading(false);
    }
  }, deps);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, loading, reload, setData };
}
