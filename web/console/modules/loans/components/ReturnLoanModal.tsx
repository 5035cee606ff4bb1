import { Alert, App, Form, Input, Modal, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client';
import { LOAN_CONDITIONS, type Loan, type LoanCondition, loansApi } from '../../../../api/followup';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useRefreshLoans } from '../hooks/useLoans';

/** 归还: the item comes back fine, damaged, or is reported lost (a lost one leaves the stock). */
export function ReturnLoanModal({ loan, onClose }: { loan: Loan | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const refresh = useRefreshLoans();
  const [form] = Form.useForm<{ condition: LoanCondition; note?: string }>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const condition = Form.useWatch('condition', form);

  useEffect(() => {
    if (loan) {
      form.resetFields();
      setError(null);
    }
  }, [loan, form]);

  if (!loan) return null;

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await loansApi.return(loan.id, v.condition, v.note?.trim());
      message.success(t(`lending.returned.${v.condition}`));
      refresh();
      onClose();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.requestFailed'));
      if (err instanceof ApiError && err.status === 409) refresh();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('lending.returnTitle', { item: loan.itemName })}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('lending.return')}
      okButtonProps={{ loading: saving, danger: condition === 'lost', 'data-testid': 'return-save' }}
      cancelText={t('common.cancel')}
      width={isMobile ? '100%' : 480}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {loan.roomCode ?? '—'} · {loan.borrowerName}
      </Typography.Paragraph>
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} /> : null}
      <Form form={form} layout="vertical" initialValues={{ condition: 'ok' }}>
        <Form.Item name="condition" label={t('lending.fields.condition')}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            data-testid="return-condition"
            options={LOAN_CONDITIONS.map((c) => ({ value: c, label: t(`lending.condition.${c}`) }))}
          />
        </Form.Item>
        {condition === 'lost' ? (
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('lending.lostHint')} />
        ) : null}
        <Form.Item name="note" label={t('lending.fields.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
