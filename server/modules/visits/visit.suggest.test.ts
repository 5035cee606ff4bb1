import { describe, expect, it } from 'vitest';
import { type Candidate, rankSuggestions } from './visit.suggest.js';

const NOW = new Date('2026-11-27T02:00:00Z');
const DAY = 86_400_000;

function cand(id: string, extra: Partial<Candidate> = {}): Candidate {
  return {
    id,
    room_code: id,
    room_sort: id,
    building_id: 'b1',
    care_flags: '[]',
    move_in_date: null,
    ...extra,
  };
}

describe('rankSuggestions', () => {
  it('orders by staleness in 30-day steps, then care flags, move-ins, older visit, room', () => {
    const last = new Map<string, Date | string>([
      ['v-40d-care', new Date(NOW.getTime() - 40 * DAY)],
      ['v-50d', new Date(NOW.getTime() - 50 * DAY).toISOString()],
      ['v-200d', new Date(NOW.getTime() - 200 * DAY)],
      ['v-2d', new Date(NOW.getTime() - 2 * DAY)],
    ]);
    const out = rankSuggestions(
      [
        cand('v-2d', { care_flags: ['elderly_alone'] }),
        cand('a-never'),
        cand('v-50d'),
        cand('v-40d-care', { care_flags: '["disabled"]' }),
        cand('b-never-moved', { move_in_date: '2026-09-01' }),
        cand('c-never-care', { care_flags: '["elderly"]' }),
        cand('v-200d'),
        cand('d-never-future-move', { move_in_date: '2027-01-01' }),
      ],
      last,
      NOW,
      '2026-11-27',
      20,
    );
    expect(out.map((s) => s.householdId)).toEqual([
      'c-never-care',
      'b-never-moved',
      'a-never',
      'd-never-future-move',
      'v-200d',
      'v-40d-care',
      'v-50d',
      'v-2d',
    ]);
    expect(out.find((s) => s.householdId === 'v-50d')!.reasons).toEqual([
      { code: 'last_visit', detail: '50' },
    ]);
    expect(rankSuggestions([cand('x')], new Map(), NOW, '2026-11-27', 0)).toEqual([]);
  });

  it('a move-in exactly 90 days ago still counts as recent, 91 days not', () => {
    const out = rankSuggestions(
      [cand('a', { move_in_date: '2026-08-28' }), cand('b', { move_in_date: '2026-08-29' })],
      new Map(),
      NOW,
      '2026-11-27',
      5,
    );
    expect(out.map((s) => [s.householdId, s.reasons.some((r) => r.code === 'recent_move_in')])).toEqual([
      ['b', true],
      ['a', false],
    ]);
  });
});
