import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Flex, Modal, Select, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { estatesApi } from '../../../../api/endpoints';
import type { Building } from '../../../../api/types';
import { buildingsQueryKey, useBuildings } from '../../../hooks/useBuildings';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { staffQueryKey, useStaff } from '../../../hooks/useStaff';

/** The contract allows at most this many butlers per building. */
const MAX_BUTLERS = 10;

/** 设置楼栋管家: picks the estate's butlers responsible for one building (managers). */
export function BuildingButlersModal({
  estateId,
  building,
  onClose,
}: {
  estateId: string;
  building: Building | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const staff = useStaff(building ? estateId : '');
  const buildings = useBuildings(estateId);
  const [ids, setIds] = useState<string[]>([]);

  useEffect(() => {
    if (building) setIds(building.butlers.map((b) => b.id));
  }, [building]);

  // Active butlers of the estate, plus anyone already assigned (e.g. a since-disabled account).
  const options = useMemo(() => {
    const butlers = (staff.data ?? []).filter(
      (s) => s.role === 'butler' && (s.status === 'active' || ids.includes(s.accountId)),
    );
    const known = new Set(butlers.map((s) => s.accountId));
    const nameOf = (code: string) => buildings.data?.find((b) => b.code === code)?.name ?? code;
    return [
      ...butlers.map((s) => {
        const others = s.buildings.filter((code) => code !== building?.code);
        return {
          value: s.accountId,
          label: s.displayName,
          search: `${s.displayName} ${s.position ?? ''}`,
          hint: others.length
            ? t('structure.butlerAlsoFor', { buildings: others.map(nameOf).join(t('common.listSep')) })
            : '',
        };
      }),
      ...(building?.butlers ?? [])
        .filter((b) => !known.has(b.id))
        .map((b) => ({ value: b.id, label: b.displayName, search: b.displayName, hint: '' })),
    ];
  }, [staff.data, buildings.data, ids, building, t]);

  const save = useMutation({
    mutationFn: (accountIds: string[]) => estatesApi.setButlers(estateId, building!.id, { accountIds }),
    onSuccess: (updated) => {
      queryClient.setQueryData<Building[]>(buildingsQueryKey(estateId), (list) =>
        list?.map((b) => (b.id === updated.id ? updated : b)),
      );
      void queryClient.invalidateQueries({ queryKey: buildingsQueryKey(estateId) });
      void queryClient.invalidateQueries({ queryKey: staffQueryKey(estateId) });
      message.success(t('structure.butlersSaved'));
      onClose();
    },
    onError: (err) => {
      notifyError(err);
      // Someone may have changed the roster meanwhile: show the current butlers.
      void queryClient.invalidateQueries({ queryKey: staffQueryKey(estateId) });
    },
  });

  return (
    <Modal
      title={building ? t('structure.butlersEditTitle', { name: building.name }) : ''}
      open={building !== null}
      onCancel={onClose}
      onOk={() => save.mutate(ids)}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'building-butlers-save', disabled: staff.isPending }}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('structure.butlersEditHint')}</Typography.Paragraph>
      {staff.isError ? (
        <Alert type="error" showIcon title={staff.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      <Select
        data-testid="building-butlers-select"
        aria-label={t('structure.butlers')}
        mode="multiple"
        allowClear
        style={{ width: '100%' }}
        loading={staff.isPending}
        placeholder={t('structure.butlersPlaceholder')}
        value={ids}
        onChange={setIds}
        maxCount={MAX_BUTLERS}
        options={options}
        showSearch={{
          filterOption: (input, option) =>
            String(option?.search ?? '')
              .toLowerCase()
              .includes(input.trim().toLowerCase()),
        }}
        optionRender={(o) => (
          <Flex justify="space-between" gap={8}>
            <span>{o.data.label}</span>
            {o.data.hint ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} ellipsis>
                {o.data.hint}
              </Typography.Text>
            ) : null}
          </Flex>
        )}
        notFoundContent={staff.isPending ? undefined : t('structure.noButlerCandidates')}
      />
    </Modal>
  );
}
