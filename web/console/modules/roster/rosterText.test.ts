import { describe, expect, it } from 'vitest';
import type { RosterMember } from './rosterApi';
import { firstOverlap, overnight, weekPlan } from './rosterText';

const member: RosterMember = {
  accountId: 'a',
  displayName: '张磊',
  role: 'guard',
  position: '安全员',
  skills: [],
  version: 1,
  onDutyNow: false,
  shifts: [
    { weekday: 1, start: '19:00', end: '07:00' },
    { weekday: 5, start: '07:00', end: '19:00' },
  ],
  exceptions: [
    {
      id: 'e1',
      accountId: 'a',
      date: '2026-11-23',
      kind: 'leave',
      start: null,
      end: null,
      note: '年假',
      createdAt: '',
    },
    {
      id: 'e2',
      accountId: 'a',
      date: '2026-11-28',
      kind: 'extra',
      start: '09:00',
      end: '13:00',
      note: null,
      createdAt: '',
    },
  ],
};

describe('roster page helpers', () => {
  it('a whole-day leave hides that day’s shifts; extra shifts are listed on their day', () => {
    const week = weekPlan(member, '2026-11-23');
    expect(week.map((d) => d.date)).toEqual([
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
    ]);
    expect(week[0]).toMatchObject({ shifts: [], leave: { id: 'e1' } });
    expect(week[4]!.shifts).toEqual([{ weekday: 5, start: '07:00', end: '19:00' }]);
    expect(week[5]!.others.map((e) => e.id)).toEqual(['e2']);
  });

  it('knows overnight shifts and overlaps across Sunday night', () => {
    expect(overnight({ start: '19:00', end: '07:00' })).toBe(true);
    expect(overnight({ start: '08:30', end: '17:30' })).toBe(false);
    expect(
      firstOverlap([
        { weekday: 7, start: '20:00', end: '08:00' },
        { weekday: 1, start: '07:00', end: '12:00' },
      ]),
    ).toBe(1);
    expect(
      firstOverlap([
        { weekday: 1, start: '08:00', end: '12:00' },
        { weekday: 1, start: '12:00', end: '18:00' },
      ]),
    ).toBe(-1);
  });
});
