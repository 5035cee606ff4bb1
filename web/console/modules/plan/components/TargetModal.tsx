import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, DatePicker, Descriptions, Form, InputNumber, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client';
import { planApi } from '../../../../api/endpoints';
import type { Commitment } from '../../../../api/types';
import { nowInZone } from '../../../../ui/format';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { planKeys } from '../hooks/usePlan';
import { commitmentSummary, nextPeriodStart } from '../planText';

interface Values {
  target: number;
  effectiveFrom?: Dayjs | null;
}

/**
 * 修改目标 (plan.manage): the new target applies from the next period unless another date (not in
 * the past) is chosen; past periods keep theirs. A 422 names the date problem on the field.
 */
export function TargetModal({
  estateId,
  commitment,
  onClose,
}: {
  estateId: string;
  commitment: Commitment | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const next = commitment ? nextPeriodStart(commitment.config.period, commitment.currentPeriodStart) : '';

  useEffect(() => {
    if (!commitment) return;
    form.resetFields();
    form.setFieldsValue({ target: commitment.next?.target ?? commitment.target ?? 0, effectiveFrom: null });
  }, [commitment, form]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      planApi.setTarget(estateId, commitment?.id ?? '', {
        target: v.target,
        ...(v.effectiveFrom ? { effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD') } : {}),
      }),
    onSuccess: (c, v) => {
      void queryClient.invalidateQueries({ queryKey: planKeys.all(estateId) });
      const date = v.effectiveFrom ? v.effectiveFrom.format('YYYY-MM-DD') : next;
      message.success(
        c.next
          ? t('plan.targetForm.scheduled', { date: c.next.effectiveFrom, target: c.next.target })
          : t('plan.targetForm.saved', { date, target: v.target }),
      );
      onClose();
    },
    onError: (err) => {
      if (err instanceof ApiError && (err.status === 422 || err.status === 400)) {
        const field = (err.details as { field?: string } | undefined)?.field;
        if (field === 'effectiveFrom') {
          form.setFields([{ name: 'effectiveFrom', errors: [err.message] }]);
          return;
        }
      }
      notifyError(err);
    },
  });

  return (
    <Modal
      open={!!commitment}
      title={commitment ? t('plan.targetForm.title', { code: commitment.code }) : null}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'target-save' }}
      onOk={() => form.validateFields().then((v) => save.mutate(v))}
      destroyOnHidden
    >
      {commitment ? (
        <>
          <Descriptions
            size="small"
            column={1}
            style={{ marginBottom: 12 }}
            items={[
              {
                key: 'rule',
                label: t(`enums.commitmentKind.${commitment.kind}`),
                children: commitmentSummary(commitment, t),
              },
              {
                key: 'current',
                label: t('plan.targetForm.current'),
                children: `${commitment.target ?? '—'} · ${t('plan.periodFrom', { date: commitment.currentPeriodStart })}`,
              },
            ]}
          />
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('plan.targetForm.hint', { date: next })}
            data-testid="target-hint"
          />
          <Form form={form} layout="vertical" data-testid="target-form">
            <Form.Item
              name="target"
              label={t('plan.targetForm.newTarget')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <InputNumber
                min={0}
                max={100000}
                precision={0}
                style={{ width: 160 }}
                data-testid="target-input"
              />
            </Form.Item>
            <Form.Item name="effectiveFrom" label={t('plan.targetForm.effectiveFrom')}>
              <DatePicker
                style={{ width: 220 }}
                placeholder={t('plan.targetForm.effectivePlaceholder', { date: next })}
                disabledDate={(d) => d.isBefore(nowInZone(), 'day')}
                data-testid="target-effective"
              />
            </Form.Item>
          </Form>
        </>
      ) : null}
    </Modal>
  );
}
