import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { householdsApi } from '../../../../api/endpoints';
import { CONSENT_METHODS, CONSENT_PURPOSES, type ConsentPurpose } from '../../../../api/enums';
import type { Household, RecordConsentBody } from '../../../../api/types';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { consentsKey } from '../hooks/useConsents';
import { historyKey } from '../hooks/useHouseholdHistory';

interface ConsentForm {
  purpose: ConsentPurpose;
  memberId: string;
  grantedByName: string;
  method: RecordConsentBody['method'];
  noticeVersion: string;
}

/** 记录授权同意: who consented to which purpose, how, under which notice version. */
export function RecordConsentModal({
  household,
  open,
  onClose,
  purpose,
}: {
  household: Household;
  open: boolean;
  onClose: () => void;
  purpose?: ConsentPurpose;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<ConsentForm>();
  const chosen = Form.useWatch('purpose', form);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the dialog opens, never while it is open
  useEffect(() => {
    if (open) {
      form.resetFields();
      const primary = household.members.find((m) => m.isPrimary) ?? household.members[0];
      form.setFieldsValue({
        purpose: purpose ?? 'health_care',
        memberId: '',
        grantedByName: primary?.name ?? '',
        method: 'paper_form',
        noticeVersion: '2026-01',
      });
    }
  }, [open]);

  const record = useMutation({
    mutationFn: (v: ConsentForm) =>
      householdsApi.recordConsent(household.id, {
        purpose: v.purpose,
        memberId: v.memberId || null,
        grantedByName: v.grantedByName.trim(),
        method: v.method,
        noticeVersion: v.noticeVersion.trim(),
      }),
    onSuccess: () => {
      message.success(t('consents.recorded'));
      void queryClient.invalidateQueries({ queryKey: consentsKey(household.id) });
      void queryClient.invalidateQueries({ queryKey: historyKey(household.id) });
      onClose();
    },
    onError: (err) => {
      applyFieldErrors(form, err);
      notifyError(err);
    },
  });

  return (
    <Modal
      title={t('consents.recordTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('consents.record')}
      confirmLoading={record.isPending}
      destroyOnHidden
    >
      <Form<ConsentForm>
        form={form}
        layout="vertical"
        onFinish={(v) => record.mutate(v)}
        name="record-consent"
      >
        <Form.Item name="purpose" label={t('consents.purpose')} rules={[{ required: true }]}>
          <Select
            options={CONSENT_PURPOSES.map((p) => ({ value: p, label: t(`enums.consentPurpose.${p}`) }))}
          />
        </Form.Item>
        {chosen ? (
          <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
            {t(`consents.purposeHelp.${chosen}`)}
          </Typography.Paragraph>
        ) : null}
        <Form.Item
          name="memberId"
          label={t('consents.member')}
          extra={chosen === 'minor_info' ? t('consents.minorHint') : undefined}
        >
          <Select
            options={[
              { value: '', label: t('consents.wholeHousehold') },
              ...household.members.map((m) => ({
                value: m.id,
                label: `${m.name}${m.ageBand ? `（${t(`enums.ageBand.${m.ageBand}`)}）` : ''}`,
              })),
            ]}
          />
        </Form.Item>
        <Form.Item
          name="grantedByName"
          label={t('consents.grantedBy')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 40 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item name="method" label={t('consents.method')} rules={[{ required: true }]}>
          <Select
            options={CONSENT_METHODS.map((m) => ({ value: m, label: t(`enums.consentMethod.${m}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="noticeVersion"
          label={t('consents.noticeVersion')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 20 }]}
        >
          <Input />
        </Form.Item>
      </Form>
    </Modal>
  );
}
