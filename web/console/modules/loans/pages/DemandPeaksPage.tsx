import { ReloadOutlined, WarningOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  List,
  Segmented,
  Select,
  Skeleton,
  Tooltip,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SERVICE_TEAMS, type ServiceTeam } from '../../../../api/enums';
import type { DemandCell, DemandPeaks } from '../../../../api/followup';
import { PageHeader } from '../../../../ui/PageHeader';
import { useIsMobile } from '../../../hooks/useIsMobile';
import { useEstate } from '../../../session/useEstate';
import {
  formatAvg,
  formatInZone,
  heatColor,
  heatRows,
  heatTextColor,
  hourRange,
  underCoveredRuns,
} from '../../ratings/followupText';
import { useDemandPeaks } from '../hooks/useLoans';

type Show = 'demand' | 'staffing';
const WEEKS = [4, 8, 12, 26] as const;

/** One slot's details on hover or tap. */
function cellTip(c: DemandCell, t: (k: string, o?: Record<string, unknown>) => string): string {
  return [
    `${t(`enums.weekday.${c.weekday}`)} ${hourRange(c.hour)}`,
    t('peaks.tip.requests', { count: c.requests, avg: formatAvg(c.avgPerWeek) }),
    t('peaks.tip.staff', { onDuty: formatAvg(c.onDuty), suggested: c.suggested }),
    c.underCovered ? t('peaks.underCovered') : '',
  ]
    .filter(Boolean)
    .join('\n');
}

/** The hour × weekday grid (plain CSS grid): colour by demand, red for under-covered slots. */
function HeatMap({ peaks, show }: { peaks: DemandPeaks; show: Show }) {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const rows = useMemo(() => heatRows(peaks.cells), [peaks.cells]);
  const cellH = isMobile ? 24 : 26;
  return (
    <div
      data-testid="peaks-heatmap"
      style={{
        display: 'grid',
        gridTemplateColumns: `${isMobile ? 40 : 56}px repeat(7, minmax(0, 1fr))`,
        gap: 2,
        fontSize: isMobile ? 11 : 12,
        fontVariantNumeric: 'tabular-nums',
      }}
    >
      <div />
      {[1, 2, 3, 4, 5, 6, 7].map((d) => (
        <div key={d} style={{ textAlign: 'center', fontWeight: 600, paddingBottom: 4 }}>
          {t(`enums.weekdayShort.${d}`)}
        </div>
      ))}
      {rows.map((r) => [
        <div
          key={`h${r.hour}`}
          style={{ textAlign: 'right', paddingInlineEnd: 6, lineHeight: `${cellH}px`, color: '#8c8c8c' }}
        >
          {String(r.hour).padStart(2, '0')}:00
        </div>,
        ...r.cells.map((c, i) => {
          const key = `${i + 1}-${r.hour}`;
          if (!c) return <div key={key} style={{ height: cellH, background: '#fafafa' }} />;
          const text =
            show === 'demand'
              ? c.avgPerWeek > 0
                ? formatAvg(c.avgPerWeek)
                : ''
              : c.suggested > 0 || c.onDuty > 0
                ? `${formatAvg(c.onDuty)}/${c.suggested}`
                : '';
          return (
            <Tooltip key={key} title={<span style={{ whiteSpace: 'pre-line' }}>{cellTip(c, t)}</span>}>
              <div
                data-testid={`peak-${c.weekday}-${c.hour}`}
                data-under={c.underCovered ? 'true' : 'false'}
                style={{
                  height: cellH,
                  lineHeight: `${cellH - 2}px`,
                  textAlign: 'center',
                  borderRadius: 3,
                  background: heatColor(c.avgPerWeek, peaks.maxAvg, c.underCovered),
                  color: heatTextColor(c.avgPerWeek, peaks.maxAvg),
                  border: c.underCovered ? '1px solid #f5222d' : '1px solid #f0f0f0',
                  overflow: 'hidden',
                  whiteSpace: 'nowrap',
                  cursor: 'default',
                }}
              >
                {text}
              </div>
            </Tooltip>
          );
        }),
      ])}
    </div>
  );
}

/**
 * 需求高峰 (T6): requests by hour of day × weekday over recent weeks against staff on duty, the
 * under-covered slots highlighted, and the suggested staffing per slot. Dispatchers and managers.
 */
export function DemandPeaksPage() {
  const { t } = useTranslation();
  const { estateId } = useEstate();
  const [team, setTeam] = useState<ServiceTeam>('technical');
  const [weeks, setWeeks] = useState<number>(8);
  const [show, setShow] = useState<Show>('demand');
  const peaks = useDemandPeaks(estateId, weeks, team);
  const p = peaks.data;
  const runs = useMemo(() => (p ? underCoveredRuns(p.cells) : []), [p]);

  return (
    <div style={{ maxWidth: 1000 }} data-testid="peaks-page">
      <PageHeader
        title={t('peaks.title')}
        subtitle={t('peaks.subtitle')}
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void peaks.refetch()}
            loading={peaks.isFetching}
            aria-label={t('common.refresh')}
          />
        }
      />
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select<ServiceTeam>
          value={team}
          onChange={setTeam}
          style={{ minWidth: 140 }}
          data-testid="peaks-team"
          options={SERVICE_TEAMS.map((c) => ({ value: c, label: t(`enums.teamCode.${c}`) }))}
        />
        <Select<number>
          value={weeks}
          onChange={setWeeks}
          style={{ minWidth: 120 }}
          data-testid="peaks-weeks"
          options={WEEKS.map((w) => ({ value: w, label: t('peaks.weeks', { count: w }) }))}
        />
        <Segmented<Show>
          value={show}
          onChange={setShow}
          options={[
            { value: 'demand', label: t('peaks.show.demand') },
            { value: 'staffing', label: t('peaks.show.staffing') },
          ]}
          data-testid="peaks-show"
        />
      </Flex>
      {peaks.isError ? (
        <Alert type="error" showIcon title={peaks.error.message} style={{ marginBottom: 12 }} />
      ) : null}
      {peaks.isPending && estateId ? <Skeleton active paragraph={{ rows: 10 }} /> : null}
      {p ? (
        <>
          <Typography.Paragraph type="secondary" data-testid="peaks-summary" style={{ marginBottom: 8 }}>
            {t('peaks.summary', {
              total: p.totalRequests,
              from: formatInZone(p.from, p.timeZone).slice(0, 10),
              to: formatInZone(p.to, p.timeZone).slice(0, 10),
              size: p.teamSize,
              capacity: formatAvg(p.capacityPerHour),
            })}
            {p.shifts.length && p.rosterSource !== 'roster'
              ? ` ${t('peaks.shifts', { shifts: p.shifts.join(t('common.listSep')) })}`
              : ''}
          </Typography.Paragraph>
          <Alert
            type={p.rosterSource === 'roster' ? 'success' : 'info'}
            showIcon
            style={{ marginBottom: 12 }}
            title={t(`peaks.roster.${p.rosterSource}`)}
            data-testid="peaks-roster-source"
          />
          <Card size="small" style={{ marginBottom: 16 }}>
            <HeatMap peaks={p} show={show} />
            <Flex gap={16} wrap style={{ marginTop: 12, fontSize: 12 }} align="center">
              <Flex gap={4} align="center">
                <span
                  style={{ width: 14, height: 14, background: heatColor(1, 4, false), borderRadius: 3 }}
                />
                <span
                  style={{ width: 14, height: 14, background: heatColor(4, 4, false), borderRadius: 3 }}
                />
                {t('peaks.legend.demand')}
              </Flex>
              <Flex gap={4} align="center">
                <span
                  style={{
                    width: 14,
                    height: 14,
                    background: heatColor(3, 4, true),
                    border: '1px solid #f5222d',
                    borderRadius: 3,
                  }}
                />
                {t('peaks.underCovered')}
              </Flex>
              <Typography.Text type="secondary">
                {t(show === 'demand' ? 'peaks.legend.demandText' : 'peaks.legend.staffingText')}
              </Typography.Text>
            </Flex>
          </Card>
          <Typography.Title level={5}>
            <WarningOutlined style={{ color: '#f5222d' }} /> {t('peaks.runsTitle')}
          </Typography.Title>
          {runs.length === 0 ? (
            <Empty description={t('peaks.noRuns')} image={Empty.PRESENTED_IMAGE_SIMPLE} />
          ) : (
            <List
              size="small"
              bordered
              dataSource={runs}
              data-testid="peaks-runs"
              renderItem={(r) => (
                <List.Item key={`${r.weekday}-${r.from}`}>
                  <Flex justify="space-between" wrap gap={8} style={{ width: '100%' }}>
                    <Typography.Text strong>
                      {t(`enums.weekday.${r.weekday}`)} {hourRange(r.from, r.to)}
                    </Typography.Text>
                    <Typography.Text>
                      {t('peaks.run', {
                        avg: formatAvg(r.avgPerWeek),
                        onDuty: formatAvg(r.onDuty),
                        suggested: r.suggested,
                      })}
                    </Typography.Text>
                  </Flex>
                </List.Item>
              )}
            />
          )}
        </>
      ) : null}
    </div>
  );
}
