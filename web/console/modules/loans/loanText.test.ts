import { describe, expect, it } from 'vitest';
import type { LoanItem } from '../../../api/followup';
import { byLocation, dueAtOf, isMasked, loanState } from './loanText';

const item = (over: Partial<LoanItem>): LoanItem => ({
  id: 'i',
  estateId: 'e',
  location: '技术室',
  entranceId: null,
  kind: 'bulb',
  name: '备用灯泡',
  stock: 5,
  onLoan: 0,
  available: 5,
  active: true,
  ...over,
});

describe('lending', () => {
  it('due presets: the server decides by default, otherwise now + the chosen span', () => {
    const now = Date.parse('2026-11-27T02:00:00Z');
    expect(dueAtOf('default', now)).toBeUndefined();
    expect(dueAtOf('h2', now)).toBe('2026-11-27T04:00:00.000Z');
    expect(dueAtOf('d3', now)).toBe('2026-11-30T02:00:00.000Z');
  });

  it('a masked name is not copied as the borrower', () => {
    expect(isMasked('张*丰')).toBe(true);
    expect(isMasked('张三丰')).toBe(false);
  });

  it('groups stock by location, entrances first, inactive items left out', () => {
    const groups = byLocation([
      item({ id: 'b', location: '技术室' }),
      item({ id: 't2', location: '南门', entranceId: 'en2', kind: 'trolley' }),
      item({ id: 't1', location: '北门', entranceId: 'en1', kind: 'trolley' }),
      item({ id: 'h', location: '技术室', kind: 'hose' }),
      item({ id: 'x', location: '东门', entranceId: 'en3', active: false }),
    ]);
    expect(groups.map((g) => [g.location, g.entrance, g.items.map((i) => i.id)])).toEqual([
      ['北门', true, ['t1']],
      ['南门', true, ['t2']],
      ['技术室', false, ['b', 'h']],
    ]);
  });

  it('a loan reads as out, overdue, or returned in its condition', () => {
    expect(loanState({ status: 'open', overdue: false, condition: null })).toBe('open');
    expect(loanState({ status: 'overdue', overdue: true, condition: null })).toBe('overdue');
    expect(loanState({ status: 'returned', overdue: false, condition: 'lost' })).toBe('lost');
    expect(loanState({ status: 'returned', overdue: false, condition: null })).toBe('ok');
  });
});
