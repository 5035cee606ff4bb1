import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Commitment } from '../../../api/types';
import en from '../../../i18n/en.json';
import zhCN from '../../../i18n/zh-CN.json';
import { commitmentSummary, measureText, nextPeriodStart } from './planText';

const c = (config: Commitment['config'], target: number | null): Pick<Commitment, 'config' | 'target'> => ({
  config,
  target,
});

describe('plan texts', () => {
  beforeAll(async () => {
    await i18n.init({
      resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
      lng: 'zh-CN',
      interpolation: { escapeValue: false },
    });
  });

  it('summarises each kind of commitment the way the plan says it', () => {
    const t = i18n.getFixedT('zh-CN');
    expect(
      commitmentSummary(
        c(
          {
            kind: 'quota',
            period: 'week',
            per: 'person',
            roles: ['env_supervisor', 'manager'],
            activity: 'visit',
          },
          2,
        ),
        t,
      ),
    ).toBe('每人每周走访 2 户 · 环境主管、项目经理');
    expect(
      commitmentSummary(
        c(
          {
            kind: 'standing',
            per: 'person',
            roles: ['squad_leader'],
            group: 'loyal_households',
            period: 'month',
            contactEvery: 'month',
          },
          10,
        ),
        t,
      ),
    ).toBe('每人维系 10 户忠诚客户 · 每月各联系一次 · 班长');
    expect(
      commitmentSummary(
        c(
          {
            kind: 'event_followup',
            trigger: 'low_score',
            scoreAtMost: 3,
            timing: 'within',
            unit: 'hours',
            assignTo: 'team',
            roles: ['technician'],
            period: 'month',
            channel: 'visit',
          },
          48,
        ),
        t,
      ),
    ).toBe('低分（≤3 分）后 48 小时内上门回访 · 维修技师');
    expect(
      commitmentSummary(
        c(
          {
            kind: 'event_followup',
            trigger: 'festival',
            timing: 'within',
            unit: 'days',
            assignTo: 'team',
            roles: ['butler'],
            period: 'month',
            channel: 'sms',
          },
          0,
        ),
        t,
      ),
    ).toBe('节日当天短信问候 · 管家');
    const tEn = i18n.getFixedT('en');
    expect(
      commitmentSummary(
        c(
          {
            kind: 'event_followup',
            trigger: 'job_completed',
            timing: 'after',
            unit: 'days',
            graceDays: 7,
            assignTo: 'handler',
            roles: ['technician'],
            period: 'month',
          },
          30,
        ),
        tEn,
      ),
    ).toBe("Follow-up 30 days after a completed repair (7 days' grace) · whoever handled it");
  });

  it('picks the text of the UI language, falling back to Chinese', () => {
    expect(measureText({ textZh: '中', textEn: 'en' }, 'en')).toBe('en');
    expect(measureText({ textZh: '中', textEn: null }, 'en')).toBe('中');
    expect(measureText({ textZh: '中', textEn: 'en' }, 'zh-CN')).toBe('中');
  });

  it('finds the start of the next period', () => {
    expect(nextPeriodStart('week', '2026-03-02')).toBe('2026-03-09');
    expect(nextPeriodStart('month', '2026-01-01')).toBe('2026-02-01');
    expect(nextPeriodStart('half_year', '2026-07-01')).toBe('2027-01-01');
  });
});
