import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BoardGreeting, boardAdminApi } from '../../../../api/messaging';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { isConflict } from '../../messaging/messagingText';
import { boardKeys } from '../hooks/useBoardAdmin';
import { ConflictAlert } from './ConflictAlert';

interface Values {
  textZh: string;
  textEn?: string;
  festival?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  active: boolean;
}

/** Adds or edits a greeting line for residents going out (出门有问候): any day, a period or a festival. */
export function GreetingModal({
  estateId,
  open,
  greeting,
  onClose,
}: {
  estateId: string;
  open: boolean;
  greeting?: BoardGreeting;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [conflict, setConflict] = useState(false);

  useEffect(() => {
    if (!open) return;
    setConflict(false);
    form.resetFields();
    if (greeting)
      form.setFieldsValue({
        textZh: greeting.textZh,
        textEn: greeting.textEn ?? undefined,
        festival: greeting.festival ?? undefined,
        range:
          greeting.fromDate || greeting.toDate
            ? [
                greeting.fromDate ? dayjs(greeting.fromDate) : null,
                greeting.toDate ? dayjs(greeting.toDate) : null,
              ]
            : null,
        active: greeting.active,
      });
    else form.setFieldsValue({ active: true });
  }, [open, greeting, form]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      boardAdminApi.upsertGreeting(estateId, {
        id: greeting?.id,
        version: greeting?.version,
        textZh: v.textZh.trim(),
        textEn: v.textEn?.trim() || null,
        festival: v.festival?.trim() || null,
        fromDate: v.range?.[0]?.format('YYYY-MM-DD') ?? null,
        toDate: v.range?.[1]?.format('YYYY-MM-DD') ?? null,
        active: v.active,
      }),
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: boardKeys.greetings(estateId) });
      onClose();
    },
    onError: (err) => {
      if (isConflict(err)) setConflict(true);
      else if (
        !applyFieldErrors(form, err, (p) => (p[0] === 'fromDate' || p[0] === 'toDate' ? ['range'] : p)).length
      )
        notifyError(err);
    },
  });

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={greeting ? t('boardAdmin.greetings.edit') : t('boardAdmin.greetings.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: conflict }}
      destroyOnHidden
      data-testid="greeting-modal"
    >
      {conflict ? (
        <ConflictAlert
          onReload={() => {
            void qc.invalidateQueries({ queryKey: boardKeys.greetings(estateId) });
            onClose();
          }}
        />
      ) : null}
      <Form<Values> form={form} layout="vertical" name="greeting" onFinish={(v) => save.mutate(v)}>
        <Form.Item
          name="textZh"
          label={t('boardAdmin.textZh')}
          rules={[{ required: true, whitespace: true, message: t('boardAdmin.textRequired') }]}
        >
          <Input maxLength={60} showCount />
        </Form.Item>
        <Form.Item name="textEn" label={t('boardAdmin.textEn')}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item
          name="festival"
          label={t('boardAdmin.greetings.festival')}
          extra={t('boardAdmin.greetings.festivalHelp')}
        >
          <Input maxLength={20} placeholder={t('boardAdmin.greetings.festivalPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="range"
          label={t('boardAdmin.greetings.dates')}
          extra={t('boardAdmin.greetings.datesHelp')}
        >
          <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="active" label={t('boardAdmin.greetings.active')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
