import { describe, expect, it } from 'vitest';
import { CommitmentConfig, PLAN_STAGES } from '../../../contract/plan.js';
import { DEFAULT_COMMITMENTS, DEFAULT_MEASURES, PLAN_STAGE_LIST } from './plan.default.js';

const EXPECTED = [
  ...Array.from({ length: 11 }, (_, i) => `S${i + 1}`),
  ...Array.from({ length: 10 }, (_, i) => `C${i + 1}`),
  ...Array.from({ length: 17 }, (_, i) => `E${i + 1}`),
  ...Array.from({ length: 11 }, (_, i) => `T${i + 1}`),
];
const TEAM_OF_PREFIX = { S: 'security', C: 'service', E: 'environment', T: 'technical' } as const;

describe('the default plan', () => {
  it('holds all 49 measures of the source, each code exactly once', () => {
    const codes = DEFAULT_MEASURES.map((m) => m.code);
    expect(EXPECTED).toHaveLength(49);
    expect([...codes].sort()).toEqual([...EXPECTED].sort());
    expect(new Set(codes).size).toBe(codes.length);
  });

  it.each(DEFAULT_MEASURES.map((m) => [m.code, m] as const))(
    '%s has both languages, a stage and its team',
    (code, m) => {
      expect(m.textZh.trim().length).toBeGreaterThan(1);
      expect(m.textZh).toMatch(/[\u4e00-\u9fff]/);
      expect(m.textEn.trim().length).toBeGreaterThan(5);
      expect(m.textEn).not.toMatch(/^[\u4e00-\u9fff]/);
      expect(PLAN_STAGES).toContain(m.stage);
      expect(m.team).toBe(TEAM_OF_PREFIX[code[0] as keyof typeof TEAM_OF_PREFIX]);
      // A purpose or key point in one language has its translation in the other.
      expect(m.purposeZh === null).toBe(m.purposeEn === null);
      expect(m.keyPointsZh === null).toBe(m.keyPointsEn === null);
      // Cleaned of the extraction: no row numbers, no ASCII punctuation inside Chinese text.
      expect(m.textZh).not.toMatch(/^\d+[、.]/);
      for (const t of [m.textZh, m.purposeZh, m.keyPointsZh])
        if (t) expect(t).not.toMatch(/[\u4e00-\u9fff][,:;]/);
    },
  );

  it('marks only T9 and T11 as not promised publicly', () => {
    expect(DEFAULT_MEASURES.filter((m) => !m.public).map((m) => m.code)).toEqual(['T9', 'T11']);
  });

  it('has 长年 (all year) only where the source says so', () => {
    expect(DEFAULT_MEASURES.filter((m) => m.actionTime === 'all_year').map((m) => m.code)).toEqual(['S10']);
  });

  it('names managers where the text does (C4 每位管理人员, E1 主管以上)', () => {
    const withManagers = DEFAULT_MEASURES.filter((m) => m.roles.includes('manager')).map((m) => m.code);
    expect(withManagers).toEqual(['C4', 'E1']);
  });

  it('runs every team through the stages in order, as the source tables do', () => {
    const order = new Map(PLAN_STAGE_LIST.map((s) => [s.code, s.order]));
    const num = (code: string) => Number(code.slice(1));
    for (const team of Object.values(TEAM_OF_PREFIX)) {
      const stages = DEFAULT_MEASURES.filter((m) => m.team === team)
        .sort((a, b) => num(a.code) - num(b.code))
        .map((m) => order.get(m.stage)!);
      expect(stages, team).toEqual([...stages].sort((a, b) => a - b));
    }
    expect(PLAN_STAGE_LIST.map((s) => s.name)).toEqual([
      '认识客户',
      '了解客户',
      '理解客户',
      '帮助客户',
      '感动客户',
      '成就客户',
    ]);
  });

  it('attaches each default commitment to a measure with a valid rule', () => {
    const codes = new Set(DEFAULT_MEASURES.map((m) => m.code));
    expect(DEFAULT_COMMITMENTS.map((c) => c.measureCode).sort()).toEqual(
      ['C9', 'E1', 'E15', 'S2', 'S4', 'S5', 'T4', 'T6'].sort(),
    );
    for (const c of DEFAULT_COMMITMENTS) {
      expect(codes.has(c.measureCode)).toBe(true);
      expect(CommitmentConfig.safeParse(c.config).success, c.code).toBe(true);
    }
    const byCode = new Map(DEFAULT_COMMITMENTS.map((c) => [c.measureCode, c]));
    expect(byCode.get('E1')).toMatchObject({ target: 2, config: { period: 'week', per: 'person' } });
    expect(byCode.get('E1')!.config).toMatchObject({ roles: ['env_supervisor', 'manager'] });
    expect(byCode.get('S4')).toMatchObject({
      target: 1,
      config: { period: 'month', roles: ['squad_leader'] },
    });
    expect(byCode.get('S2')).toMatchObject({ target: 1, config: { period: 'half_year', per: 'household' } });
    expect(byCode.get('S5')).toMatchObject({ target: 10, config: { kind: 'standing' } });
    expect(byCode.get('T4')).toMatchObject({ target: 48, config: { unit: 'hours', scoreAtMost: 3 } });
    expect(byCode.get('T6')).toMatchObject({ target: 30, config: { unit: 'days', timing: 'after' } });
    expect(byCode.get('E15')).toMatchObject({ target: 7, config: { unit: 'days', timing: 'within' } });
  });
});
