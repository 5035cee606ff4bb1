import { EditOutlined, PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import type { MessagePurpose, MessageTemplate, ProviderChannel } from '../../../../api/messaging';
import { PageHeader } from '../../../../ui/PageHeader';
import { useCan } from '../../../session/useCan';
import { TemplateEditor } from '../components/TemplateEditor';
import { useEstateZone, useTemplates } from '../hooks/useMessaging';
import { APPROVAL_COLORS, formatInZone } from '../messagingText';

/** A template's code and review status at one SMS provider (or "not registered"). */
function ProviderCell({ template, channel }: { template: MessageTemplate; channel: ProviderChannel }) {
  const { t } = useTranslation();
  const p = template.providerTemplates[channel];
  if (!p) return <Typography.Text type="secondary">{t('templates.notRegistered')}</Typography.Text>;
  return (
    <Flex vertical gap={2}>
      {p.code ? (
        <Typography.Text code>{p.code}</Typography.Text>
      ) : (
        <Typography.Text type="warning" data-testid={`template-code-missing-${template.code}-${channel}`}>
          {t('templates.noCode')}
        </Typography.Text>
      )}
      <Tag color={APPROVAL_COLORS[p.status]} style={{ marginInlineEnd: 0, width: 'fit-content' }}>
        {t(`templates.approvalStatus.${p.status}`)}
      </Tag>
    </Flex>
  );
}

/** 消息模板: Chinese and English text per template with its code and approval at each SMS provider. */
export function TemplatesPage() {
  const { t } = useTranslation();
  const can = useCan();
  const { estateId, timeZone } = useEstateZone();
  const list = useTemplates(estateId);
  const [params, setParams] = useSearchParams();
  const [editing, setEditing] = useState<MessageTemplate | undefined>();
  // `?new=<code>` opens the editor for a template another page needs (a festival proposal).
  const newCode = params.get('new') ?? undefined;
  const [creating, setCreating] = useState(!!newCode);
  const canEdit = can('campaign.manage');
  const close = () => {
    setEditing(undefined);
    setCreating(false);
    if (newCode) setParams({}, { replace: true });
  };

  return (
    <div data-testid="templates-page">
      <PageHeader
        title={t('templates.title')}
        subtitle={t('templates.subtitle')}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
              {t('common.refresh')}
            </Button>
            {canEdit ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="template-new"
              >
                {t('templates.new')}
              </Button>
            ) : null}
          </>
        }
      />
      <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('templates.notApprovedNotSent')} />
      {list.isError ? (
        <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      <Card>
        <Table<MessageTemplate>
          data-testid="templates-table"
          rowKey="code"
          size="small"
          loading={list.isPending && !!estateId}
          dataSource={list.data ?? []}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: t('templates.empty') }}
          columns={[
            {
              title: t('templates.code'),
              dataIndex: 'code',
              render: (c: string, r) => (
                <Flex vertical>
                  <Typography.Text code>{c}</Typography.Text>
                  <Typography.Text>{r.name}</Typography.Text>
                </Flex>
              ),
            },
            {
              title: t('templates.purpose'),
              dataIndex: 'purpose',
              render: (p: MessagePurpose) => t(`outbox.purpose.${p}`),
            },
            {
              title: t('templates.text'),
              dataIndex: 'textZh',
              render: (_: unknown, r) => (
                <Flex vertical style={{ maxWidth: 360, minWidth: 220 }}>
                  <Typography.Text>{r.textZh}</Typography.Text>
                  {r.textEn ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {r.textEn}
                    </Typography.Text>
                  ) : (
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('templates.noEnglish')}
                    </Typography.Text>
                  )}
                </Flex>
              ),
            },
            {
              title: t('outbox.channel.sms_aliyun'),
              key: 'aliyun',
              render: (_: unknown, r) => <ProviderCell template={r} channel="sms_aliyun" />,
            },
            {
              title: t('outbox.channel.sms_tencent'),
              key: 'tencent',
              render: (_: unknown, r) => <ProviderCell template={r} channel="sms_tencent" />,
            },
            {
              title: t('templates.updatedAt'),
              dataIndex: 'updatedAt',
              render: (v: string) => formatInZone(v, timeZone),
            },
            ...(canEdit
              ? [
                  {
                    title: t('common.actions'),
                    key: 'edit',
                    render: (_: unknown, r: MessageTemplate) => (
                      <Button
                        size="small"
                        icon={<EditOutlined />}
                        onClick={() => setEditing(r)}
                        data-testid={`template-edit-${r.code}`}
                      >
                        {t('common.edit')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
      {canEdit ? (
        <TemplateEditor
          estateId={estateId}
          open={creating || !!editing}
          template={editing}
          initialCode={creating ? newCode : undefined}
          onClose={close}
        />
      ) : null}
    </div>
  );
}
