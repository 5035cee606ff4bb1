import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { addDays, localDate, toJson } from '../../lib/dates.js';
import { newId } from '../../lib/ids.js';
import { weekdayOf } from '../roster/index.js';
import { insertRows } from './demo.insert.js';

// The demo duty roster (值班表) of the security and technical teams: a weekly pattern per person
// and a few dated exceptions around the demo's "today". Derived only from the staff (their
// positions and names, which come from the seed) and the date, so the same seed gives the same
// roster.

const m = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
type Shift = { weekday: number; start: number; end: number };
const days = (weekdays: number[], from: string, to: string): Shift[] =>
  weekdays.map((weekday) => ({ weekday, start: m(from), end: m(to) }));
/** Five days on, two consecutive days off, the days off starting at `offFrom` (1 = Monday). */
const fiveOn = (offFrom: number) =>
  [1, 2, 3, 4, 5, 6, 7].filter((d) => d !== offFrom && d !== (offFrom % 7) + 1);

/**
 * Technicians work 08:30–17:30 five days a week and take turns on night call in the duty room
 * (17:30–08:30), so every night has someone; the rest days are staggered.
 */
const TECH_WEEKS: Shift[][] = [
  [...days([1, 2, 3, 4, 5], '08:30', '17:30'), ...days([3, 7], '17:30', '08:30')],
  [...days([2, 3, 4, 5, 6], '08:30', '17:30'), ...days([2, 6], '17:30', '08:30')],
  [...days([1, 2, 4, 5, 7], '08:30', '17:30'), ...days([1, 4], '17:30', '08:30')],
  [...days([3, 4, 5, 6, 7], '08:30', '17:30'), ...days([5], '17:30', '08:30')],
];

/** Security: day (07:00–19:00) and night (19:00–07:00) shifts, five on, two off, staggered. */
function securityWeek(position: string | null, i: number): Shift[] {
  if (position === '监控员')
    return days(fiveOn(((i * 3) % 7) + 1), i % 2 ? '20:00' : '08:00', i % 2 ? '08:00' : '20:00');
  const night = i % 2 === 1;
  return days(fiveOn(((i * 2) % 7) + 1), night ? '19:00' : '07:00', night ? '07:00' : '19:00');
}

/**
 * Seeds the duty roster of an estate's security and technical teams (nothing when it already
 * has one). Leave today for one technician, sick leave tomorrow for one guard, and an extra
 * shift tomorrow morning for another technician show how exceptions look.
 */
export async function seedDemoRoster(db: Kysely<DB>, estateId: string, now: Date): Promise<number> {
  const existing = await db
    .selectFrom('duty_patterns')
    .select('account_id')
    .where('estate_id', '=', estateId)
    .limit(1)
    .executeTakeFirst();
  if (existing) return 0;
  const estate = await db
    .selectFrom('estates')
    .select('time_zone')
    .where('id', '=', estateId)
    .executeTakeFirst();
  const today = localDate(now, estate?.time_zone || 'Asia/Shanghai');
  const staff = await db
    .selectFrom('staff_assignments as s')
    .innerJoin('teams as t', (j) =>
      j.onRef('t.estate_id', '=', 's.estate_id').onRef('t.id', '=', 's.team_id'),
    )
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select(['a.id', 'a.display_name', 'a.role', 's.position', 't.code'])
    .where('s.estate_id', '=', estateId)
    .where('t.code', 'in', ['security', 'technical'])
    .where('a.status', '=', 'active')
    .execute();
  // A stable order from seeded data: squad leaders, then by position and name.
  staff.sort(
    (a, b) =>
      Number(b.role === 'squad_leader') - Number(a.role === 'squad_leader') ||
      (a.position ?? '').localeCompare(b.position ?? '') ||
      a.display_name.localeCompare(b.display_name) ||
      a.id.localeCompare(b.id),
  );
  const at = now.toISOString();
  const techs = staff.filter((s) => s.code === 'technical');
  const guards = staff.filter((s) => s.code === 'security');
  const patterns: Insertable<DB['duty_patterns']>[] = [
    ...techs.map((s, i) => row(estateId, s.id, TECH_WEEKS[i % TECH_WEEKS.length]!, at)),
    ...guards.map((s, i) => row(estateId, s.id, securityWeek(s.position, i), at)),
  ];
  await insertRows(db, 'duty_patterns', patterns);

  const exceptions: Insertable<DB['duty_exceptions']>[] = [];
  const exception = (
    accountId: string | undefined,
    day: string,
    kind: string,
    span: string | null,
    note: string,
  ) => {
    if (!accountId) return;
    exceptions.push({
      estate_id: estateId,
      id: newId(),
      account_id: accountId,
      day,
      kind,
      start_minute: span ? m(span.slice(0, 5)) : null,
      end_minute: span ? m(span.slice(6, 11)) : null,
      note,
      created_at: at,
      created_by: null,
    });
  };
  const tomorrow = addDays(today, 1);
  const worksOn = (i: number, day: string) =>
    TECH_WEEKS[i % TECH_WEEKS.length]!.some((x) => x.weekday === weekdayOf(day) && x.start < m('12:00'));
  // Leave today for a technician who works today (not the demo login), and an extra morning
  // shift tomorrow for one who would otherwise be off.
  const onLeave = techs.findIndex((_, i) => i > 0 && worksOn(i, today));
  const extra = techs.findIndex((_, i) => i !== onLeave && !worksOn(i, tomorrow));
  exception(techs[onLeave]?.id, today, 'leave', null, '年假');
  exception(guards[4]?.id, tomorrow, 'leave', null, '病假');
  exception(techs[extra]?.id, tomorrow, 'extra', '09:00-12:00', '顶班');
  await insertRows(db, 'duty_exceptions', exceptions);
  return patterns.length;
}

function row(
  estateId: string,
  accountId: string,
  shifts: Shift[],
  at: string,
): Insertable<DB['duty_patterns']> {
  return {
    estate_id: estateId,
    account_id: accountId,
    shifts: toJson(shifts),
    version: 1,
    created_at: at,
    updated_at: at,
    created_by: null,
    updated_by: null,
  };
}
