import { ExportOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import {
  Alert,
  AutoComplete,
  Button,
  Card,
  Col,
  DatePicker,
  Flex,
  Input,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { auditApi } from '../../../../api/endpoints';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../../../../api/enums';
import type { AuditEvent, ListAuditQuery } from '../../../../api/types';
import { estateName, formatDateTime } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { useEstate } from '../../../session/useEstate';

const OUTCOME_COLORS: Record<AuditEvent['outcome'], string> = {
  success: 'green',
  failure: 'orange',
  denied: 'red',
};

interface Filters {
  estateId?: string;
  action?: string;
  outcome?: AuditEvent['outcome'];
  range?: [Dayjs | null, Dayjs | null] | null;
  actorId?: string;
  actorName?: string;
  targetId?: string;
}

/** 审计日志: who did what, when, from where; filters and page-by-page loading. */
export function AuditLogPage() {
  const { t, i18n } = useTranslation();
  const { estates } = useEstate();
  const [filters, setFilters] = useState<Filters>({});
  const [actionInput, setActionInput] = useState('');

  const query: Omit<ListAuditQuery, 'cursor' | 'limit'> = useMemo(
    () => ({
      estateId: filters.estateId,
      action: filters.action || undefined,
      outcome: filters.outcome,
      actorId: filters.actorId,
      targetId: filters.targetId || undefined,
      from: filters.range?.[0]?.format() ?? undefined,
      to: filters.range?.[1]?.format() ?? undefined,
    }),
    [filters],
  );
  const events = useInfiniteQuery({
    queryKey: ['audit', query],
    queryFn: ({ pageParam }) => auditApi.list({ ...query, cursor: pageParam, limit: 50 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
  const rows = useMemo(() => events.data?.pages.flatMap((p) => p.items) ?? [], [events.data]);
  const actionLabel = (a: string) => t(`audit.actions.${a}`, { defaultValue: a });
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  return (
    <div>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          <Button icon={<ReloadOutlined />} onClick={() => void events.refetch()}>
            {t('common.refresh')}
          </Button>
        }
      />
      <Card>
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          <Col xs={24} sm={12} lg={5}>
            <Select
              allowClear
              style={{ width: '100%' }}
              placeholder={t('audit.allEstates')}
              value={filters.estateId}
              onChange={(v) => set({ estateId: v })}
              options={estates.map((e) => ({ value: e.id, label: estateName(e, i18n.language) }))}
            />
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <AutoComplete
              data-testid="audit-action"
              allowClear
              style={{ width: '100%' }}
              placeholder={t('audit.actionPlaceholder')}
              value={actionInput}
              onChange={(v) => {
                setActionInput(v ?? '');
                if (!v) set({ action: undefined });
              }}
              onSelect={(v: string) => set({ action: v })}
              onBlur={() => set({ action: actionInput.trim() || undefined })}
              options={AUDIT_ACTIONS.map((a) => ({ value: a, label: `${actionLabel(a)} · ${a}` }))}
              showSearch={{
                filterOption: (input, option) =>
                  String(option?.label ?? '')
                    .toLowerCase()
                    .includes(input.toLowerCase()),
              }}
            />
          </Col>
          <Col xs={12} sm={8} lg={4}>
            <Select
              data-testid="audit-outcome"
              allowClear
              style={{ width: '100%' }}
              placeholder={t('audit.outcome')}
              value={filters.outcome}
              onChange={(v) => set({ outcome: v })}
              options={AUDIT_OUTCOMES.map((o) => ({ value: o, label: t(`enums.outcome.${o}`) }))}
            />
          </Col>
          <Col xs={12} sm={16} lg={9}>
            <DatePicker.RangePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: '100%' }}
              value={filters.range ?? null}
              onChange={(v) => set({ range: v as Filters['range'] })}
              placeholder={[t('audit.from'), t('audit.to')]}
            />
          </Col>
          <Col xs={24} sm={12} lg={6}>
            <Input
              allowClear
              placeholder={t('audit.targetId')}
              value={filters.targetId}
              onChange={(e) => set({ targetId: e.target.value || undefined })}
            />
          </Col>
          {filters.actorId ? (
            <Col xs={24} sm={12} lg={18}>
              <Tag
                closable
                onClose={() => set({ actorId: undefined, actorName: undefined })}
                style={{ marginTop: 5 }}
              >
                {t('audit.actor')}
                {t('common.colon')}
                {filters.actorName ?? filters.actorId}
              </Tag>
            </Col>
          ) : null}
        </Row>
        {events.isError ? (
          <Alert type="error" showIcon title={events.error.message} style={{ marginBottom: 12 }} />
        ) : null}
        <Table<AuditEvent>
          data-testid="audit-table"
          rowKey="id"
          size="small"
          loading={events.isPending || (events.isFetching && !events.isFetchingNextPage)}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          expandable={{
            rowExpandable: (e) => e.details !== null && e.details !== undefined,
            expandedRowRender: (e) => (
              <pre
                style={{
                  margin: 0,
                  fontSize: 12,
                  background: '#f6f8fa',
                  padding: 12,
                  borderRadius: 6,
                  maxWidth: 900,
                  overflowX: 'auto',
                  whiteSpace: 'pre-wrap',
                  wordBreak: 'break-all',
                }}
              >
                {JSON.stringify(e.details, null, 2)}
              </pre>
            ),
          }}
          columns={[
            { title: t('audit.at'), dataIndex: 'at', width: 150, render: (v: string) => formatDateTime(v) },
            {
              title: t('audit.actor'),
              dataIndex: 'actorName',
              render: (v: string | null, e) =>
                e.actorId ? (
                  <Typography.Link
                    onClick={() => set({ actorId: e.actorId ?? undefined, actorName: v ?? undefined })}
                  >
                    {v ?? e.actorId}
                  </Typography.Link>
                ) : (
                  (v ?? '—')
                ),
            },
            {
              title: t('audit.role'),
              dataIndex: 'actorRole',
              render: (v: string | null) => (v ? t(`enums.role.${v}`, { defaultValue: v }) : '—'),
            },
            {
              title: t('audit.action'),
              dataIndex: 'action',
              render: (v: string) => (
                <div>
                  <div>{actionLabel(v)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 11 }} code>
                    {v}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t('audit.target'),
              dataIndex: 'targetId',
              render: (v: string | null, e) =>
                v ? (
                  <Space size={6}>
                    <Tooltip title={t('audit.filterByTarget')}>
                      <Typography.Link onClick={() => set({ targetId: v })} style={{ fontSize: 12 }}>
                        {e.targetType
                          ? `${t(`audit.targetTypes.${e.targetType}`, { defaultValue: e.targetType })} · `
                          : ''}
                        {v}
                      </Typography.Link>
                    </Tooltip>
                    {e.targetType === 'household' ? (
                      <Link
                        to={`/households/${v}`}
                        aria-label={t('audit.openTarget')}
                        title={t('audit.openTarget')}
                      >
                        <ExportOutlined />
                      </Link>
                    ) : null}
                  </Space>
                ) : (
                  '—'
                ),
            },
            {
              title: t('audit.outcome'),
              dataIndex: 'outcome',
              render: (v: AuditEvent['outcome']) => (
                <Tag color={OUTCOME_COLORS[v]}>{t(`enums.outcome.${v}`)}</Tag>
              ),
            },
            { title: t('audit.ip'), dataIndex: 'ip', render: (v: string | null) => v ?? '—' },
          ]}
        />
        <Flex justify="space-between" align="center" style={{ paddingTop: 12 }}>
          <Typography.Text type="secondary">{t('audit.loaded', { count: rows.length })}</Typography.Text>
          {events.hasNextPage ? (
            <Button onClick={() => void events.fetchNextPage()} loading={events.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          ) : null}
        </Flex>
      </Card>
    </div>
  );
}
