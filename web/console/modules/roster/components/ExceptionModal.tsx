import { Checkbox, DatePicker, Flex, Form, Input, Modal, Radio, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useRosterChange } from '../hooks/useRoster';
import type { RosterMember } from '../rosterApi';
import { rosterApi } from '../rosterApi';
import { TIME_OPTIONS } from '../rosterText';

interface Values {
  accountId: string;
  date: Dayjs;
  kind: 'leave' | 'extra';
  wholeDay: boolean;
  start?: string;
  end?: string;
  note?: string;
}

/** 请假 / 加班: leave (a whole day or a time range) or an extra shift for one person on one date. */
export function ExceptionModal({
  estateId,
  members,
  initial,
  onClose,
}: {
  estateId: string;
  members: RosterMember[];
  /** Who and which day to start with; null = closed. */
  initial: { accountId?: string; date: string } | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const change = useRosterChange();
  const kind = Form.useWatch('kind', form);
  const wholeDay = Form.useWatch('wholeDay', form);
  const times = TIME_OPTIONS.map((v) => ({ value: v, label: v }));

  useEffect(() => {
    if (!initial) return;
    form.resetFields();
    form.setFieldsValue({
      accountId: initial.accountId,
      date: dayjs(initial.date),
      kind: 'leave',
      wholeDay: true,
      start: '08:00',
      end: '12:00',
    });
  }, [initial, form]);

  const save = async (v: Values) => {
    const timed = v.kind === 'extra' || !v.wholeDay;
    const ok = await change.run(estateId, () =>
      rosterApi.addException(estateId, {
        accountId: v.accountId,
        date: v.date.format('YYYY-MM-DD'),
        kind: v.kind,
        ...(timed ? { start: v.start, end: v.end } : {}),
        ...(v.note?.trim() ? { note: v.note.trim() } : {}),
      }),
    );
    if (ok) onClose();
  };

  return (
    <Modal
      open={!!initial}
      title={t('roster.exception.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: change.pending, 'data-testid': 'roster-exception-save' }}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={save} requiredMark={false}>
        <Form.Item name="accountId" label={t('roster.exception.person')} rules={[{ required: true }]}>
          <Select
            showSearch
            optionFilterProp="label"
            options={members.map((m) => ({ value: m.accountId, label: m.displayName }))}
          />
        </Form.Item>
        <Form.Item name="kind" label={t('roster.exception.kind')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'leave', label: t('roster.exception.leave') },
              { value: 'extra', label: t('roster.exception.extra') },
            ]}
          />
        </Form.Item>
        <Form.Item name="date" label={t('roster.exception.date')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} allowClear={false} inputReadOnly />
        </Form.Item>
        {kind === 'leave' ? (
          <Form.Item name="wholeDay" valuePropName="checked">
            <Checkbox>{t('roster.exception.wholeDay')}</Checkbox>
          </Form.Item>
        ) : null}
        {kind === 'extra' || !wholeDay ? (
          <Flex gap={8} align="center">
            <Form.Item name="start" label={t('roster.edit.start')} style={{ flex: 1 }}>
              <Select options={times} />
            </Form.Item>
            <Form.Item name="end" label={t('roster.edit.end')} style={{ flex: 1 }}>
              <Select options={[...times, { value: '24:00', label: '24:00' }]} />
            </Form.Item>
          </Flex>
        ) : null}
        <Form.Item name="note" label={t('roster.exception.note')}>
          <Input maxLength={200} placeholder={t('roster.exception.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
