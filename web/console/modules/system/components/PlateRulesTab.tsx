import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Descriptions, Empty, Flex, Skeleton, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { calendarApi } from '../../../../api/endpoints';
import type { PlateMapping, PlateOverride, PlateRule } from '../../../../api/types';
import { formatDateTime, nowInZone } from '../../../../ui/format';

type ByWeekday = Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', number[]>>;

/** 周一 1/6；周二 2/7 … */
function weekdays(by: ByWeekday, t: TFunction): string {
  return (['1', '2', '3', '4', '5', '6', '7'] as const)
    .filter((d) => by[d]?.length)
    .map((d) => `${t(`enums.weekdayShort.${d}`)} ${by[d]?.join('/')}`)
    .join(t('common.listSep'));
}

/** The tail digits of each weekday, in words, as in force today (rotating: the current period). */
function mappingLines(m: PlateMapping, t: TFunction): string[] {
  const today = nowInZone().format('YYYY-MM-DD');
  if (m.kind === 'fixed') return [weekdays(m.byWeekday, t)];
  if (m.kind === 'rotating') {
    const days = Math.max(0, dayjs(today).diff(dayjs(m.anchor), 'day'));
    const k = Math.floor(days / m.periodDays);
    const from = dayjs(m.anchor).add(k * m.periodDays, 'day');
    const to = from.add(m.periodDays - 1, 'day');
    const n = m.groups.length;
    const by: ByWeekday = {};
    for (let w = 1; w <= n; w++) {
      by[String(w) as keyof ByWeekday] = m.groups[(w - 1 + k * m.shiftPerPeriod) % n];
    }
    return [
      t('calendar.plate.rotating', { days: m.periodDays, anchor: m.anchor }),
      `${t('calendar.plate.explicitPeriod', { from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') })}${t('common.colon')}${weekdays(by, t)}`,
    ];
  }
  return m.periods.map(
    (p) =>
      `${t('calendar.plate.explicitPeriod', { from: p.from, to: p.to })}${t('common.colon')}${weekdays(p.byWeekday, t)}`,
  );
}

function overrideText(o: PlateOverride, t: TFunction, lang: string): string {
  const what =
    o.numbers === 'none'
      ? t('calendar.plate.overrideNone')
      : o.numbers === 'odd_even'
        ? t('calendar.plate.overrideOddEven')
        : t('today.digits', { digits: o.numbers.join('/') });
  const reason = lang === 'en' && o.reasonEn ? o.reasonEn : o.reason;
  return `${o.date} · ${what} · ${reason}`;
}

/** 限行规则 (read-only): every city's rule and its recent one-off arrangements. */
export function PlateRulesTab() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const rules = useQuery({ queryKey: ['plate-rules'], queryFn: calendarApi.plateRules, staleTime: 60_000 });
  if (rules.isPending) return <Skeleton active />;
  if (rules.isError) return <Alert type="error" showIcon title={rules.error.message} />;
  if (!rules.data.length) return <Empty description={t('calendar.plate.empty')} />;
  return (
    <div data-testid="plate-rules">
      <Typography.Paragraph type="secondary">{t('calendar.plate.readOnlyHint')}</Typography.Paragraph>
      {rules.data.map((r: PlateRule) => {
        const letter =
          typeof r.letterPolicy === 'string'
            ? t(`calendar.plate.letter.${r.letterPolicy}`)
            : t('calendar.plate.letter.fixed', { digit: r.letterPolicy.fixed });
        return (
          <Card
            key={r.city}
            size="small"
            style={{ marginBottom: 12 }}
            data-testid={`plate-rule-${r.city}`}
            title={
              <Flex gap={8} align="center" wrap>
                <span>{lang === 'en' && r.nameEn ? r.nameEn : r.name}</span>
                <Typography.Text type="secondary" style={{ fontWeight: 'normal' }}>
                  {r.city}
                </Typography.Text>
              </Flex>
            }
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {r.source === 'admin' ? t('calendar.plate.sourceAdmin') : t('calendar.plate.sourceDefault')} ·
                v{r.version}
              </Typography.Text>
            }
          >
            <Descriptions
              size="small"
              column={{ xs: 1, md: 2 }}
              items={[
                {
                  key: 'scope',
                  label: t('calendar.plate.scope'),
                  children: `${t(`enums.plateScope.${r.plateScope}`)}${r.localPrefix ? ` (${r.localPrefix})` : ''}`,
                },
                {
                  key: 'valid',
                  label: t('calendar.plate.valid'),
                  children: r.validTo
                    ? t('calendar.plate.validRange', { from: r.validFrom, to: r.validTo })
                    : t('calendar.plate.validFrom', { from: r.validFrom }),
                },
                {
                  key: 'hours',
                  label: t('calendar.plate.hours'),
                  children: r.windows.map((w) => `${w.start}–${w.end}`).join(t('common.listSep')) || '—',
                },
                {
                  key: 'area',
                  label: t('calendar.plate.area'),
                  children: lang === 'en' && r.areaEn ? r.areaEn : r.area,
                },
                {
                  key: 'mapping',
                  label: t('calendar.plate.mapping'),
                  span: 'filled',
                  children: (
                    <div>
                      {mappingLines(r.mapping, t).map((l) => (
                        <div key={l}>{l}</div>
                      ))}
                    </div>
                  ),
                },
                {
                  key: 'rules',
                  label: t('calendar.plate.rules'),
                  span: 'filled',
                  children: (
                    <Flex gap={6} wrap>
                      {r.skipWeekends ? <Tag>{t('calendar.plate.skipWeekends')}</Tag> : null}
                      {r.skipHolidays ? <Tag>{t('calendar.plate.skipHolidays')}</Tag> : null}
                      <Tag>
                        {r.makeupWorkday === 'exempt'
                          ? t('calendar.plate.makeupExempt')
                          : t('calendar.plate.makeupRestricted')}
                      </Tag>
                      <Tag>{letter}</Tag>
                    </Flex>
                  ),
                },
                ...(r.exemptions.length
                  ? [
                      {
                        key: 'exemptions',
                        label: t('calendar.plate.exemptions'),
                        span: 'filled' as const,
                        children: r.exemptions.join(t('common.listSep')),
                      },
                    ]
                  : []),
                {
                  key: 'overrides',
                  label: t('calendar.plate.overrides'),
                  span: 'filled',
                  children: r.overrides.length ? (
                    <div>
                      {r.overrides.map((o) => (
                        <div key={o.date}>{overrideText(o, t, lang)}</div>
                      ))}
                    </div>
                  ) : (
                    t('calendar.plate.none')
                  ),
                },
                ...(r.notes
                  ? [
                      {
                        key: 'notes',
                        label: t('calendar.plate.notes'),
                        span: 'filled' as const,
                        children: r.notes,
                      },
                    ]
                  : []),
              ]}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(r.updatedAt)}
            </Typography.Text>
          </Card>
        );
      })}
    </div>
  );
}
