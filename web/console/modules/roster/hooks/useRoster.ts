import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { rosterApi } from '../rosterApi';

/** Query keys of the roster page. */
export const rosterKeys = {
  all: (estateId: string) => ['duty-roster', estateId] as const,
  week: (estateId: string, team: string, week: string) => ['duty-roster', estateId, team, week] as const,
};

/** A week of a team's roster; refreshed every minute so "on duty now" stays true. */
export function useRoster(estateId: string, team: string, week: string) {
  return useQuery({
    queryKey: rosterKeys.week(estateId, team, week),
    queryFn: () => rosterApi.get(estateId, { team, week: week || undefined }),
    enabled: !!estateId,
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

/**
 * Runs a roster change; on success every roster view reloads. When someone else saved first
 * (412) the server's words are shown and the page reloads so the editor sees the current week.
 * Resolves true on success.
 */
export function useRosterChange() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const m = useMutation({ mutationFn: (run: () => Promise<unknown>) => run() });
  return {
    pending: m.isPending,
    async run(estateId: string, fn: () => Promise<unknown>, ok = t('common.saved')): Promise<boolean> {
      try {
        await m.mutateAsync(fn);
        message.success(ok);
        return true;
      } catch (err) {
        if (err instanceof ApiError && err.status === 412) message.warning(err.message);
        else notifyError(err);
        return false;
      } finally {
        void qc.invalidateQueries({ queryKey: rosterKeys.all(estateId) });
      }
    },
  };
}
