import { useTranslation } from 'react-i18next';
import type { KpiRow } from '../../../../api/types';
import { complianceColor } from '../agendaText';

type Trend = NonNullable<KpiRow['trend']>;

/** A 12-week compliance trend as small SVG bars (grey tick: nothing owed that week). */
export function TrendBars({
  trend,
  width = 132,
  height = 28,
}: {
  trend: Trend;
  width?: number;
  height?: number;
}) {
  const { t } = useTranslation();
  const n = Math.max(trend.length, 1);
  const slot = width / n;
  const bar = Math.max(2, slot - 2);
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={t('kpi.trend')}
      data-testid="kpi-trend"
      style={{ display: 'block' }}
    >
      <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} stroke="#f0f0f0" />
      {trend.map((p, i) => {
        const c = p.compliance;
        const h = c === null ? 2 : Math.max(2, Math.min(1, c) * (height - 2));
        return (
          <rect
            key={p.key}
            x={i * slot + 1}
            y={height - h}
            width={bar}
            height={h}
            rx={1}
            fill={complianceColor(c)}
          >
            <title>
              {p.key}: {c === null ? t('kpi.nothingOwed') : `${Math.round(c * 100)}%`}
            </title>
          </rect>
        );
      })}
    </svg>
  );
}
