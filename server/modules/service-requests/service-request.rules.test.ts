import { describe, expect, it } from 'vitest';
import { DEFAULT_CATALOG } from './service-catalog.seed.js';
import { careFlagsOf, decideCharge, dueTimes, freeRuleMatches, isNight } from './service-request.rules.js';

const job = (iso: string, over: Partial<{ priority: string; materialFen: number }> = {}) => ({
  priority: 'urgent',
  takenAt: new Date(iso),
  timeZone: 'Asia/Shanghai',
  materialFen: 500,
  ...over,
});
const RULE = { urgent: true, night: true, maxMaterialFen: 1000 };

describe('service request rules', () => {
  it('night is 22:00–06:00 in the estate time zone, not UTC', () => {
    expect(isNight(new Date('2026-11-27T13:59:00Z'), 'Asia/Shanghai')).toBe(false); // 21:59
    expect(isNight(new Date('2026-11-27T14:00:00Z'), 'Asia/Shanghai')).toBe(true); // 22:00
    expect(isNight(new Date('2026-11-27T21:59:00Z'), 'Asia/Shanghai')).toBe(true); // 05:59
    expect(isNight(new Date('2026-11-27T22:00:00Z'), 'Asia/Shanghai')).toBe(false); // 06:00
    expect(isNight(new Date('2026-11-27T23:00:00Z'), 'UTC')).toBe(true);
  });

  it('a free rule needs every condition it names', () => {
    expect(freeRuleMatches(RULE, job('2026-11-27T15:00:00Z'))).toBe(true);
    expect(freeRuleMatches(RULE, job('2026-11-27T15:00:00Z', { priority: 'high' }))).toBe(false);
    expect(freeRuleMatches(RULE, job('2026-11-27T04:00:00Z'))).toBe(false);
    expect(freeRuleMatches(RULE, job('2026-11-27T15:00:00Z', { materialFen: 1001 }))).toBe(false);
    expect(freeRuleMatches(RULE, job('2026-11-27T15:00:00Z', { materialFen: 1000 }))).toBe(true);
    expect(freeRuleMatches({}, job('2026-11-27T15:00:00Z'))).toBe(false);
    expect(freeRuleMatches(null, job('2026-11-27T15:00:00Z'))).toBe(false);
  });

  it('charges: catalog free beats a charge given; a fixed price adds materials; a quote needs a charge', () => {
    const day = job('2026-11-27T04:00:00Z');
    expect(
      decideCharge({ priceKind: 'free', priceFen: null, freeRules: null }, day, {
        kind: 'charged',
        amountFen: 9,
      }),
    ).toMatchObject({ kind: 'free', freeBasis: 'catalog' });
    expect(
      decideCharge({ priceKind: 'fixed', priceFen: 2000, freeRules: RULE }, day, undefined),
    ).toMatchObject({
      kind: 'charged',
      chargedFen: 2500,
    });
    expect(() =>
      decideCharge({ priceKind: 'quote', priceFen: null, freeRules: null }, day, undefined),
    ).toThrow(/CHARGE_REQUIRED/);
  });

  it('due times follow the priority; care markers keep only the T7 flags', () => {
    const t = DEFAULT_CATALOG.find((d) => d.code === 'T8.faucet')!.targets;
    const d = dueTimes(new Date('2026-11-27T02:00:00Z'), t, 'urgent');
    expect(d.responseDueAt.toISOString()).toBe('2026-11-27T02:15:00.000Z');
    expect(d.completionDueAt.toISOString()).toBe('2026-11-27T04:00:00.000Z');
    expect(careFlagsOf(['small_children', 'woman_alone', 'special_appliance'])).toEqual([
      'woman_alone',
      'special_appliance',
    ]);
  });

  it('the default catalog keeps the free list and spare parts internal, codes unique', () => {
    const internal = DEFAULT_CATALOG.filter((d) => d.visibility === 'internal').map((d) => d.code);
    expect(internal.sort()).toEqual(['T11.night_bulb', 'T11.toilet_unblock', 'T9.spare_part']);
    expect(new Set(DEFAULT_CATALOG.map((d) => d.code)).size).toBe(DEFAULT_CATALOG.length);
  });
});
