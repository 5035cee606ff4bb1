import { ArrowRightOutlined } from '@ant-design/icons';
import { Alert, Empty, Flex, Skeleton, Tag, Timeline, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../../ui/format';
import { usePlanHistory } from '../hooks/usePlan';

const FIELDS = [
  'textZh',
  'textEn',
  'purposeZh',
  'purposeEn',
  'keyPointsZh',
  'keyPointsEn',
  'team',
  'stage',
  'actionTime',
  'status',
  'roles',
  'public',
  'created',
];

/** A history value in words: enum labels, role lists, yes/no. */
function formatValue(field: string, v: unknown, t: TFunction): string {
  const empty = t('history.emptyValue');
  if (v === null || v === undefined || v === '') return empty;
  if (typeof v === 'boolean') return v ? t('common.yes') : t('common.no');
  if (Array.isArray(v))
    return v.length
      ? v.map((r) => t(`enums.role.${String(r)}`, { defaultValue: String(r) })).join(t('common.listSep'))
      : empty;
  if (typeof v === 'string') {
    const enumKey = {
      team: 'planTeam',
      stage: 'planStage',
      actionTime: 'actionTime',
      status: 'measureStatus',
    }[field];
    return enumKey ? t(`enums.${enumKey}.${v}`, { defaultValue: v }) : v;
  }
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** 变更历史 of a measure: who changed what, when (newest first). */
export function MeasureHistory({ estateId, measureId }: { estateId: string; measureId: string }) {
  const { t } = useTranslation();
  const history = usePlanHistory(estateId, measureId, true);
  if (history.isPending) return <Skeleton active />;
  if (history.isError) return <Alert type="error" showIcon title={history.error.message} />;
  if (history.data.length === 0) return <Empty description={t('history.empty')} />;
  return (
    <Timeline
      data-testid="measure-history"
      items={history.data.map((c) => ({
        key: c.id,
        color: c.version === 1 ? 'green' : 'blue',
        title: (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {formatDateTime(c.at)}
          </Typography.Text>
        ),
        content: (
          <div>
            <Flex gap={8} align="center" wrap style={{ marginBottom: 6 }}>
              <Typography.Text strong>{c.actorName ?? t('history.system')}</Typography.Text>
              <Tag style={{ marginInlineEnd: 0 }}>v{c.version}</Tag>
            </Flex>
            {c.changes.map((ch) =>
              ch.field === 'created' ? (
                <Typography.Text key={ch.field} type="secondary">
                  {t('plan.historyFields.created')} {String(ch.new ?? '')}
                </Typography.Text>
              ) : (
                <div
                  key={ch.field}
                  style={{
                    padding: '4px 10px',
                    background: '#fafafa',
                    borderRadius: 4,
                    marginBottom: 4,
                    overflowWrap: 'anywhere',
                  }}
                >
                  <Typography.Text strong style={{ marginInlineEnd: 8 }}>
                    {FIELDS.includes(ch.field) ? t(`plan.historyFields.${ch.field}`) : ch.field}
                  </Typography.Text>
                  <Typography.Text delete type="secondary">
                    {formatValue(ch.field, ch.old, t)}
                  </Typography.Text>
                  <ArrowRightOutlined style={{ margin: '0 8px', color: 'rgba(0,0,0,0.35)', fontSize: 11 }} />
                  <Typography.Text>{formatValue(ch.field, ch.new, t)}</Typography.Text>
                </div>
              ),
            )}
          </div>
        ),
      }))}
    />
  );
}
