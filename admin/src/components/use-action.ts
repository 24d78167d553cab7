import { useCallback } from 'react';
import { App } from 'antd';

/**
 * Runs one operator action: shows `success` when it worked and the server's message when it did not.
 * Resolves true on success, so a ModalForm's onFinish can return it to close (or stay open on failure).
 */
export function useAction() {
  const { message } = App.useApp();
  return useCallback(
    async (action: () => Promise<unknown>, success?: string): Promise<boolean> => {
      try {
        await action();
        if (success) void message.success(success);
        return true;
      } catch (error) {
        void message.error((error as Error).message);
        return false;
      }
    },
    [message],
  );
}
