import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Form, Input, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CAMPAIGN_CHANNELS,
  type CampaignChannel,
  MESSAGE_PURPOSES,
  type MessagePurpose,
  type MessageTemplate,
} from '../../../../api/messaging';
import { useProviders, useTemplates } from '../hooks/useMessaging';
import { APPROVAL_COLORS } from '../messagingText';
import { hasUsableSms } from './NoProviderBanner';
import { TemplateEditor } from './TemplateEditor';
import { isTipTemplate, TIP_TEMPLATE, TipField } from './TipField';

const SMS = new Set<CampaignChannel>(['sms_aliyun', 'sms_tencent']);

/**
 * Step 1 of a campaign: name, purpose, channel and template, with what each choice means — the
 * development channel only records; SMS needs a provider and an approved template; e-mail needs a
 * mail server and reaches only members with an address; health tips never go by SMS.
 */
export function ContentFields({ estateId, festival }: { estateId: string; festival?: string | null }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const purpose = Form.useWatch<MessagePurpose | undefined>('purpose', form);
  const channel = Form.useWatch<CampaignChannel | undefined>('channel', form);
  const code = Form.useWatch<string | undefined>('templateCode', form);
  const templates = useTemplates(estateId);
  const providers = useProviders(estateId);
  const [creating, setCreating] = useState(false);
  const list = templates.data ?? [];
  const chosen: MessageTemplate | undefined = list.find((x) => x.code === code);
  const missing = !!code && templates.isSuccess && !chosen;
  const sms = !!channel && SMS.has(channel);
  const approval =
    sms && chosen ? chosen.providerTemplates[channel as 'sms_aliyun' | 'sms_tencent']?.status : undefined;

  return (
    <>
      {festival ? (
        <Flex gap={6} style={{ marginBottom: 12 }}>
          <Tag color="red">{t('campaigns.wizard.forFestival', { festival })}</Tag>
        </Flex>
      ) : null}
      <Form.Item
        name="name"
        label={t('campaigns.wizard.name')}
        rules={[{ required: true, whitespace: true, message: t('campaigns.wizard.nameRequired') }]}
      >
        <Input maxLength={80} data-testid="campaign-name" />
      </Form.Item>
      <Form.Item
        name="purpose"
        label={t('campaigns.wizard.purpose')}
        rules={[{ required: true, message: t('campaigns.wizard.purposeRequired') }]}
      >
        <Select
          options={MESSAGE_PURPOSES.map((p) => ({ value: p, label: t(`outbox.purpose.${p}`) }))}
          data-testid="campaign-purpose"
          onChange={(p: MessagePurpose) => {
            // A tip fits one purpose (health tips only as health tips); its template follows: a tip
            // template (or none yet) becomes this purpose's, or none when it has no tips. A template
            // of one's own stays.
            form.setFieldValue('tipId', undefined);
            const current = form.getFieldValue('templateCode') as string | undefined;
            if (isTipTemplate(current) || (TIP_TEMPLATE[p] && !current))
              form.setFieldValue('templateCode', TIP_TEMPLATE[p]);
          }}
        />
      </Form.Item>
      <Form.Item
        name="channel"
        label={t('campaigns.wizard.channel')}
        rules={[{ required: true, message: t('campaigns.wizard.channelRequired') }]}
      >
        <Select
          data-testid="campaign-channel"
          options={CAMPAIGN_CHANNELS.map((c) => ({
            value: c,
            label: t(`outbox.channel.${c}`),
            disabled: purpose === 'health_tips' && SMS.has(c),
          }))}
        />
      </Form.Item>
      {purpose === 'health_tips' ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('campaigns.wizard.healthNoSms')} />
      ) : null}
      {purpose && TIP_TEMPLATE[purpose] ? <TipField estateId={estateId} purpose={purpose} /> : null}
      {channel === 'dev' ? (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('campaigns.wizard.devChannel')} />
      ) : null}
      {channel === 'email' ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="campaign-email-hint"
          title={t('campaigns.wizard.emailChannel')}
        />
      ) : null}
      {sms && providers.isSuccess && !hasUsableSms(providers.data) ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('campaigns.wizard.noProvider')}
        />
      ) : null}
      <Form.Item
        name="templateCode"
        label={t('campaigns.wizard.template')}
        rules={[{ required: true, message: t('campaigns.wizard.templateRequired') }]}
      >
        <Select
          showSearch
          optionFilterProp="label"
          loading={templates.isPending}
          data-testid="campaign-template"
          options={[
            ...list.map((x) => ({ value: x.code, label: `${x.name} · ${x.code}` })),
            ...(missing
              ? [{ value: code, label: t('campaigns.wizard.templateMissingOption', { code }) }]
              : []),
          ]}
        />
      </Form.Item>
      {missing ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="template-missing"
          title={t('campaigns.wizard.templateMissing', { code })}
          action={
            <Button size="small" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('campaigns.wizard.createTemplate')}
            </Button>
          }
        />
      ) : null}
      {chosen ? (
        <Alert
          type="success"
          style={{ marginBottom: 12 }}
          title={chosen.textZh}
          description={chosen.textEn ?? undefined}
        />
      ) : null}
      {sms && chosen ? (
        approval === 'approved' ? (
          <Tag color={APPROVAL_COLORS.approved}>{t('campaigns.wizard.approved')}</Tag>
        ) : (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={t('campaigns.wizard.notApproved', {
              status: t(`templates.approvalStatus.${approval ?? 'none'}`),
            })}
          />
        )
      ) : null}
      <TemplateEditor
        estateId={estateId}
        open={creating}
        initialCode={code}
        onClose={() => setCreating(false)}
      />
    </>
  );
}
