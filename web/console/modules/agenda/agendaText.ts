/** Pure helpers of the agenda and the promise-keeping board (periods, reasons, colours). */
import type { TFunction } from 'i18next';
import type { AgendaTask, VisitSuggestion } from '../../../api/types';

const pad = (n: number) => String(n).padStart(2, '0');

/** 2026-11 for a local date. */
export function monthKeyOf(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;
}

/** The ISO week (Monday first; week 1 holds the year's first Thursday) of a local date: 2026-W48. */
export function weekKeyOf(d: Date): string {
  const day = new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate()));
  const dow = day.getUTCDay() || 7;
  day.setUTCDate(day.getUTCDate() + 4 - dow); // the Thursday of this week
  const year = day.getUTCFullYear();
  const week = Math.ceil(((day.getTime() - Date.UTC(year, 0, 1)) / 86_400_000 + 1) / 7);
  return `${year}-W${pad(week)}`;
}

/** Monday (UTC midnight) of an ISO week key. */
function mondayOf(key: string): Date {
  const [y, w] = key.split('-W').map(Number);
  const jan4 = new Date(Date.UTC(y, 0, 4));
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() || 7) - 1) + (w - 1) * 7);
  return monday;
}

/** The period `n` steps after `key` (a month 2026-11 or an ISO week 2026-W48). */
export function shiftPeriod(key: string, n: number): string {
  if (key.includes('-W')) {
    const m = mondayOf(key);
    m.setUTCDate(m.getUTCDate() + 7 * n);
    return weekKeyOf(new Date(m.getUTCFullYear(), m.getUTCMonth(), m.getUTCDate()));
  }
  const [y, mo] = key.split('-').map(Number);
  const d = new Date(y, mo - 1 + n, 1);
  return monthKeyOf(d);
}

/** 0–1 share → progress colour: green when kept, orange half way, red below. */
export function complianceColor(c: number | null | undefined): string {
  if (c === null || c === undefined) return '#bfbfbf';
  if (c >= 1) return '#52c41a';
  if (c >= 0.6) return '#faad14';
  return '#ff4d4f';
}

/** Percent for antd Progress (0–100), or 0. */
export function percent(done: number, target: number): number {
  if (!target || target <= 0) return done > 0 ? 100 : 0;
  return Math.max(0, Math.min(100, Math.round((done / target) * 100)));
}

/** The task's title in the UI language. */
export function taskTitle(task: Pick<AgendaTask, 'titleZh' | 'titleEn' | 'title'>, lang: string): string {
  return (lang === 'en' ? task.titleEn : task.titleZh) || task.title;
}

/** Why a household is suggested, one short label per reason (从未走访, 独居老人, 新入住 …). */
export function reasonLabels(s: Pick<VisitSuggestion, 'reasons'>, t: TFunction): string[] {
  return s.reasons.map((r) => {
    switch (r.code) {
      case 'never_visited':
        return t('agenda.reason.never_visited');
      case 'last_visit':
        return t('agenda.reason.last_visit', { days: r.detail ?? '?' });
      case 'care_flag':
        return r.detail
          ? t(`enums.careFlag.${r.detail}`, { defaultValue: r.detail })
          : t('agenda.reason.care_flag');
      case 'recent_move_in':
        return t('agenda.reason.recent_move_in');
      default:
        return String(r.code);
    }
  });
}
