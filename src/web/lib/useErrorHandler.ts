/** Turns API errors into what the user sees: a message, and field errors on a form. */
import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client';

/**
 * Returns a handler that shows an error's Chinese message; with a form, the server's
 * per-field messages are also put on the matching fields.
 */
export function useErrorHandler() {
  const { message } = App.useApp();
  return useCallback(
    (err: unknown, form?: FormInstance) => {
      if (err instanceof ApiError) {
        if (err.code === 'STALE_VERSION') {
          message.warning('该事项已被他人更新，已为您刷新最新内容');
          return;
        }
        if (form && err.fields) {
          const known = new Set(Object.keys(form.getFieldsValue(true) ?? {}));
          const fields = Object.entries(err.fields)
            .filter(([name]) => known.has(name))
            .map(([name, msg]) => ({ name, errors: [msg] }));
          if (fields.length) form.setFields(fields);
        }
        message.error(err.message);
        return;
      }
      message.error(err instanceof Error && err.message ? err.message : '操作失败，请稍后重试');
    },
    [message],
  );
}
