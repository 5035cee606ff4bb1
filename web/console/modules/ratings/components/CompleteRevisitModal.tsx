import { Alert, App, Descriptions, Form, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client';
import { type Revisit, revisitsApi } from '../../../../api/followup';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { serviceName } from '../../requests/requestText';
import { fieldErrorsOf, formatInZone, timeLeft } from '../followupText';
import { useRefreshFollowUp } from '../hooks/useFollowUp';

/** contract/ratings.ts MIN_ANALYSIS_CHARS: the server checks it; the form says it. */
const MIN_ANALYSIS_CHARS = 10;
const FIELDS = ['analysis', 'adjustment', 'outcome'] as const;

interface Values {
  analysis?: string;
  adjustment?: string;
  outcome?: string;
}

/**
 * 完成回访: the outcome after the visit; a low-score revisit also needs, before the visit, the
 * written analysis of the score and the planned adjustment. The server decides what is missing
 * (422) and its words land on the fields.
 */
export function CompleteRevisitModal({
  revisit,
  timeZone,
  onClose,
}: {
  revisit: Revisit | null;
  timeZone: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const refresh = useRefreshFollowUp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (revisit) {
      form.resetFields();
      setError(null);
    }
  }, [revisit, form]);

  if (!revisit) return null;
  const low = revisit.analysisRequired;
  const due = timeLeft(revisit.dueAt, t);

  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await revisitsApi.complete(revisit.id, {
        analysis: v.analysis?.trim() || undefined,
        adjustment: v.adjustment?.trim() || undefined,
        outcome: (v.outcome ?? '').trim(),
        version: revisit.version,
      });
      message.success(t('revisits.complete.done'));
      refresh();
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.status !== 401) {
        const mapped = fieldErrorsOf(err, FIELDS);
        if (mapped.fields.length) form.setFields(mapped.fields);
        setError(mapped.rest ?? (mapped.fields.length ? null : err.message));
        if (err.status === 409 || err.status === 412) refresh();
      } else setError(t('common.requestFailed'));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('revisits.complete.title')}
      onCancel={onClose}
      onOk={() => void save()}
      okText={t('revisits.complete.save')}
      okButtonProps={{ loading: saving, 'data-testid': 'revisit-save' }}
      cancelText={t('common.cancel')}
      width={isMobile ? '100%' : 600}
      destroyOnHidden
    >
      <Descriptions column={1} size="small" style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('revisits.fields.kind')}>
          {t(`revisits.kind.${revisit.kind}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('revisits.fields.subject')}>
          {revisit.roomCode ?? '—'} · {serviceName(revisit, i18n.language)}
        </Descriptions.Item>
        {revisit.reason && revisit.kind === 'low_score' ? (
          <Descriptions.Item label={t('revisits.fields.reason')}>
            <Typography.Text type="danger">{revisit.reason}</Typography.Text>
          </Descriptions.Item>
        ) : null}
        <Descriptions.Item label={t('revisits.fields.due')}>
          <Typography.Text type={due.overdue ? 'danger' : undefined}>
            {formatInZone(revisit.dueAt, timeZone)} · {due.text}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
      {low ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('revisits.complete.lowHint', { min: MIN_ANALYSIS_CHARS })}
        />
      ) : null}
      {error ? (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={error} data-testid="revisit-error" />
      ) : null}
      <Form form={form} layout="vertical" requiredMark>
        {low ? (
          <>
            <Form.Item
              name="analysis"
              label={t('revisits.fields.analysis')}
              required
              extra={t('revisits.complete.analysisExtra', { min: MIN_ANALYSIS_CHARS })}
            >
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={2000}
                data-testid="revisit-analysis"
              />
            </Form.Item>
            <Form.Item
              name="adjustment"
              label={t('revisits.fields.adjustment')}
              required
              extra={t('revisits.complete.adjustmentExtra', { min: MIN_ANALYSIS_CHARS })}
            >
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 6 }}
                maxLength={2000}
                data-testid="revisit-adjustment"
              />
            </Form.Item>
          </>
        ) : null}
        <Form.Item
          name="outcome"
          label={t('revisits.fields.outcome')}
          extra={t('revisits.complete.outcomeExtra')}
          rules={[
            { required: true, whitespace: true, min: 2, message: t('revisits.complete.outcomeRequired') },
          ]}
        >
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 6 }}
            maxLength={2000}
            data-testid="revisit-outcome"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
