import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';

/** Shows an API error's (already localized) message as an antd message; 401 is handled globally. */
export function useNotifyError(): (err: unknown) => void {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError) {
        if (err.status === 401) return;
        message.error(err.message || t('common.requestFailed'));
      } else {
        message.error(t('common.requestFailed'));
      }
    },
    [message, t],
  );
}
