import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, Modal, Radio, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type BoardLink, type BoardNotice, boardAdminApi, NOTICE_KINDS } from '../../../../api/messaging';
import { nowInZone } from '../../../../ui/format';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { isConflict } from '../../messaging/messagingText';
import { boardKeys } from '../hooks/useBoardAdmin';
import { ConflictAlert } from './ConflictAlert';

interface Values {
  kind: (typeof NOTICE_KINDS)[number];
  textZh: string;
  textEn?: string;
  range: [Dayjs, Dayjs];
  entranceId?: string;
  active: boolean;
}

/** Posts or edits a notice / warm tip (温馨提示) on every board or one; edits carry the version. */
export function NoticeModal({
  estateId,
  open,
  notice,
  boards,
  onClose,
}: {
  estateId: string;
  open: boolean;
  notice?: BoardNotice;
  boards: BoardLink[];
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
    if (notice)
      form.setFieldsValue({
        kind: notice.kind,
        textZh: notice.textZh,
        textEn: notice.textEn ?? undefined,
        range: [dayjs(notice.fromDate), dayjs(notice.toDate)],
        entranceId: notice.entranceId ?? undefined,
        active: notice.active,
      });
    else
      form.setFieldsValue({ kind: 'notice', range: [nowInZone(), nowInZone().add(6, 'day')], active: true });
  }, [open, notice, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const common = {
        kind: v.kind,
        textZh: v.textZh.trim(),
        textEn: v.textEn?.trim() || null,
        fromDate: v.range[0].format('YYYY-MM-DD'),
        toDate: v.range[1].format('YYYY-MM-DD'),
        entranceId: v.entranceId ?? null,
      };
      return notice
        ? boardAdminApi.updateNotice(estateId, notice.id, {
            ...common,
            active: v.active,
            version: notice.version,
          })
        : boardAdminApi.createNotice(estateId, common);
    },
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: boardKeys.notices(estateId) });
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

  const reload = () => {
    void qc.invalidateQueries({ queryKey: boardKeys.notices(estateId) });
    onClose();
  };

  return (
    <Modal
      open={open}
      onCancel={onClose}
      title={notice ? t('boardAdmin.notices.edit') : t('boardAdmin.notices.new')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: conflict, 'data-testid': 'notice-save' }}
      destroyOnHidden
      data-testid="notice-modal"
    >
      {conflict ? <ConflictAlert onReload={reload} /> : null}
      <Form<Values> form={form} layout="vertical" name="notice" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="kind" label={t('boardAdmin.notices.kind')}>
          <Radio.Group
            options={NOTICE_KINDS.map((k) => ({ value: k, label: t(`boardAdmin.notices.kinds.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="textZh"
          label={t('boardAdmin.textZh')}
          rules={[{ required: true, whitespace: true, message: t('boardAdmin.textRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
        <Form.Item name="textEn" label={t('boardAdmin.textEn')}>
          <Input.TextArea rows={2} maxLength={400} />
        </Form.Item>
        <Form.Item
          name="range"
          label={t('boardAdmin.notices.dates')}
          rules={[{ required: true, message: t('boardAdmin.datesRequired') }]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="entranceId" label={t('boardAdmin.notices.where')}>
          <Select
            allowClear
            placeholder={t('boardAdmin.notices.everyBoard')}
            options={boards.map((b) => ({ value: b.entranceId, label: b.name }))}
          />
        </Form.Item>
        {notice ? (
          <Form.Item name="active" label={t('boardAdmin.notices.active')} valuePropName="checked">
            <Switch />
          </Form.Item>
        ) : null}
      </Form>
    </Modal>
  );
}
