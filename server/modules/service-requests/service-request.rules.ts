import type { Charge, FreeRules, Material, Priority, Targets } from '../../../contract/service-requests.js';
import { localHour } from '../../lib/dates.js';
import { ServiceRequestErrors } from './service-request.errors.js';

/** Pure rules of service requests: due times, night hours, whether a job is free. */

/** Care flags that mark a request and put it first (T7). */
export const CARE_MARKERS = ['elderly_alone', 'elderly', 'woman_alone', 'special_appliance', 'disabled'];

export function careFlagsOf(householdFlags: string[]): string[] {
  return householdFlags.filter((f) => CARE_MARKERS.includes(f));
}

/** Response and completion due times from the catalog targets of the priority. */
export function dueTimes(createdAt: Date, targets: Targets, priority: Priority) {
  const t = targets[priority] ?? targets.normal;
  return {
    responseDueAt: new Date(createdAt.getTime() + t.responseMinutes * 60_000),
    completionDueAt: new Date(createdAt.getTime() + t.completionMinutes * 60_000),
  };
}

/** The hour (0–23) of an instant in a time zone. */
export { localHour };

/** Night is 22:00–06:00 in the estate's time zone. */
export function isNight(at: Date, timeZone: string): boolean {
  const h = localHour(at, timeZone);
  return h >= 22 || h < 6;
}

export function materialCost(materials: Material[]): number {
  return materials.reduce((s, m) => s + m.costFen, 0);
}

/** Whether the free rules hold; every condition given must hold, and at least one is given. */
export function freeRuleMatches(
  rules: FreeRules | null,
  job: { priority: string; takenAt: Date; timeZone: string; materialFen: number },
): boolean {
  if (!rules) return false;
  const given = [rules.urgent, rules.night, rules.maxMaterialFen].some((x) => x !== undefined && x !== false);
  if (!given) return false;
  if (rules.urgent && job.priority !== 'urgent') return false;
  if (rules.night && !isNight(job.takenAt, job.timeZone)) return false;
  if (rules.maxMaterialFen !== undefined && job.materialFen > rules.maxMaterialFen) return false;
  return true;
}

export function describeRule(rules: FreeRules): string {
  const parts: string[] = [];
  if (rules.urgent) parts.push('紧急 urgent');
  if (rules.night) parts.push('夜间 22:00–06:00 night');
  if (rules.maxMaterialFen !== undefined)
    parts.push(`材料 ≤ ¥${(rules.maxMaterialFen / 100).toFixed(2)} materials`);
  return `免费规则 free rule: ${parts.join(' + ')}`;
}

export interface ChargeDecision {
  kind: 'free' | 'charged';
  chargedFen: number;
  freeBasis: 'catalog' | 'rule' | 'manual' | null;
  freeReason: string | null;
}

/**
 * What a completed job costs the resident. A free catalog entry and a matching free rule
 * always make it free (the resident is never charged for what the internal free list covers);
 * otherwise the staff member's charge applies, defaulting to the fixed price; a quoted entry
 * needs an explicit charge.
 */
export function decideCharge(
  entry: { priceKind: string; priceFen: number | null; freeRules: FreeRules | null },
  job: { priority: string; takenAt: Date; timeZone: string; materialFen: number },
  given: Charge | undefined,
): ChargeDecision {
  if (entry.priceKind === 'free')
    return { kind: 'free', chargedFen: 0, freeBasis: 'catalog', freeReason: '免费服务项目 free service' };
  if (entry.freeRules && freeRuleMatches(entry.freeRules, job))
    return { kind: 'free', chargedFen: 0, freeBasis: 'rule', freeReason: describeRule(entry.freeRules) };
  if (given?.kind === 'free')
    return { kind: 'free', chargedFen: 0, freeBasis: 'manual', freeReason: given.reason };
  if (given?.kind === 'charged')
    return { kind: 'charged', chargedFen: given.amountFen, freeBasis: null, freeReason: null };
  if (entry.priceKind === 'fixed' && entry.priceFen !== null)
    return {
      kind: 'charged',
      chargedFen: entry.priceFen + job.materialFen,
      freeBasis: null,
      freeReason: null,
    };
  throw ServiceRequestErrors.make('CHARGE_REQUIRED', undefined, { field: 'charge' });
}
