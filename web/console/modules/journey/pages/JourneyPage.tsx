import { FileExcelOutlined, FilePdfOutlined, ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Empty, Flex, List, Skeleton, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { formatDate, formatDateTime, nowInZone } from '../../../../ui/format';
import { PageHeader } from '../../../../ui/PageHeader';
import { useNotifyError } from '../../../hooks/useNotifyError';
import { useEstate } from '../../../session/useEstate';
import {
  type JourneyFunnel,
  type JourneyStage,
  journeyApi,
  type PlanStageCode,
  useJourneyFunnel,
  useJourneyStuck,
} from '../hooks/useJourney';

/** Colours of the six stages, light to deep: the funnel narrows as households go further. */
const STAGE_COLORS = ['#91caff', '#69b1ff', '#4096ff', '#1677ff', '#0958d9', '#003eb3'];

const pct = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : 0);

/**
 * 客户旅程: the estate funnel 认识 → 了解 → 理解 → 帮助 → 感动 → 成就 derived from the data, the
 * households stuck at a stage (click a stage), and the monthly service report for the owners' committee.
 */
export function JourneyPage() {
  const { t } = useTranslation();
  const { estateId } = useEstate();
  const funnel = useJourneyFunnel(estateId);
  const [stage, setStage] = useState<PlanStageCode | null>(null);
  const f = funnel.data;

  return (
    <div style={{ maxWidth: 1000 }} data-testid="journey">
      <PageHeader
        title={t('journey.title')}
        subtitle={
          f ? t('journey.subtitle', { n: f.households, at: formatDateTime(f.generatedAt) }) : undefined
        }
        extra={
          <Button
            icon={<ReloadOutlined />}
            onClick={() => void funnel.refetch()}
            loading={funnel.isFetching}
            aria-label={t('common.refresh')}
          />
        }
      />
      {funnel.isError ? <Alert type="error" showIcon title={funnel.error.message} /> : null}
      {!f ? (
        funnel.isPending && estateId ? (
          <Skeleton active paragraph={{ rows: 8 }} />
        ) : null
      ) : (
        <Flex vertical gap={12}>
          <FunnelCard funnel={f} selected={stage} onSelect={setStage} />
          {stage ? <StuckCard estateId={estateId} stage={f.stages.find((s) => s.code === stage)!} /> : null}
          <ReportCard estateId={estateId} />
        </Flex>
      )}
    </div>
  );
}

function FunnelCard({
  funnel: f,
  selected,
  onSelect,
}: {
  funnel: JourneyFunnel;
  selected: PlanStageCode | null;
  onSelect: (s: PlanStageCode) => void;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (
    <Card size="small" title={t('journey.funnel')}>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 0 }}>
        {t('journey.clickHint')}
      </Typography.Paragraph>
      <Flex vertical gap={6} data-testid="journey-funnel">
        {f.stages.map((s, i) => {
          const width = Math.max(pct(s.reached, f.households), 2);
          const active = selected === s.code;
          return (
            <button
              key={s.code}
              type="button"
              title={en ? s.definition : s.definitionZh}
              onClick={() => onSelect(s.code)}
              data-testid={`journey-stage-${s.code}`}
              aria-pressed={active}
              style={{
                all: 'unset',
                cursor: 'pointer',
                display: 'grid',
                gridTemplateColumns: 'minmax(64px, 120px) 1fr',
                alignItems: 'center',
                gap: 8,
                padding: '4px 6px',
                borderRadius: 6,
                background: active ? '#e6f4ff' : undefined,
                outline: active ? '1px solid #91caff' : undefined,
              }}
            >
              <Typography.Text strong>
                {i + 1}. {en ? s.nameEn : s.name}
              </Typography.Text>
              <div style={{ display: 'flex', flexDirection: 'column', gap: 2, minWidth: 0 }}>
                <div style={{ display: 'flex', justifyContent: 'center' }}>
                  <div
                    style={{
                      width: `${width}%`,
                      height: 28,
                      background: STAGE_COLORS[i],
                      borderRadius: 4,
                      transition: 'width .3s',
                    }}
                  />
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 12, textAlign: 'center' }}>
                  {t('journey.stageLine', {
                    reached: s.reached,
                    share: pct(s.reached, f.households),
                    at: s.atStage,
                    atShare: pct(s.atStage, f.households),
                  })}
                </Typography.Text>
              </div>
            </button>
          );
        })}
      </Flex>
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, margin: '8px 0 0' }}>
        {t('journey.legend')}
      </Typography.Paragraph>
    </Card>
  );
}

function StuckCard({ estateId, stage }: { estateId: string; stage: JourneyStage }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const stuck = useJourneyStuck(estateId, stage.code);
  const name = en ? stage.nameEn : stage.name;
  return (
    <Card
      size="small"
      data-testid="journey-stuck"
      title={t('journey.stuckTitle', { stage: name, n: stuck.data?.total ?? stage.atStage })}
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 0 }}>
        {en ? stage.definition : stage.definitionZh}
      </Typography.Paragraph>
      {stuck.isError ? <Alert type="error" showIcon title={stuck.error.message} /> : null}
      {stuck.isPending ? <Skeleton active paragraph={{ rows: 4 }} /> : null}
      <List
        size="small"
        dataSource={stuck.data?.items ?? []}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('journey.stuckEmpty')} />,
        }}
        renderItem={(h) => (
          <List.Item key={h.householdId} data-testid={`journey-household-${h.householdId}`}>
            <Flex gap={8} wrap align="center" style={{ width: '100%' }} justify="space-between">
              <Flex gap={8} align="center" wrap>
                <Link to={`/households/${encodeURIComponent(h.householdId)}`}>
                  <Typography.Text strong>{h.roomCode}</Typography.Text>
                </Link>
                <Typography.Text type="secondary">{h.primaryName ?? '—'}</Typography.Text>
              </Flex>
              <Typography.Text
                type={h.daysSinceLastTouch > 60 ? 'danger' : 'secondary'}
                style={{ fontSize: 12 }}
              >
                {t('journey.lastTouch', { date: formatDate(h.lastTouchAt), days: h.daysSinceLastTouch })}
              </Typography.Text>
            </Flex>
          </List.Item>
        )}
      />
      {stuck.data && stuck.data.total > stuck.data.items.length ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('journey.stuckMore', { shown: stuck.data.items.length, total: stuck.data.total })}
        </Typography.Text>
      ) : null}
    </Card>
  );
}

function ReportCard({ estateId }: { estateId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const [month, setMonth] = useState<Dayjs>(nowInZone());
  const [busy, setBusy] = useState<'pdf' | 'xlsx' | null>(null);
  const download = async (format: 'pdf' | 'xlsx') => {
    setBusy(format);
    try {
      await journeyApi.downloadReport(estateId, month.format('YYYY-MM'), format);
      message.success(t('journey.report.downloaded'));
    } catch (err) {
      notifyError(err);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Card size="small" title={t('journey.report.title')} data-testid="journey-report">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginTop: 0 }}>
        {t('journey.report.hint')}
      </Typography.Paragraph>
      <Flex gap={8} wrap align="center">
        <DatePicker
          picker="month"
          value={month}
          allowClear={false}
          inputReadOnly
          onChange={(d) => d && setMonth(d)}
          disabledDate={(d) => d.isAfter(nowInZone(), 'month')}
          data-testid="journey-report-month"
        />
        <Button
          icon={<FilePdfOutlined />}
          loading={busy === 'pdf'}
          onClick={() => download('pdf')}
          data-testid="journey-report-pdf"
        >
          {t('journey.report.pdf')}
        </Button>
        <Button
          icon={<FileExcelOutlined />}
          loading={busy === 'xlsx'}
          onClick={() => download('xlsx')}
          data-testid="journey-report-xlsx"
        >
          {t('journey.report.xlsx')}
        </Button>
      </Flex>
    </Card>
  );
}
