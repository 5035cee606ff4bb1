import { useMutation } from '@tanstack/react-query';
import { Alert, App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/client';
import { calendarApi } from '../../../../api/endpoints';
import { CALENDAR_ENTRY_KINDS, type CalendarEntryKind } from '../../../../api/enums';
import type { CalendarEntry } from '../../../../api/types';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useNotifyError } from '../../../hooks/useNotifyError';

interface Values {
  date: Dayjs;
  kind: CalendarEntryKind;
  name: string;
  nameEn?: string | null;
}

/**
 * 新增 / 修改 a day off or make-up workday (calendar.manage). Editing sends the entry's version;
 * a 412 (someone changed it meanwhile) reloads the list.
 */
export function HolidayModal({
  open,
  entry,
  year,
  existing,
  onClose,
  onSaved,
  onConflict,
}: {
  open: boolean;
  /** The entry being changed; null to add one. */
  entry: CalendarEntry | null;
  /** The year on screen: a new entry's date picker opens there. */
  year: number;
  /** Entries of the year on screen, to warn when a new date already has one. */
  existing: CalendarEntry[];
  onClose: () => void;
  onSaved: (e: CalendarEntry) => void;
  onConflict: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [form] = Form.useForm<Values>();
  const date = Form.useWatch('date', form);
  const dateText = date ? date.format('YYYY-MM-DD') : '';
  const clash = !entry && existing.find((e) => e.date === dateText);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue(
      entry
        ? { date: dayjs(entry.date), kind: entry.kind, name: entry.name, nameEn: entry.nameEn }
        : { kind: 'holiday' },
    );
  }, [open, entry, form]);

  const save = useMutation({
    mutationFn: (v: Values) => {
      const same = entry ?? clash ?? null;
      return calendarApi.upsertHoliday(v.date.format('YYYY-MM-DD'), {
        kind: v.kind,
        name: v.name.trim(),
        nameEn: v.nameEn?.trim() ? v.nameEn.trim() : null,
        ...(same ? { version: same.version } : {}),
      });
    },
    onSuccess: (e) => {
      message.success(t('calendar.saved', { date: e.date }));
      onSaved(e);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.status === 412) {
        message.warning(t('calendar.conflict'));
        onConflict();
        return;
      }
      applyFieldErrors(form, err, (p) => (p[0] === 'version' ? null : p));
      notifyError(err);
    },
  });

  return (
    <Modal
      open={open}
      title={entry ? t('calendar.editTitle', { date: entry.date }) : t('calendar.addTitle')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'holiday-save' }}
      onOk={() => form.validateFields().then((v) => save.mutate(v))}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" data-testid="holiday-form">
        <Form.Item
          name="date"
          label={t('calendar.date')}
          rules={[{ required: true, message: t('validation.required') }]}
        >
          <DatePicker
            disabled={!!entry}
            style={{ width: 200 }}
            defaultPickerValue={dayjs(`${year}-01-01`)}
            data-testid="holiday-date"
          />
        </Form.Item>
        {clash ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('calendar.exists', { date: dateText })}
          />
        ) : null}
        <Form.Item name="kind" label={t('calendar.kind')} rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            data-testid="holiday-kind"
            options={CALENDAR_ENTRY_KINDS.map((k) => ({ value: k, label: t(`enums.entryKind.${k}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('calendar.name')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 20 }]}
        >
          <Input maxLength={20} placeholder={t('calendar.namePlaceholder')} data-testid="holiday-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('calendar.nameEn')} rules={[{ max: 60 }]}>
          <Input maxLength={60} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
