import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Divider, Drawer, Flex, Form, Input, Select, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import {
  MESSAGE_PURPOSES,
  type MessagePurpose,
  type MessageTemplate,
  messagingApi,
  PROVIDER_CHANNELS,
  type ProviderChannel,
  TEMPLATE_APPROVAL,
} from '../../../../api/messaging';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { messagingKeys } from '../hooks/useMessaging';
import { placeholdersOf } from '../messagingText';

type Approval = (typeof TEMPLATE_APPROVAL)[number];

interface Values {
  code: string;
  name: string;
  purpose: MessagePurpose;
  textZh: string;
  textEn?: string;
  providers: Record<ProviderChannel, { code?: string; status?: Approval }>;
}

const CODE_RE = /^[a-z0-9][a-z0-9_.-]{0,63}$/;

/**
 * What the text submitted for the providers' review will be: shown per provider once saved
 * (the server derives it: provider placeholders, the opt-out for greetings and tips).
 */
function ReviewTextNote({
  template,
  purpose,
  changed,
}: {
  template?: MessageTemplate;
  purpose?: MessagePurpose;
  changed: boolean;
}) {
  const { t } = useTranslation();
  let text: string;
  if (purpose === 'health_tips') text = t('templates.noSmsForPurpose');
  else if (!template) text = t('templates.reviewNewTemplate');
  else if (changed || purpose !== template.purpose) text = t('templates.reviewAfterSave');
  else text = t('templates.reviewTextHelp');
  return (
    <Typography.Paragraph type="secondary" data-testid="template-review-note">
      {text}
    </Typography.Paragraph>
  );
}

/**
 * Creates or edits a template: name, purpose, Chinese and English text with {name} placeholders
 * (campaigns fill {name} and {estate}), and its code and review status at each SMS provider.
 */
export function TemplateEditor({
  estateId,
  open,
  template,
  initialCode,
  onClose,
}: {
  estateId: string;
  open: boolean;
  /** The template being edited; undefined for a new one. */
  template?: MessageTemplate;
  /** Suggested code of a new template (e.g. the festival template a proposal needs). */
  initialCode?: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const isMobile = useIsMobile();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const textZh = Form.useWatch('textZh', form);
  const textEn = Form.useWatch('textEn', form);
  const purpose = Form.useWatch('purpose', form);
  const params = placeholdersOf(textZh, textEn);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (template) {
      form.setFieldsValue({
        code: template.code,
        name: template.name,
        purpose: template.purpose,
        textZh: template.textZh,
        textEn: template.textEn ?? undefined,
        providers: {
          sms_aliyun: { ...template.providerTemplates.sms_aliyun },
          sms_tencent: { ...template.providerTemplates.sms_tencent },
        },
      });
    } else {
      form.setFieldsValue({
        code: initialCode,
        purpose: initialCode?.includes('festival') ? 'greetings' : undefined,
      });
    }
  }, [open, template, initialCode, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const providerTemplates: Partial<Record<ProviderChannel, { code: string; status: Approval }>> = {};
      for (const ch of PROVIDER_CHANNELS) {
        const p = v.providers?.[ch];
        // The provider's code may still be empty (submitted, not yet approved): the entry stays,
        // with its review status, and the code is filled in later.
        const code = p?.code?.trim() ?? '';
        if (code || p?.status) providerTemplates[ch] = { code, status: p?.status ?? 'draft' };
      }
      return messagingApi.upsertTemplate(estateId, v.code, {
        name: v.name.trim(),
        purpose: v.purpose,
        textZh: v.textZh.trim(),
        textEn: v.textEn?.trim() || null,
        paramNames: placeholdersOf(v.textZh, v.textEn),
        providerTemplates,
      });
    },
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: messagingKeys.templates(estateId) });
      onClose();
    },
    onError: (err) => {
      if (!applyFieldErrors(form, err).length) notifyError(err);
    },
  });

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={isMobile ? '100%' : 560}
      title={template ? t('templates.editTitle', { code: template.code }) : t('templates.newTitle')}
      destroyOnHidden
      data-testid="template-editor"
      extra={
        <Button
          type="primary"
          loading={save.isPending}
          onClick={() => form.submit()}
          data-testid="template-save"
        >
          {t('common.save')}
        </Button>
      }
    >
      <Form<Values> form={form} layout="vertical" name="template" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="code"
          label={t('templates.code')}
          extra={t('templates.codeHelp')}
          rules={[
            { required: true, message: t('templates.codeRequired') },
            { pattern: CODE_RE, message: t('templates.codeInvalid') },
          ]}
        >
          <Input disabled={!!template} maxLength={64} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('templates.name')}
          rules={[{ required: true, message: t('templates.nameRequired') }]}
        >
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item
          name="purpose"
          label={t('templates.purpose')}
          rules={[{ required: true, message: t('templates.purposeRequired') }]}
        >
          <Select options={MESSAGE_PURPOSES.map((p) => ({ value: p, label: t(`outbox.purpose.${p}`) }))} />
        </Form.Item>
        <Form.Item
          name="textZh"
          label={t('templates.textZh')}
          extra={t('templates.textHelp')}
          rules={[{ required: true, message: t('templates.textRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <Form.Item name="textEn" label={t('templates.textEn')}>
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        <Flex gap={4} wrap align="center" style={{ marginBottom: 16 }}>
          <Typography.Text type="secondary">{t('templates.params')}</Typography.Text>
          {params.length ? (
            params.map((p) => <Tag key={p}>{`{${p}}`}</Tag>)
          ) : (
            <Typography.Text type="secondary">—</Typography.Text>
          )}
        </Flex>
        <Divider titlePlacement="start">{t('templates.providerSection')}</Divider>
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('templates.approvalNote')} />
        <ReviewTextNote
          template={template}
          purpose={purpose}
          changed={!!template && textZh !== template.textZh}
        />
        {PROVIDER_CHANNELS.map((ch) => (
          <Flex key={ch} gap={8} wrap align="flex-start">
            <Form.Item
              name={['providers', ch, 'code']}
              label={t('templates.providerCode', { provider: t(`outbox.channel.${ch}`) })}
              extra={t('templates.codeLater')}
              style={{ flex: '1 1 200px' }}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v: string | undefined) =>
                    getFieldValue(['providers', ch, 'status']) === 'approved' && !v?.trim()
                      ? Promise.reject(new Error(t('templates.codeNeededWhenApproved')))
                      : Promise.resolve(),
                }),
              ]}
              dependencies={[['providers', ch, 'status']]}
            >
              <Input maxLength={64} placeholder={ch === 'sms_aliyun' ? 'SMS_153055065' : '1234567'} />
            </Form.Item>
            <Form.Item
              name={['providers', ch, 'status']}
              label={t('templates.approval')}
              style={{ flex: '0 1 160px', minWidth: 140 }}
            >
              <Select
                allowClear
                options={TEMPLATE_APPROVAL.map((a) => ({
                  value: a,
                  label: t(`templates.approvalStatus.${a}`),
                }))}
              />
            </Form.Item>
            {template?.smsReviewText && purpose === template.purpose && textZh === template.textZh ? (
              <Flex vertical style={{ flex: '1 1 100%', marginBottom: 16 }}>
                <Typography.Text type="secondary">
                  {t('templates.reviewText', { provider: t(`outbox.channel.${ch}`) })}
                </Typography.Text>
                <Typography.Text
                  copyable
                  style={{ wordBreak: 'break-all' }}
                  data-testid={`template-review-${ch}`}
                >
                  {template.smsReviewText[ch]}
                </Typography.Text>
              </Flex>
            ) : null}
          </Flex>
        ))}
      </Form>
    </Drawer>
  );
}
