import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../../i18n/en.json';
import zhCN from '../../../i18n/zh-CN.json';
import { allowedActions } from './components/RequestActions';
import { dueState, formatFen, formatMinutes, freeRuleText, priceLabel, yuanToFen } from './requestText';

describe('service request texts', () => {
  beforeAll(async () => {
    await i18n.init({
      resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
      lng: 'zh-CN',
      interpolation: { escapeValue: false },
    });
  });

  it('shows fen as yuan with two decimals and reads yuan back as whole fen', () => {
    expect(formatFen(3000)).toBe('¥30.00');
    expect(formatFen(1)).toBe('¥0.01');
    expect(formatFen(null)).toBe('—');
    expect(yuanToFen(12.5)).toBe(1250);
    expect(yuanToFen(0.1 + 0.2)).toBe(30);
    expect(yuanToFen(19.99)).toBe(1999);
    expect(yuanToFen('')).toBeNull();
    expect(yuanToFen(undefined)).toBeNull();
  });

  it('says the price rule of a catalog entry', () => {
    const zh = i18n.getFixedT('zh-CN');
    expect(priceLabel({ priceKind: 'free', priceFen: null }, zh)).toBe('免费');
    expect(priceLabel({ priceKind: 'fixed', priceFen: 3000 }, zh)).toBe('¥30.00');
    expect(priceLabel({ priceKind: 'quote', priceFen: null }, zh)).toBe('上门报价');
    expect(freeRuleText({ freeRules: { urgent: true, night: true, maxMaterialFen: 1000 } }, zh)).toBe(
      '紧急 + 夜间 22:00–06:00 + 材料 ≤ ¥10.00 时免费',
    );
    expect(freeRuleText({ freeRules: null }, zh)).toBeNull();
    expect(freeRuleText({ freeRules: { urgent: true } }, i18n.getFixedT('en'))).toBe('free when urgent');
    expect(formatMinutes(80, zh)).toBe('1小时20分');
    expect(formatMinutes(45, i18n.getFixedT('en'))).toBe('45 min');
  });

  it('marks due times kept, close and overdue', () => {
    const now = Date.parse('2026-03-05T10:00:00Z');
    expect(dueState('2026-03-05T09:00:00Z', null, false, now)).toBe('overdue');
    expect(dueState('2026-03-05T10:30:00Z', null, false, now)).toBe('soon');
    expect(dueState('2026-03-05T12:00:00Z', null, false, now)).toBe('ok');
    expect(dueState('2026-03-05T09:00:00Z', '2026-03-05T08:00:00Z', false, now)).toBe('done');
    expect(dueState('2026-03-05T09:00:00Z', '2026-03-05T09:30:00Z', false, now)).toBe('overdue');
    expect(dueState('2026-03-05T09:00:00Z', null, true, now)).toBe('done');
  });

  it('offers each person only the actions the state allows', () => {
    const base = { team: 'technical' as const, takenBy: { id: 'guard', name: 'G' } };
    const tech = { id: 'tech', team: 'technical', dispatch: false, work: true };
    const guard = { id: 'guard', team: 'security', dispatch: false, work: true };
    const manager = { id: 'mgr', team: null, dispatch: true, work: true };
    const fresh = { ...base, status: 'new' as const, assignee: null };
    expect(allowedActions(fresh, tech)).toMatchObject({ accept: true, assign: false, cancel: false });
    expect(allowedActions(fresh, guard)).toMatchObject({ accept: false, cancel: true });
    expect(allowedActions(fresh, manager)).toMatchObject({ assign: true, accept: false, cancel: true });
    const toOther = { ...base, status: 'assigned' as const, assignee: { id: 'other', name: 'O' } };
    expect(allowedActions(toOther, tech).accept).toBe(false);
    const accepted = { ...base, status: 'accepted' as const, assignee: { id: 'tech', name: 'T' } };
    expect(allowedActions(accepted, tech)).toMatchObject({ start: true, complete: true, accept: false });
    expect(allowedActions(accepted, guard).cancel).toBe(false);
    const done = { ...base, status: 'completed' as const, assignee: { id: 'tech', name: 'T' } };
    expect(Object.values(allowedActions(done, manager)).some(Boolean)).toBe(false);
  });
});
