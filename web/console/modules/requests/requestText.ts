/** Plain helpers of the service request pages: money in fen, price rules, due times. */
import type { TFunction } from 'i18next';
import type { CatalogEntry, ServiceRequest } from '../../../api/types';

/** ¥12.50 from 1250 fen. */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '—';
  const sign = fen < 0 ? '-' : '';
  return `${sign}¥${(Math.abs(fen) / 100).toFixed(2)}`;
}

/** Yuan typed by a person (12.5) to whole fen (1250), rounding away float noise; null if not a number. */
export function yuanToFen(yuan: number | string | null | undefined): number | null {
  if (yuan === null || yuan === undefined || yuan === '') return null;
  const n = typeof yuan === 'number' ? yuan : Number(yuan);
  if (!Number.isFinite(n)) return null;
  return Math.round(n * 100);
}

/** The service's name in the UI language. */
export function serviceName(
  r: Pick<ServiceRequest, 'serviceName' | 'serviceNameEn'> | Pick<CatalogEntry, 'name' | 'nameEn'>,
  lang: string,
): string {
  if ('serviceName' in r) return lang === 'en' && r.serviceNameEn ? r.serviceNameEn : r.serviceName;
  return lang === 'en' && r.nameEn ? r.nameEn : r.name;
}

/** 免费 / ¥30.00 / 上门报价. */
export function priceLabel(e: Pick<CatalogEntry, 'priceKind' | 'priceFen'>, t: TFunction): string {
  if (e.priceKind === 'fixed')
    return e.priceFen !== null ? formatFen(e.priceFen) : t('enums.priceKind.fixed');
  return t(`enums.priceKind.${e.priceKind}`);
}

/** 「紧急 + 夜间 22:00–06:00 + 材料 ≤ ¥20.00 时免费」, or null when the entry has no free rule. */
export function freeRuleText(e: Pick<CatalogEntry, 'freeRules'>, t: TFunction): string | null {
  const r = e.freeRules;
  if (!r) return null;
  const parts: string[] = [];
  if (r.urgent) parts.push(t('requests.freeRule.urgent'));
  if (r.night) parts.push(t('requests.freeRule.night'));
  if (r.maxMaterialFen !== undefined)
    parts.push(t('requests.freeRule.material', { amount: formatFen(r.maxMaterialFen) }));
  if (!parts.length) return null;
  return t('requests.freeRule.text', { conditions: parts.join(' + ') });
}

export type DueState = 'done' | 'overdue' | 'soon' | 'ok';

/**
 * Whether a due time is kept: `done` when the step happened (or the request is closed), `overdue`
 * when it passed, `soon` within the last hour.
 */
export function dueState(dueAt: string, doneAt: string | null, closed: boolean, now = Date.now()): DueState {
  if (doneAt) return Date.parse(doneAt) > Date.parse(dueAt) ? 'overdue' : 'done';
  if (closed) return 'done';
  const left = Date.parse(dueAt) - now;
  if (left < 0) return 'overdue';
  return left <= 60 * 60_000 ? 'soon' : 'ok';
}

/** The response due state (the team accepting it) of a request. */
export function responseDue(r: ServiceRequest, now = Date.now()): DueState {
  return dueState(r.responseDueAt, r.acceptedAt, r.status === 'cancelled' || r.status === 'completed', now);
}

/** The completion due state of a request. */
export function completionDue(r: ServiceRequest, now = Date.now()): DueState {
  return dueState(r.completionDueAt, r.completedAt, r.status === 'cancelled', now);
}

/** Where the job is: the room, else the place of a public-area request. */
export function placeOf(r: Pick<ServiceRequest, 'roomCode' | 'location'>): string {
  return r.roomCode ?? r.location ?? '—';
}

/** Minutes as 「1小时20分」/「1 h 20 min」. */
export function formatMinutes(min: number, t: TFunction): string {
  const h = Math.floor(min / 60);
  const m = min % 60;
  if (h && m) return t('requests.duration.hm', { h, m });
  if (h) return t('requests.duration.h', { h });
  return t('requests.duration.m', { m });
}
