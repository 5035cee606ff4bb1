import { GiftOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  Typography,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { birthdaysApi, type MemberBirthday } from '../../../../api/messaging';
import type { Household } from '../../../../api/types';
import { formatDateTime } from '../../../../ui/format';
import { applyFieldErrors } from '../../../forms/fieldErrors';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useCan } from '../../../session/useCan';
import { householdKey } from '../hooks/useHousehold';
import { historyKey } from '../hooks/useHouseholdHistory';

type Member = Household['members'][number];

const birthdaysKey = (householdId: string) => [...householdKey(householdId), 'birthdays'] as const;

// Days per month (02-29 is a birthday too).
const DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const pad = (n: number) => String(n).padStart(2, '0');

interface Values {
  month: number;
  day: number;
  grantedByName: string;
}

/** Records a member's agreement to birthday greetings with the birthday (month and day only). */
function RecordBirthdayModal({
  householdId,
  member,
  current,
  onClose,
}: {
  householdId: string;
  member: Member | undefined;
  current: MemberBirthday | undefined;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const month = Form.useWatch('month', form);

  useEffect(() => {
    if (!member) return;
    form.resetFields();
    const [m, d] = (current?.monthDay ?? '').split('-').map(Number);
    form.setFieldsValue({
      month: m || undefined,
      day: d || undefined,
      grantedByName: current?.grantedByName ?? member.name,
    });
  }, [member, current, form]);

  const save = useMutation({
    mutationFn: (v: Values) =>
      birthdaysApi.put(householdId, member!.id, {
        monthDay: `${pad(v.month)}-${pad(v.day)}`,
        grantedByName: v.grantedByName.trim(),
      }),
    onSuccess: () => {
      message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: birthdaysKey(householdId) });
      void qc.invalidateQueries({ queryKey: historyKey(householdId) });
      onClose();
    },
    onError: (err) => {
      const fields = applyFieldErrors(form, err, (p) =>
        p[0] === 'monthDay' ? ['day'] : p[0] === 'grantedByName' ? p : null,
      );
      if (!fields.length) notifyError(err);
    },
  });

  return (
    <Modal
      open={!!member}
      title={t('birthdays.recordTitle', { name: member?.name ?? '' })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'birthday-save' }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('birthdays.consentHint')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" name="birthday" onFinish={(v) => save.mutate(v)}>
        <Flex gap={8}>
          <Form.Item
            name="month"
            label={t('birthdays.month')}
            style={{ flex: 1 }}
            rules={[{ required: true, message: t('birthdays.monthDayRequired') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              data-testid="birthday-month"
              onChange={() => form.setFieldValue('day', undefined)}
              options={DAYS.map((_, i) => ({ value: i + 1, label: t('birthdays.monthN', { n: i + 1 }) }))}
            />
          </Form.Item>
          <Form.Item
            name="day"
            label={t('birthdays.day')}
            style={{ flex: 1 }}
            rules={[{ required: true, message: t('birthdays.monthDayRequired') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              data-testid="birthday-day"
              disabled={!month}
              options={Array.from({ length: month ? DAYS[month - 1]! : 0 }, (_, i) => ({
                value: i + 1,
                label: t('birthdays.dayN', { n: i + 1 }),
              }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item
          name="grantedByName"
          label={t('birthdays.grantedBy')}
          extra={t('birthdays.grantedByHelp')}
          rules={[{ required: true, whitespace: true, message: t('birthdays.grantedByRequired') }]}
        >
          <Input maxLength={40} data-testid="birthday-granted-by" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 生日祝福 on the household page (consent.manage): per member, the birthday (month-day) kept only
 * with the member's agreement to birthday greetings, who agreed, and withdrawing it (deleted at once).
 */
export function BirthdayConsent({ household, hidden }: { household: Household; hidden?: boolean }) {
  const { t } = useTranslation();
  const can = useCan();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const allowed = can('consent.manage');
  const q = useQuery({
    queryKey: birthdaysKey(household.id),
    queryFn: () => birthdaysApi.list(household.id),
    enabled: allowed && !hidden,
  });
  const [recording, setRecording] = useState<Member | undefined>();
  const withdraw = useMutation({
    mutationFn: (m: Member) => birthdaysApi.remove(household.id, m.id),
    onSuccess: () => {
      message.success(t('birthdays.withdrawn'));
      void qc.invalidateQueries({ queryKey: birthdaysKey(household.id) });
      void qc.invalidateQueries({ queryKey: historyKey(household.id) });
    },
    onError: notifyError,
  });
  if (!allowed || hidden) return null;
  const of = (m: Member) => q.data?.find((b) => b.memberId === m.id);

  return (
    <Card
      style={{ marginTop: 16 }}
      data-testid="birthday-consent"
      title={
        <Flex gap={8} align="center">
          <GiftOutlined />
          {t('birthdays.title')}
        </Flex>
      }
    >
      <Typography.Paragraph type="secondary">
        {t('birthdays.consentHint')} {t('birthdays.alsoGreetings')}
      </Typography.Paragraph>
      {q.isError ? (
        <Alert type="error" showIcon title={q.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      <Table<Member>
        rowKey="id"
        size="small"
        pagination={false}
        loading={q.isPending}
        dataSource={household.members}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('birthdays.member'), dataIndex: 'name' },
          {
            title: t('birthdays.birthday'),
            key: 'monthDay',
            render: (_: unknown, m) => {
              const b = of(m);
              return b ? (
                <Typography.Text strong data-testid={`birthday-${m.id}`}>
                  {t('birthdays.monthDay', {
                    month: Number(b.monthDay.slice(0, 2)),
                    day: Number(b.monthDay.slice(3)),
                  })}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">{t('birthdays.notRecorded')}</Typography.Text>
              );
            },
          },
          {
            title: t('birthdays.grantedBy'),
            key: 'grantedBy',
            render: (_: unknown, m) => {
              const b = of(m);
              return b ? (
                <Flex vertical>
                  <Typography.Text>{b.grantedByName}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('birthdays.recorded', { at: formatDateTime(b.recordedAt), by: b.recordedBy })}
                  </Typography.Text>
                </Flex>
              ) : (
                '—'
              );
            },
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, m) => (
              <Flex gap={8} wrap>
                <Button size="small" onClick={() => setRecording(m)} data-testid={`birthday-record-${m.id}`}>
                  {of(m) ? t('birthdays.change') : t('birthdays.record')}
                </Button>
                {of(m) ? (
                  <Popconfirm
                    title={t('birthdays.withdrawConfirm', { name: m.name })}
                    okText={t('birthdays.withdraw')}
                    okButtonProps={{ danger: true }}
                    cancelText={t('common.cancel')}
                    onConfirm={() => withdraw.mutate(m)}
                  >
                    <Button size="small" danger data-testid={`birthday-withdraw-${m.id}`}>
                      {t('birthdays.withdraw')}
                    </Button>
                  </Popconfirm>
                ) : null}
              </Flex>
            ),
          },
        ]}
      />
      <RecordBirthdayModal
        householdId={household.id}
        member={recording}
        current={recording ? of(recording) : undefined}
        onClose={() => setRecording(undefined)}
      />
    </Card>
  );
}
