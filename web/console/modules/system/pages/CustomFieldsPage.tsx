import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { estatesApi } from '../../../../api/endpoints';
import type { CustomFieldDef } from '../../../../api/types';
import { PageHeader } from '../../../../ui/PageHeader';
import { useCustomFields } from '../../../hooks/useCustomFields';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useEstate } from '../../../session/useEstate';
import { CustomFieldModal } from '../components/CustomFieldModal';

/** 自定义字段: extra household fields for this estate (list, create, edit, deactivate). */
export function CustomFieldsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const { estateId } = useEstate();
  const defs = useCustomFields(estateId);
  const [editing, setEditing] = useState<CustomFieldDef | null>(null);
  const [creating, setCreating] = useState(false);

  const toggle = useMutation({
    mutationFn: (d: CustomFieldDef) => estatesApi.updateCustomField(estateId, d.id, { active: !d.active }),
    onSuccess: (d) => {
      message.success(d.active ? t('customFields.activated') : t('customFields.deactivated'));
      void queryClient.invalidateQueries({ queryKey: ['estates', estateId, 'custom-fields'] });
    },
    onError: notifyError,
  });

  return (
    <div>
      <PageHeader
        title={t('customFields.title')}
        subtitle={t('customFields.subtitle')}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setCreating(true)}
            data-testid="customfield-create"
          >
            {t('customFields.create')}
          </Button>
        }
      />
      <Card>
        {defs.isError ? (
          <Alert type="error" showIcon title={defs.error.message} style={{ marginBottom: 12 }} />
        ) : null}
        <Table<CustomFieldDef>
          rowKey="id"
          size="middle"
          loading={defs.isPending}
          dataSource={defs.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('customFields.empty') }}
          columns={[
            { title: t('customFields.sort'), dataIndex: 'sort', width: 70 },
            { title: t('customFields.label'), dataIndex: 'label' },
            {
              title: t('customFields.labelEn'),
              dataIndex: 'labelEn',
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('customFields.key'),
              dataIndex: 'key',
              render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
            },
            {
              title: t('customFields.type'),
              dataIndex: 'type',
              render: (v: CustomFieldDef['type']) => <Tag>{t(`enums.fieldType.${v}`)}</Tag>,
            },
            {
              title: t('customFields.options'),
              dataIndex: 'options',
              render: (v: string[]) => (v.length ? v.join('、') : '—'),
            },
            {
              title: t('customFields.status'),
              dataIndex: 'active',
              render: (v: boolean) =>
                v ? (
                  <Tag color="green">{t('customFields.active')}</Tag>
                ) : (
                  <Tag>{t('customFields.inactive')}</Tag>
                ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              render: (_: unknown, d) => (
                <Space size={0}>
                  <Button type="link" size="small" icon={<EditOutlined />} onClick={() => setEditing(d)}>
                    {t('common.edit')}
                  </Button>
                  <Popconfirm
                    title={d.active ? t('customFields.deactivateConfirm') : t('customFields.activateConfirm')}
                    description={d.active ? t('customFields.deactivateHint') : undefined}
                    onConfirm={() => toggle.mutateAsync(d).catch(() => undefined)}
                  >
                    <Button type="link" size="small" danger={d.active}>
                      {d.active ? t('customFields.deactivate') : t('customFields.activate')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <CustomFieldModal
        estateId={estateId}
        open={creating || editing !== null}
        field={editing}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
    </div>
  );
}
