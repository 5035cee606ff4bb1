import { CloseOutlined, HomeOutlined } from '@ant-design/icons';
import { Alert, App, Button, Flex, Form, Input, Modal, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client';
import { type LoanItem, loansApi } from '../../../../api/followup';
import type { HouseholdSummary } from '../../../../api/types';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { fieldErrorsOf } from '../../ratings/followupText';
import { HouseholdPicker } from '../../visits/components/HouseholdPicker';
import { useRefreshLoans } from '../hooks/useLoans';
import { DUE_PRESETS, type DuePreset, dueAtOf, isMasked } from '../loanText';

const FIELDS = ['householdId', 'borrowerName', 'borrowerPhone', 'dueAt', 'note'] as const;

interface Values {
  borrowerName?: string;
  borrowerPhone?: string;
  due: DuePreset;
  note?: string;
}

/**
 * 借出: one unit of an item to a household found by its room (3-2-501), the borrower's name and
 * phone, and when it should come back (trolley 2 hours, others 3 days unless chosen otherwise).
 */
export function LendModal({
  item,
  estateId,
  onClose,
}: {
  item: LoanItem | null;
  estateId: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const refresh = useRefreshLoans();
  const [form] = Form.useForm<Values>();
  const [household, setHousehold] = useState<HouseholdSummary | null>(null);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (item) {
      form.resetFields();
      setHousehold(null);
      setError(null);
    }
  }, [item, form]);

  if (!item) return null;

  const pick = (h: HouseholdSummary) => {
    setHousehold(h);
    // A masked name (张*丰) is not a name to write down: the borrower says it.
    if (h.primaryName && !isMasked(h.primaryName) && !form.getFieldValue('borrowerName'))
      form.setFieldValue('borrowerName', h.primaryName);
  };

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      const loan = await loansApi.create({
        itemId: item.id,
        householdId: household?.id,
        borrowerName: (v.borrowerName ?? '').trim(),
        borrowerPhone: v.borrowerPhone?.trim() || undefined,
        dueAt: dueAtOf(v.due),
        note: v.note?.trim() || undefined,
      });
      message.success(t('lending.lent', { item: loan.itemName, room: loan.roomCode ?? loan.borrowerName }));
      refresh();
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status !== 401) {
        const mapped = fieldErrorsOf(err, FIELDS);
        form.setFields(
          mapped.fields.flatMap((f) =>
            f.name === 'householdId' || f.name === 'dueAt' ? [] : [{ ...f, name: f.name }],
          ),
        );
        const other = mapped.fields.find((f) => f.name === 'householdId' || f.name === 'dueAt');
        setError(mapped.rest ?? other?.errors[0] ?? null);
        if (err.status === 409) refresh();
      } else setError(t('common.requestFailed'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('lending.lendTitle', { item: item.name, location: item.location })}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('lending.lend')}
      okButtonProps={{ loading: saving, 'data-testid': 'lend-save' }}
      cancelText={t('common.cancel')}
      width={isMobile ? '100%' : 560}
      destroyOnHidden
    >
      {error ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} data-testid="lend-error" />
      ) : null}
      <Form form={form} layout="vertical" initialValues={{ due: 'default' }}>
        <Form.Item
          label={t('lending.fields.household')}
          extra={household ? null : t('lending.householdHint')}
        >
          {household ? (
            <Flex align="center" gap={8} data-testid="lend-household">
              <HomeOutlined />
              <Typography.Text strong>{household.roomCode}</Typography.Text>
              <Typography.Text type="secondary">{household.primaryName ?? ''}</Typography.Text>
              <Button
                type="text"
                size="small"
                icon={<CloseOutlined />}
                onClick={() => setHousehold(null)}
                aria-label={t('lending.changeHousehold')}
              />
            </Flex>
          ) : (
            <HouseholdPicker estateId={estateId} onPick={pick} testId="lend-household-search" />
          )}
        </Form.Item>
        <Form.Item
          name="borrowerName"
          label={t('lending.fields.borrower')}
          rules={[{ required: true, whitespace: true, message: t('lending.borrowerRequired') }]}
        >
          <Input maxLength={50} data-testid="lend-borrower" />
        </Form.Item>
        <Form.Item name="borrowerPhone" label={t('lending.fields.phone')}>
          <Input maxLength={20} inputMode="tel" data-testid="lend-phone" />
        </Form.Item>
        <Form.Item name="due" label={t('lending.fields.due')}>
          <Select<DuePreset>
            data-testid="lend-due"
            options={DUE_PRESETS.map((p) => ({
              value: p,
              label:
                p === 'default'
                  ? t(item.kind === 'trolley' ? 'lending.due.defaultTrolley' : 'lending.due.defaultOther')
                  : t(`lending.due.${p}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('lending.fields.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
