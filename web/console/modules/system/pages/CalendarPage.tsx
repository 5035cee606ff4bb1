import {
  DeleteOutlined,
  EditOutlined,
  LeftOutlined,
  PlusOutlined,
  RightOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  InputNumber,
  Popconfirm,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';
import { calendarApi } from '../../../../api/endpoints';
import { CALENDAR_MAX_YEAR, CALENDAR_MIN_YEAR } from '../../../../api/enums';
import type { CalendarEntry } from '../../../../api/types';
import { formatDateTime } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useCan } from '../../../session/useCan';
import { HolidayModal } from '../components/HolidayModal';
import { PlateRulesTab } from '../components/PlateRulesTab';

/** ISO weekday 1 … 7 of a YYYY-MM-DD date. */
const isoWeekday = (date: string) => ((dayjs(date).day() + 6) % 7) + 1;

/**
 * 法定节假日 (admin): a year's official days off and make-up workdays, entered or corrected
 * here when the State Council publishes them; 限行规则 read-only. Others see the list only.
 */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const can = useCan();
  const canManage = can('calendar.manage');
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const fromUrl = Number(params.get('year'));
  const year =
    Number.isInteger(fromUrl) && fromUrl >= CALENDAR_MIN_YEAR && fromUrl <= CALENDAR_MAX_YEAR
      ? fromUrl
      : thisYear;
  const tab = params.get('tab') === 'plate' ? 'plate' : 'holidays';
  const [editing, setEditing] = useState<CalendarEntry | null>(null);
  const [adding, setAdding] = useState(false);
  const lang = i18n.language;

  const setYear = (y: number | null) => {
    if (!y || y < CALENDAR_MIN_YEAR || y > CALENDAR_MAX_YEAR) return;
    const next = new URLSearchParams(params);
    next.set('year', String(y));
    setParams(next, { replace: true });
  };
  const setTab = (k: string) => {
    const next = new URLSearchParams(params);
    if (k === 'plate') next.set('tab', 'plate');
    else next.delete('tab');
    setParams(next, { replace: true });
  };

  const list = useQuery({
    queryKey: ['calendar', 'holidays', year],
    queryFn: () => calendarApi.holidays(year),
    placeholderData: (prev) => prev,
  });
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['calendar'] });
    void queryClient.invalidateQueries({ queryKey: ['plate-restriction'] });
  };

  const remove = useMutation({
    mutationFn: (e: CalendarEntry) => calendarApi.deleteHoliday(e.date),
    onSuccess: (r) => {
      message.success(
        t(r.result === 'reverted' ? 'calendar.reverted' : 'calendar.deleted', { date: r.date }),
      );
      refresh();
    },
    // 409 CALENDAR_DAY_OFFICIAL: the server's message says why, shown as is.
    onError: notifyError,
  });

  const data = list.data;
  const holidays = (
    <div>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }} justify="space-between">
        <Flex gap={8} align="center">
          <Button
            icon={<LeftOutlined />}
            onClick={() => setYear(year - 1)}
            aria-label={t('calendar.prevYear')}
            data-testid="holiday-year-prev"
          />
          <InputNumber
            value={year}
            min={CALENDAR_MIN_YEAR}
            max={CALENDAR_MAX_YEAR}
            precision={0}
            onChange={(v) => setYear(v)}
            style={{ width: 96 }}
            data-testid="holiday-year"
          />
          <Button
            icon={<RightOutlined />}
            onClick={() => setYear(year + 1)}
            aria-label={t('calendar.nextYear')}
            data-testid="holiday-year-next"
          />
        </Flex>
        {canManage ? (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setAdding(true)}
            data-testid="holiday-add"
          >
            {t('calendar.add')}
          </Button>
        ) : null}
      </Flex>
      {list.isError ? (
        <Alert type="error" showIcon title={list.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      {data ? (
        data.entered ? (
          <Alert
            type="success"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="holiday-year-status"
            title={t('calendar.yearEntered', {
              year: data.year,
              holidays: data.holidays,
              workdays: data.workdays,
            })}
          />
        ) : (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            data-testid="holiday-year-status"
            title={t('calendar.yearMissing', { year: data.year })}
            description={canManage ? t('calendar.yearMissingHint') : t('calendar.readOnly')}
          />
        )
      ) : null}
      <Table<CalendarEntry>
        rowKey="date"
        size="middle"
        data-testid="holiday-table"
        loading={list.isFetching && !data}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('calendar.empty') }}
        rowClassName={(e) => `holiday-row-${e.date}`}
        columns={[
          {
            title: t('calendar.date'),
            dataIndex: 'date',
            fixed: 'left',
            render: (d: string) => (
              <span style={{ whiteSpace: 'nowrap' }}>
                {d}{' '}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`enums.weekdayShort.${isoWeekday(d)}`)}
                </Typography.Text>
              </span>
            ),
          },
          {
            title: t('calendar.kind'),
            dataIndex: 'kind',
            render: (k: CalendarEntry['kind']) => (
              <Tag color={k === 'holiday' ? 'red' : 'orange'}>{t(`enums.entryKind.${k}`)}</Tag>
            ),
          },
          {
            title: t('calendar.name'),
            dataIndex: 'name',
            render: (_: string, e) => (lang === 'en' && e.nameEn ? e.nameEn : e.name),
          },
          {
            title: t('calendar.source'),
            dataIndex: 'source',
            render: (_: string, e) => (
              <Flex gap={4} wrap>
                <Tag color={e.source === 'library' ? 'blue' : 'purple'} style={{ marginInlineEnd: 0 }}>
                  {t(`enums.entrySource.${e.source}`)}
                </Tag>
                {e.library ? (
                  <Tooltip
                    title={t('calendar.officialWas', {
                      kind: t(`enums.entryKind.${e.library.kind}`),
                      name: lang === 'en' && e.library.nameEn ? e.library.nameEn : e.library.name,
                    })}
                  >
                    <Tag color="gold" style={{ marginInlineEnd: 0 }}>
                      {t('calendar.changedOfficial')}
                    </Tag>
                  </Tooltip>
                ) : null}
              </Flex>
            ),
          },
          {
            title: t('calendar.updated'),
            dataIndex: 'updatedAt',
            render: (v: string) => (
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {formatDateTime(v)}
              </Typography.Text>
            ),
          },
          ...(canManage
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  render: (_: unknown, e: CalendarEntry) => {
                    const revert = e.source === 'admin' && !!e.library;
                    return (
                      <Flex gap={4}>
                        <Button
                          type="link"
                          size="small"
                          icon={<EditOutlined />}
                          onClick={() => setEditing(e)}
                          data-testid={`holiday-edit-${e.date}`}
                        >
                          {t('common.edit')}
                        </Button>
                        <Popconfirm
                          title={t(revert ? 'calendar.revertConfirm' : 'calendar.deleteConfirm', {
                            date: e.date,
                          })}
                          okText={t('common.yes')}
                          cancelText={t('common.no')}
                          onConfirm={() => remove.mutateAsync(e).catch(() => undefined)}
                        >
                          <Button
                            type="link"
                            size="small"
                            danger={!revert}
                            icon={revert ? <UndoOutlined /> : <DeleteOutlined />}
                            data-testid={`holiday-delete-${e.date}`}
                          >
                            {revert ? t('calendar.revert') : t('calendar.delete')}
                          </Button>
                        </Popconfirm>
                      </Flex>
                    );
                  },
                },
              ]
            : []),
        ]}
      />
    </div>
  );

  return (
    <div>
      <PageHeader title={t('calendar.title')} subtitle={t('calendar.subtitle')} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            { key: 'holidays', label: t('calendar.tabs.holidays'), children: holidays },
            {
              key: 'plate',
              label: t('calendar.tabs.plateRules'),
              children: tab === 'plate' ? <PlateRulesTab /> : null,
            },
          ]}
        />
      </Card>
      <HolidayModal
        open={adding || !!editing}
        entry={editing}
        year={year}
        existing={data?.items ?? []}
        onClose={() => {
          setAdding(false);
          setEditing(null);
        }}
        onSaved={(e) => {
          setAdding(false);
          setEditing(null);
          refresh();
          const y = Number(e.date.slice(0, 4));
          if (y !== year) setYear(y);
        }}
        onConflict={() => {
          setEditing(null);
          refresh();
        }}
      />
    </div>
  );
}
