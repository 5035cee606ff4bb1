import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Flex, Popconfirm, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { householdsApi } from '../../../../api/endpoints';
import type { Consent, Household } from '../../../../api/types';
import { formatDateTime } from '../../../../ui/format';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useCan } from '../../../session/useCan';
import { consentsKey, useConsents } from '../hooks/useConsents';
import { householdKey } from '../hooks/useHousehold';
import { historyKey } from '../hooks/useHouseholdHistory';
import { sensitiveKey } from '../hooks/useSensitiveFacts';
import { RecordConsentModal } from './RecordConsentModal';

/** 授权同意 tab: the household's consents; record new ones and withdraw them. */
export function ConsentsTab({ household }: { household: Household }) {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const consents = useConsents(household.id);
  const [recording, setRecording] = useState(false);
  const memberName = (id: string | null) =>
    id ? (household.members.find((m) => m.id === id)?.name ?? id) : t('consents.wholeHousehold');

  const withdraw = useMutation({
    mutationFn: (c: Consent) => householdsApi.withdrawConsent(household.id, c.id),
    onSuccess: () => {
      message.success(t('consents.withdrawn'));
      void queryClient.invalidateQueries({ queryKey: consentsKey(household.id) });
      void queryClient.invalidateQueries({ queryKey: historyKey(household.id) });
      // Withdrawing erases the facts stored under the consent: the archive's counts and version move.
      void queryClient.invalidateQueries({ queryKey: householdKey(household.id), exact: true });
      queryClient.removeQueries({ queryKey: sensitiveKey(household.id) });
    },
    onError: notifyError,
  });

  return (
    <div>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('consents.intro')}</Typography.Text>
        {can('consent.manage') ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setRecording(true)}
            data-testid="consent-record"
          >
            {t('consents.record')}
          </Button>
        ) : null}
      </Flex>
      {consents.isError ? <Alert type="error" showIcon title={consents.error.message} /> : null}
      <Table<Consent>
        rowKey="id"
        size="small"
        loading={consents.isPending}
        dataSource={consents.data ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('consents.empty') }}
        columns={[
          {
            title: t('consents.purpose'),
            dataIndex: 'purpose',
            render: (v: Consent['purpose']) => (
              <Tooltip title={t(`consents.purposeHelp.${v}`)}>
                <span>{t(`enums.consentPurpose.${v}`)}</span>
              </Tooltip>
            ),
          },
          { title: t('consents.member'), dataIndex: 'memberId', render: (v: string | null) => memberName(v) },
          { title: t('consents.grantedBy'), dataIndex: 'grantedByName' },
          {
            title: t('consents.method'),
            dataIndex: 'method',
            render: (v: string) => t(`enums.consentMethod.${v}`, { defaultValue: v }),
          },
          { title: t('consents.noticeVersion'), dataIndex: 'noticeVersion' },
          {
            title: t('consents.grantedAt'),
            dataIndex: 'grantedAt',
            render: (v: string) => formatDateTime(v),
          },
          { title: t('consents.recordedBy'), dataIndex: 'recordedBy' },
          {
            title: t('consents.status'),
            dataIndex: 'active',
            render: (active: boolean, c) =>
              active ? (
                <Tag color="green">{t('consents.active')}</Tag>
              ) : (
                <Tooltip title={formatDateTime(c.withdrawnAt)}>
                  <Tag>{t('consents.withdrawnTag')}</Tag>
                </Tooltip>
              ),
          },
          ...(can('consent.manage')
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, c: Consent) =>
                    c.active ? (
                      <Popconfirm
                        title={t('consents.withdrawConfirm')}
                        description={t('consents.withdrawHint')}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => withdraw.mutateAsync(c).catch(() => undefined)}
                      >
                        <Button size="small" danger type="link">
                          {t('consents.withdraw')}
                        </Button>
                      </Popconfirm>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <RecordConsentModal household={household} open={recording} onClose={() => setRecording(false)} />
    </div>
  );
}
