import { InfoCircleOutlined, LeftOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Flex,
  Progress,
  Segmented,
  Skeleton,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import type { KpiPerson, KpiRow } from '../../../../api/types';
import { formatDateTime } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useEstate } from '../../../session/useEstate';
import { ServiceFiguresPanel } from '../../requests/components/ServiceFiguresPanel';
import { complianceColor, monthKeyOf, shiftPeriod, weekKeyOf } from '../agendaText';
import { TrendBars } from '../components/TrendBars';
import { useKpiBoard } from '../hooks/useAgenda';

type Mode = 'month' | 'week';

/** Compliance (0–1 or null) as a coloured progress bar. */
function Compliance({ value, small }: { value: number | null; small?: boolean }) {
  if (value === null) return <Typography.Text type="secondary">—</Typography.Text>;
  const pct = Math.round(value * 100);
  return (
    <Progress
      percent={Math.min(100, pct)}
      format={() => `${pct}%`}
      strokeColor={complianceColor(value)}
      size={small ? 'small' : 'medium'}
      style={{ minWidth: 90, margin: 0 }}
    />
  );
}

/**
 * 承诺兑现 (kpi.read): the headline "promises kept x / y", one row per plan measure with target,
 * actual and compliance, expandable per team and per person with a 12-week trend for weekly quotas.
 */
export function KpiBoardPage() {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const { estateId } = useEstate();
  const [mode, setMode] = useState<Mode>('month');
  const [period, setPeriod] = useState(() => monthKeyOf(new Date()));
  const [onlyCommitted, setOnlyCommitted] = useState(false);
  const board = useKpiBoard(estateId, period);
  const b = board.data;
  const lang = i18n.language;
  const current = mode === 'month' ? monthKeyOf(new Date()) : weekKeyOf(new Date());

  const switchMode = (m: Mode) => {
    setMode(m);
    setPeriod(m === 'month' ? monthKeyOf(new Date()) : weekKeyOf(new Date()));
  };

  const columns = useMemo<ColumnsType<KpiRow>>(() => {
    const cols: ColumnsType<KpiRow> = [
      {
        title: t('kpi.col.code'),
        dataIndex: 'measureCode',
        width: 70,
        render: (code: string) => <Typography.Text strong>{code}</Typography.Text>,
      },
      {
        title: t('kpi.col.text'),
        key: 'text',
        width: isMobile ? 190 : undefined,
        render: (_, r) => (
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: true }} style={{ margin: 0 }}>
            {lang === 'en' && r.textEn ? r.textEn : r.textZh}
          </Typography.Paragraph>
        ),
      },
    ];
    if (!isMobile)
      cols.push({
        title: t('kpi.col.team'),
        dataIndex: 'team',
        width: 110,
        render: (team: string) => t(`enums.planTeam.${team}`, { defaultValue: team }),
      });
    cols.push(
      {
        title: t('kpi.col.target'),
        key: 'target',
        width: 110,
        render: (_, r) =>
          r.target === null ? (
            '—'
          ) : r.kind === 'event_followup' ? (
            // A follow-up's target is a time limit from its event (48 h after a low score …).
            <span>
              {t('engine.afterEvent', {
                n: r.target,
                unit: r.unit ? t(`kpi.unit.${r.unit}`, { defaultValue: r.unit }) : '',
              })}
            </span>
          ) : (
            <span>
              {r.target}
              {r.unit ? ` ${t(`kpi.unit.${r.unit}`, { defaultValue: r.unit })}` : ''}
              {r.period ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {' '}
                  / {t(`enums.period.${r.period}`)}
                  {r.per === 'person'
                    ? ` · ${t('kpi.perPerson')}`
                    : r.per === 'household'
                      ? ` · ${t('kpi.perHousehold')}`
                      : ''}
                </Typography.Text>
              ) : null}
            </span>
          ),
      },
      {
        title: t('kpi.col.actual'),
        key: 'actual',
        width: 90,
        render: (_, r) =>
          r.actual === null ? (
            '—'
          ) : (
            <span style={{ fontVariantNumeric: 'tabular-nums' }}>
              <span data-testid={`kpi-actual-${r.measureCode}`}>{r.actual}</span>
              {r.owed !== null && r.met !== null ? (
                <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
                  {t('kpi.metOf', { met: r.met, owed: r.owed })}
                </Typography.Text>
              ) : null}
            </span>
          ),
      },
      {
        title: t('kpi.col.compliance'),
        key: 'compliance',
        width: 150,
        render: (_, r) =>
          r.status === 'ok' ? (
            <Flex vertical gap={4}>
              <Compliance value={r.compliance} />
              {r.trend && !isMobile ? <TrendBars trend={r.trend} /> : null}
            </Flex>
          ) : r.status === 'no_data' ? (
            <Tooltip title={r.reason ?? undefined}>
              <Tag data-testid={`kpi-status-${r.measureCode}`}>{t('kpi.status.no_data')}</Tag>
            </Tooltip>
          ) : (
            <Flex vertical gap={2}>
              <Tag
                color="default"
                data-testid={`kpi-status-${r.measureCode}`}
                style={{ width: 'fit-content' }}
              >
                {t('kpi.status.no_commitment')}
              </Tag>
              {r.latestEvidence ? (
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                  {t('kpi.latestEvidence', { at: formatDateTime(r.latestEvidence.at) })}
                  {r.latestEvidence.summary ? ` · ${r.latestEvidence.summary}` : null}
                </Typography.Text>
              ) : null}
            </Flex>
          ),
      },
    );
    return cols;
  }, [t, lang, isMobile]);

  const headline = b
    ? b.period.key === current
      ? t(mode === 'month' ? 'kpi.headlineThisMonth' : 'kpi.headlineThisWeek', {
          kept: b.headline.kept,
          total: b.headline.total,
        })
      : t('kpi.headlineOf', { period: b.period.key, kept: b.headline.kept, total: b.headline.total })
    : '';

  return (
    <div data-testid="kpi-board">
      <PageHeader
        title={t('kpi.title')}
        subtitle={b ? t('kpi.generated', { at: formatDateTime(b.generatedAt) }) : undefined}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void board.refetch()}
            loading={board.isFetching}
            aria-label={t('common.refresh')}
          />
        }
      />
      <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }}>
        <Segmented
          value={mode}
          onChange={(v) => switchMode(v as Mode)}
          options={[
            { value: 'month', label: t('kpi.month') },
            { value: 'week', label: t('kpi.week') },
          ]}
          data-testid="kpi-mode"
        />
        <Flex gap={4} align="center">
          <Button
            icon={<LeftOutlined />}
            onClick={() => setPeriod((p) => shiftPeriod(p, -1))}
            aria-label={t('kpi.prev')}
          />
          <Typography.Text strong style={{ minWidth: 84, textAlign: 'center' }} data-testid="kpi-period">
            {period}
          </Typography.Text>
          <Button
            icon={<RightOutlined />}
            onClick={() => setPeriod((p) => shiftPeriod(p, 1))}
            disabled={period >= current}
            aria-label={t('kpi.next')}
          />
          {period !== current ? (
            <Button type="link" onClick={() => setPeriod(current)}>
              {mode === 'month' ? t('kpi.thisMonth') : t('kpi.thisWeek')}
            </Button>
          ) : null}
        </Flex>
        <Checkbox
          checked={onlyCommitted}
          onChange={(e) => setOnlyCommitted(e.target.checked)}
          data-testid="kpi-only-committed"
        >
          {t('kpi.onlyCommitted')}
        </Checkbox>
      </Flex>
      {board.isError ? (
        <Alert type="error" showIcon title={board.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      {!b ? (
        board.isPending && estateId ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : null
      ) : (
        <>
          <Card size="small" style={{ marginBottom: 12 }} data-testid="kpi-headline">
            <Flex gap={16} align="center" wrap>
              <Progress
                type="circle"
                size={64}
                percent={b.headline.total ? Math.round((b.headline.kept / b.headline.total) * 100) : 0}
                strokeColor={complianceColor(b.headline.total ? b.headline.kept / b.headline.total : null)}
              />
              <div style={{ minWidth: 0 }}>
                <Typography.Title level={4} style={{ margin: 0 }}>
                  {headline}
                </Typography.Title>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {b.period.start} – {dayjs(b.period.end).subtract(1, 'day').format('YYYY-MM-DD')}
                  <Tooltip title={t('kpi.definition')}>
                    <InfoCircleOutlined style={{ marginInlineStart: 6 }} />
                  </Tooltip>
                </Typography.Text>
              </div>
            </Flex>
          </Card>
          <Table<KpiRow>
            rowKey="measureId"
            size="small"
            columns={columns}
            dataSource={onlyCommitted ? b.rows.filter((r) => r.status !== 'no_commitment') : b.rows}
            pagination={false}
            scroll={{ x: isMobile ? 680 : 900 }}
            onRow={(r) =>
              ({ 'data-testid': `kpi-row-${r.measureCode}` }) as React.HTMLAttributes<HTMLElement>
            }
            expandable={{
              rowExpandable: (r) =>
                r.status === 'ok' && (r.byTeam.length > 0 || r.byPerson.length > 0 || !!r.trend),
              expandedRowRender: (r) => <RowDetail row={r} />,
            }}
          />
          <ServiceFiguresPanel
            estateId={estateId}
            from={b.period.start}
            to={dayjs(b.period.end).subtract(1, 'day').format('YYYY-MM-DD')}
          />
        </>
      )}
    </div>
  );
}

/** Per team and per person, the trend and the evidence of one measure. */
function RowDetail({ row: r }: { row: KpiRow }) {
  const { t } = useTranslation();
  const personCols: ColumnsType<KpiPerson> = [
    {
      title: t('kpi.col.person'),
      key: 'name',
      render: (_, p) => (
        <span>
          {p.name}
          <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 4 }}>
            {t(`enums.role.${p.role}`, { defaultValue: p.role })}
          </Typography.Text>
        </span>
      ),
    },
    { title: t('kpi.col.target'), dataIndex: 'target', width: 70, render: (v: number | null) => v ?? '—' },
    { title: t('kpi.col.actual'), dataIndex: 'actual', width: 70 },
    {
      title: t('kpi.col.compliance'),
      key: 'c',
      width: 140,
      render: (_, p) => <Compliance value={p.compliance} small />,
    },
  ];
  return (
    <Flex vertical gap={12} data-testid={`kpi-detail-${r.measureCode}`}>
      {r.trend ? (
        <div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('kpi.trend')}
          </Typography.Text>
          <TrendBars trend={r.trend} width={240} height={40} />
        </div>
      ) : null}
      {r.byTeam.length ? (
        <Flex gap={12} wrap>
          {r.byTeam.map((bt) => (
            <Card key={bt.team ?? '-'} size="small" style={{ minWidth: 180 }}>
              <Typography.Text strong>
                {bt.team ? t(`enums.teamCode.${bt.team}`, { defaultValue: bt.team }) : t('kpi.noTeam')}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
                {t('kpi.metOf', { met: bt.met, owed: bt.owed })}
              </Typography.Text>
              <Compliance value={bt.compliance} small />
            </Card>
          ))}
        </Flex>
      ) : null}
      {r.byPerson.length ? (
        <Table<KpiPerson>
          rowKey="accountId"
          size="small"
          columns={personCols}
          dataSource={r.byPerson}
          pagination={false}
          scroll={{ x: 420 }}
        />
      ) : null}
      {r.evidence.type === 'revisit' ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('engine.evidenceRevisits', { n: r.evidence.ids.length })}
          {r.evidence.truncated ? '+' : ''}{' '}
          <Link to="/revisits?tab=team" data-testid={`kpi-revisits-${r.measureCode}`}>
            {t('engine.viewRevisits')}
          </Link>
        </Typography.Text>
      ) : r.evidence.ids.length ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t(r.evidence.type === 'household' ? 'kpi.evidenceHouseholds' : 'kpi.evidenceVisits', {
            n: r.evidence.ids.length,
          })}
          {r.evidence.truncated ? '+' : ''}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
