/** Plain helpers of the service plan pages: texts in the UI language, commitment summaries, periods. */
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import type { Period } from '../../../api/enums';
import type { Commitment, PlanMeasure } from '../../../api/types';

type Lang = string;

/** The English text when the UI is English and there is one, else the Chinese. */
export function localized(zh: string | null, en: string | null, lang: Lang): string | null {
  return lang === 'en' && en ? en : zh;
}

/** The measure's text in the UI language. */
export function measureText(m: Pick<PlanMeasure, 'textZh' | 'textEn'>, lang: Lang): string {
  return localized(m.textZh, m.textEn, lang) ?? m.textZh;
}

/** Roles in words, joined with the list separator of the UI language. */
function roleList(roles: readonly string[], t: TFunction): string {
  return roles.map((r) => t(`enums.role.${r}`, { defaultValue: r })).join(t('common.listSep'));
}

/**
 * A commitment as a manager says it: 「每人每周走访 2 户 · 环境主管、项目经理」,
 * 「每人维系 10 户忠诚客户 · 每月各联系一次 · 班长」, 「低分（≤3 分）后 48 小时内上门回访」.
 * `target` defaults to the current one.
 */
export function commitmentSummary(
  c: Pick<Commitment, 'config' | 'target'>,
  t: TFunction,
  target: number | null = c.target,
): string {
  const cfg = c.config;
  const n = target ?? '—';
  const parts: string[] = [];
  if (cfg.kind === 'quota') {
    const every = t(`enums.periodEvery.${cfg.period}`);
    const key =
      cfg.per === 'person'
        ? cfg.activity === 'visit'
          ? 'quotaPersonVisit'
          : 'quotaPersonCheck'
        : cfg.activity === 'visit'
          ? 'quotaHouseholdVisit'
          : 'quotaHouseholdCheck';
    let s = t(`plan.summary.${key}`, { every, target: n });
    if (cfg.visitKinds?.length) {
      const kinds = cfg.visitKinds.map((k) => t(`enums.visitKind.${k}`)).join(t('common.listSep'));
      s += t('plan.summary.visitKinds', { kinds });
    }
    parts.push(s, roleList(cfg.roles, t));
  } else if (cfg.kind === 'standing') {
    parts.push(t('plan.summary.standing', { target: n }));
    if (cfg.contactEvery)
      parts.push(t('plan.summary.contactEvery', { every: t(`enums.periodEvery.${cfg.contactEvery}`) }));
    parts.push(roleList(cfg.roles, t));
  } else {
    const trigger =
      cfg.trigger === 'low_score'
        ? cfg.scoreAtMost
          ? t('plan.summary.trigger.low_score', { score: cfg.scoreAtMost })
          : t('plan.summary.trigger.low_score_any')
        : t(`plan.summary.trigger.${cfg.trigger}`);
    const action = t(`plan.summary.action.${cfg.channel ?? 'default'}`);
    const unit = t(`plan.summary.unit.${cfg.unit}`);
    let s =
      cfg.timing === 'within' && target === 0 && cfg.unit === 'days'
        ? t('plan.summary.sameDay', { trigger, action })
        : t(`plan.summary.${cfg.timing}`, { trigger, action, target: n, unit });
    if (cfg.timing === 'after' && cfg.graceDays) s += t('plan.summary.grace', { days: cfg.graceDays });
    parts.push(s);
    parts.push(cfg.assignTo === 'handler' ? t('plan.summary.handler') : roleList(cfg.roles, t));
    if (cfg.consentPurpose)
      parts.push(
        t('plan.summary.consent', {
          purpose: t(`enums.consentPurpose.${cfg.consentPurpose}`, { defaultValue: cfg.consentPurpose }),
        }),
      );
  }
  return parts.filter(Boolean).join(' · ');
}

const PERIOD_MONTHS: Record<Exclude<Period, 'week'>, number> = {
  month: 1,
  quarter: 3,
  half_year: 6,
  year: 12,
};

/** The first day of the period after the one starting `start` (YYYY-MM-DD). */
export function nextPeriodStart(period: Period, start: string): string {
  const d = dayjs(start);
  const next = period === 'week' ? d.add(7, 'day') : d.add(PERIOD_MONTHS[period], 'month');
  return next.format('YYYY-MM-DD');
}
