import {
  EditOutlined,
  KeyOutlined,
  LockOutlined,
  PlusOutlined,
  StopOutlined,
  UnlockOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Input, Popconfirm, Select, Space, Table, Tag, Tooltip } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { accountsApi } from '../../../../api/endpoints';
import { ROLES } from '../../../../api/enums';
import type { Account } from '../../../../api/types';
import { estateName, formatDateTime } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { useEstates } from '../../../hooks/useEstates';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useCurrentUser } from '../../../session/useCurrentUser';
import { AccountFormModal } from '../components/AccountFormModal';
import { ResetPasswordModal } from '../components/ResetPasswordModal';

/** 账号管理 (admin): list, create, edit, disable/enable, reset password. */
export function AccountsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const { data: me } = useCurrentUser();
  const estates = useEstates();
  const accounts = useQuery({ queryKey: ['accounts'], queryFn: accountsApi.list });
  const [editing, setEditing] = useState<Account | null>(null);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<Account | null>(null);
  const [q, setQ] = useState('');
  const [role, setRole] = useState<string | undefined>();

  const rows = useMemo(() => {
    const needle = q.trim().toLowerCase();
    return (accounts.data ?? []).filter(
      (a) =>
        (!role || a.role === role) &&
        (!needle ||
          a.displayName.toLowerCase().includes(needle) ||
          (a.username ?? '').toLowerCase().includes(needle) ||
          (a.phone ?? '').includes(needle)),
    );
  }, [accounts.data, q, role]);

  const setStatus = useMutation({
    mutationFn: (a: Account) =>
      accountsApi.update(a.id, { status: a.status === 'active' ? 'disabled' : 'active', version: a.version }),
    onSuccess: (a) => {
      message.success(a.status === 'active' ? t('accounts.enabled') : t('accounts.disabled'));
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
    onError: (err) => {
      notifyError(err);
      void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    },
  });

  const estateLabel = (id: string) => {
    const e = estates.data?.find((x) => x.id === id);
    return e ? estateName(e, i18n.language) : id;
  };

  return (
    <div>
      <PageHeader
        title={t('accounts.title')}
        subtitle={t('accounts.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="account-create"
          >
            {t('accounts.create')}
          </Button>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Input.Search
            allowClear
            placeholder={t('accounts.search')}
            style={{ width: 260, maxWidth: '100%' }}
            onChange={(e) => setQ(e.target.value)}
            onSearch={setQ}
          />
          <Select
            allowClear
            placeholder={t('accounts.role')}
            style={{ width: 180 }}
            value={role}
            onChange={setRole}
            options={ROLES.map((r) => ({ value: r, label: t(`enums.role.${r}`) }))}
          />
        </Flex>
        {accounts.isError ? (
          <Alert type="error" showIcon title={accounts.error.message} style={{ marginBottom: 12 }} />
        ) : null}
        <Table<Account>
          rowKey="id"
          size="middle"
          loading={accounts.isPending}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
          columns={[
            { title: t('accounts.displayName'), dataIndex: 'displayName', fixed: 'left' },
            { title: t('accounts.username'), dataIndex: 'username', render: (v: string | null) => v ?? '—' },
            {
              title: t('accounts.phone'),
              dataIndex: 'phone',
              render: (v: string | null) =>
                v ? <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v}</span> : '—',
            },
            {
              title: t('accounts.role'),
              dataIndex: 'role',
              render: (v: Account['role']) => <Tag>{t(`enums.role.${v}`)}</Tag>,
            },
            {
              title: t('accounts.estates'),
              dataIndex: 'estates',
              render: (v: Account['estates']) =>
                v.length ? v.map((e) => <Tag key={e.estateId}>{estateLabel(e.estateId)}</Tag>) : '—',
            },
            {
              title: t('accounts.status'),
              dataIndex: 'status',
              render: (v: Account['status'], a) => {
                const locked = a.lockedUntil && new Date(a.lockedUntil) > new Date();
                return (
                  <Space size={4}>
                    <Tag color={v === 'active' ? 'green' : 'default'}>{t(`enums.accountStatus.${v}`)}</Tag>
                    {locked ? (
                      <Tooltip title={t('accounts.lockedUntil', { at: formatDateTime(a.lockedUntil) })}>
                        <Tag color="red" icon={<LockOutlined />}>
                          {t('accounts.locked')}
                        </Tag>
                      </Tooltip>
                    ) : null}
                  </Space>
                );
              },
            },
            {
              title: t('accounts.lastLogin'),
              dataIndex: 'lastLoginAt',
              render: (v: string | null) => formatDateTime(v),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              fixed: 'right',
              render: (_: unknown, a) => (
                <Space size={0} wrap>
                  <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(a)}>
                    {t('common.edit')}
                  </Button>
                  <Button type="link" size="small" icon={<KeyOutlined />} onClick={() => setResetting(a)}>
                    {t('accounts.resetPassword')}
                  </Button>
                  {a.id === me?.id ? null : (
                    <Popconfirm
                      title={
                        a.status === 'active' ? t('accounts.disableConfirm') : t('accounts.enableConfirm')
                      }
                      okButtonProps={{ danger: a.status === 'active' }}
                      onConfirm={() => setStatus.mutateAsync(a).catch(() => undefined)}
                    >
                      <Button
                        type="link"
                        size="small"
                        danger={a.status === 'active'}
                        icon={a.status === 'active' ? <StopOutlined /> : <UnlockOutlined />}
                      >
                        {a.status === 'active' ? t('accounts.disable') : t('accounts.enable')}
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <AccountFormModal
        open={creating || editing !== null}
        account={editing}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
      <ResetPasswordModal account={resetting} onClose={() => setResetting(null)} />
    </div>
  );
}
