import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { householdsApi } from '../../../../api/endpoints';
import {
  type ConsentPurpose,
  HEALTH_CONDITIONS,
  PURPOSE_OF_CATEGORY,
  SENSITIVE_CATEGORIES,
  type SensitiveCategory,
} from '../../../../api/enums';
import type { Consent, Household, SensitiveFact } from '../../../../api/types';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { householdKey } from '../hooks/useHousehold';
import { historyKey } from '../hooks/useHouseholdHistory';
import { sensitiveKey } from '../hooks/useSensitiveFacts';

interface FactForm {
  category: SensitiveCategory;
  memberId: string;
  conditions: (typeof HEALTH_CONDITIONS)[number][];
  note: string;
  range: [Dayjs | null, Dayjs | null] | null;
}

/** Whether an active consent covers this category (for the whole household or this member). */
function hasConsentFor(consents: Consent[], category: SensitiveCategory, memberId: string | null): boolean {
  const purpose = PURPOSE_OF_CATEGORY[category];
  return consents.some(
    (c) => c.active && c.purpose === purpose && (c.memberId === null || !memberId || c.memberId === memberId),
  );
}

/** Adds a sensitive fact; blocked (with a way to record consent) until the purpose is consented. */
export function AddSensitiveFactModal({
  household,
  consents,
  allowed,
  initialCategory,
  open,
  onClose,
  onNeedConsent,
}: {
  household: Household;
  consents: Consent[];
  allowed: readonly SensitiveCategory[];
  /** The category to start with (e.g. when coming back after recording its consent). */
  initialCategory?: SensitiveCategory;
  open: boolean;
  onClose: () => void;
  onNeedConsent?: (purpose: ConsentPurpose, category: SensitiveCategory) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FactForm>();
  const category = Form.useWatch('category', form);
  const memberId = Form.useWatch('memberId', form) ?? null;
  const consented = category ? hasConsentFor(consents, category, memberId) : true;

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the dialog opens, never while it is open
  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue({
        category: initialCategory ?? allowed[0] ?? 'health',
        memberId: '',
        conditions: [],
        note: '',
      });
    }
  }, [open]);

  const add = useMutation({
    mutationFn: (v: FactForm) =>
      householdsApi.addSensitive(household.id, {
        category: v.category,
        memberId: v.memberId || null,
        ...(v.category === 'health' && v.conditions?.length ? { conditions: v.conditions } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
        ...(v.category === 'away' && v.range?.[0] ? { from: v.range[0].format('YYYY-MM-DD') } : {}),
        ...(v.category === 'away' && v.range?.[1] ? { until: v.range[1].format('YYYY-MM-DD') } : {}),
      }),
    onSuccess: (fact) => {
      message.success(t('sensitive.added'));
      // Append locally: refetching would be one more audited read.
      queryClient.setQueryData<SensitiveFact[]>(sensitiveKey(household.id), (old) =>
        old ? [...old, fact] : old,
      );
      void queryClient.invalidateQueries({ queryKey: householdKey(household.id), exact: true });
      void queryClient.invalidateQueries({ queryKey: historyKey(household.id) });
      onClose();
    },
    onError: (err) => {
      applyFieldErrors(form, err, (p) => (p[0] === 'from' || p[0] === 'until' ? ['range'] : p));
      notifyError(err);
    },
  });

  const purpose = category ? PURPOSE_OF_CATEGORY[category] : undefined;

  return (
    <Modal
      title={t('sensitive.addTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ disabled: !consented, 'data-testid': 'sensitive-add-ok' }}
      confirmLoading={add.isPending}
      destroyOnHidden
    >
      <Form<FactForm> form={form} layout="vertical" onFinish={(v) => add.mutate(v)} name="add-sensitive">
        <Form.Item name="category" label={t('sensitive.category')} rules={[{ required: true }]}>
          <Select
            options={SENSITIVE_CATEGORIES.filter((c) => allowed.includes(c)).map((c) => ({
              value: c,
              label: t(`enums.sensitiveCategory.${c}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="memberId" label={t('sensitive.member')}>
          <Select
            options={[
              { value: '', label: t('consents.wholeHousehold') },
              ...household.members.map((m) => ({ value: m.id, label: m.name })),
            ]}
          />
        </Form.Item>
        {!consented && purpose ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="sensitive-consent-required"
            title={t('sensitive.consentRequired', { purpose: t(`enums.consentPurpose.${purpose}`) })}
            description={t('sensitive.consentRequiredHint')}
            action={
              onNeedConsent ? (
                <Button size="small" onClick={() => onNeedConsent(purpose, category)}>
                  {t('consents.record')}
                </Button>
              ) : undefined
            }
          />
        ) : null}
        {category === 'health' ? (
          <Form.Item name="conditions" label={t('sensitive.conditions')}>
            <Select
              mode="multiple"
              options={HEALTH_CONDITIONS.map((c) => ({ value: c, label: t(`enums.healthCondition.${c}`) }))}
            />
          </Form.Item>
        ) : null}
        {category === 'away' ? (
          <Form.Item
            name="range"
            label={t('sensitive.awayPeriod')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <DatePicker.RangePicker style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        <Form.Item name="note" label={t('sensitive.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={3} showCount maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
