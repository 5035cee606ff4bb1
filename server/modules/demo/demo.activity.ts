import type { Role } from '../../../contract/auth.js';
import type { Container } from '../../container.js';
import { FixedClock } from '../../lib/clock.js';
import { addDays, localDate, startOfLocalDay } from '../../lib/dates.js';
import type { Actor } from '../auth/index.js';
import { enterTodaysBoard, planAgendaTicks, planLoans } from './demo.activity.daily.js';
import { planFollowups } from './demo.activity.followups.js';
import { planOrganizations } from './demo.activity.organizations.js';
import { planRequests, planRevisitRounds } from './demo.activity.requests.js';
import {
  type ActivityContext,
  ESTATE_CODE,
  HOUR,
  type HouseholdRow,
  MIN,
  Rng,
  type StaffRow,
  WEEKS,
  weekday,
} from './demo.activity.timeline.js';
import { planVisits } from './demo.activity.visits.js';

// Eight weeks of plausible history for the first demo estate (绿苑小区), made through the real
// services with the container's clock moved back in time: visits (E1, S4, C3), loyal groups (S5),
// service requests with their timelines, ratings and revisits, loans, agenda ticks, and today's
// entrance board. Every history, timeline and audit row is written by the service that owns it.

/** Options of {@link seedDemoActivity}. */
export interface SeedDemoActivityOptions {
  /** "Now" of the demo: history covers the 8 weeks up to it; the clock is left here. */
  now: Date;
  /** PRNG seed (default 20261127). */
  seed?: number;
}

/** What {@link seedDemoActivity} created. */
export interface DemoActivitySummary {
  estateId: string;
  visits: number;
  loyalMembers: number;
  loyalContacts: number;
  requests: number;
  openRequests: number;
  ratings: number;
  lowScores: number;
  replies: number;
  revisitsDone: number;
  loans: number;
  ticks: number;
}

/** Demo logins, listed first among the staff. */
const DEMO_FIRST = new Set([
  'manager',
  'butler',
  'culture',
  'guard',
  'squad',
  'tech',
  'cleaner',
  'supervisor',
]);

/**
 * Eight weeks of history for the first demo estate (code `lvyuan`) through the container's
 * services. The container must run on a {@link FixedClock}: it is moved through the past while
 * seeding and left at `opts.now`. Deterministic for a seed (apart from ids and tokens).
 */
export async function seedDemoActivity(
  container: Container,
  opts: SeedDemoActivityOptions,
): Promise<DemoActivitySummary> {
  const { db } = container;
  const clock = container.clock;
  if (!(clock instanceof FixedClock)) throw new Error('seedDemoActivity needs a container with a FixedClock');
  const now = new Date(opts.now.getTime());
  const nowMs = now.getTime();
  const rng = new Rng(opts.seed ?? 20261127);

  const estate = await db
    .selectFrom('estates')
    .select(['id', 'time_zone'])
    .where('code', '=', ESTATE_CODE)
    .executeTakeFirst();
  if (!estate) throw new Error(`Demo estate ${ESTATE_CODE} not found`);
  const estateId = estate.id;
  const tz = estate.time_zone || 'Asia/Shanghai';

  const staffRows: StaffRow[] = await db
    .selectFrom('staff_assignments as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .leftJoin('teams as t', 't.id', 's.team_id')
    .select(['a.id', 'a.role', 'a.display_name', 'a.username', 't.code as team'])
    .where('s.estate_id', '=', estateId)
    .orderBy('a.id')
    .execute();
  // Demo logins first, then the others by name: a stable order whatever the ids.
  staffRows.sort(
    (x, y) =>
      Number(!DEMO_FIRST.has(x.username ?? '')) - Number(!DEMO_FIRST.has(y.username ?? '')) ||
      x.display_name.localeCompare(y.display_name) ||
      x.id.localeCompare(y.id),
  );
  const actorOf = (s: StaffRow): Actor => ({
    id: s.id,
    role: s.role as Role,
    displayName: s.display_name,
    estateIds: [estateId],
    allEstates: false,
    ip: null,
    lang: 'zh-CN',
  });
  const byRole = (role: string) => staffRows.filter((s) => s.role === role);
  const byUser = (u: string) => {
    const s = staffRows.find((x) => x.username === u);
    if (!s) throw new Error(`Demo account ${u} is not on the staff of ${ESTATE_CODE}`);
    return s;
  };
  const staffById = new Map(staffRows.map((s) => [s.id, s]));
  const manager = actorOf(byUser('manager'));
  const supervisor = actorOf(byUser('supervisor'));
  const guard = actorOf(byUser('guard'));
  const tech = actorOf(byUser('tech'));
  const cleaner = actorOf(byUser('cleaner'));
  const butler = actorOf(byUser('butler'));
  const squadLeaders = byRole('squad_leader').map(actorOf);
  const technicians = byRole('technician').map(actorOf);
  const butlers = byRole('butler').map(actorOf);
  const guards = byRole('guard').map(actorOf);

  const households: HouseholdRow[] = await db
    .selectFrom('households')
    .select(['id', 'building_id', 'room_code', 'primary_name'])
    .where('estate_id', '=', estateId)
    .where('occupancy', 'in', ['owner_occupied', 'rented'])
    .orderBy('room_sort')
    .orderBy('room_code')
    .execute();
  if (!households.length) throw new Error(`Demo estate ${ESTATE_CODE} has no lived-in households`);
  const butlerBuildings = await db
    .selectFrom('butler_buildings')
    .select(['account_id', 'building_id'])
    .where('estate_id', '=', estateId)
    .execute();
  const catalog = new Map(
    (
      await db
        .selectFrom('service_catalog')
        .select(['id', 'code'])
        .where('estate_id', '=', estateId)
        .where('active', '=', 1)
        .execute()
    ).map((c) => [c.code, c.id]),
  );

  // Local calendar of the window: 8 ISO weeks ending with the current one.
  const today = localDate(now, tz);
  const thisMonday = addDays(today, 1 - weekday(today));
  const firstMonday = addDays(thisMonday, -7 * (WEEKS - 1));
  const at = (date: string, hour: number, minute = 0) =>
    startOfLocalDay(date, tz).getTime() + hour * HOUR + minute * MIN;

  // The timeline: every action at its moment, run in time order with the clock set to it.
  type Step = { at: number; seq: number; run: () => Promise<void> };
  const steps: Step[] = [];
  let seq = 0;
  const schedule = (t: number, run: () => Promise<void>) => {
    if (t <= nowMs) steps.push({ at: t, seq: seq++, run });
  };

  const summary: DemoActivitySummary = {
    estateId,
    visits: 0,
    loyalMembers: 0,
    loyalContacts: 0,
    requests: 0,
    openRequests: 0,
    ratings: 0,
    lowScores: 0,
    replies: 0,
    revisitsDone: 0,
    loans: 0,
    ticks: 0,
  };

  const ctx: ActivityContext = {
    container,
    db,
    estateId,
    rng,
    seed: opts.seed,
    nowMs,
    today,
    firstMonday,
    at,
    schedule,
    summary,
    households,
    butlerBuildings,
    catalog,
    staffById,
    actorOf,
    manager,
    supervisor,
    guard,
    tech,
    cleaner,
    butler,
    squadLeaders,
    technicians,
    butlers,
    guards,
  };
  planVisits(ctx);
  planRequests(ctx);
  planRevisitRounds(ctx);
  planLoans(ctx);
  planAgendaTicks(ctx);
  planOrganizations(ctx);
  planFollowups(ctx);

  steps.sort((a, b) => a.at - b.at || a.seq - b.seq);
  for (const s of steps) {
    clock.set(new Date(s.at));
    await s.run();
  }

  // --- Today: the board (weather by the guard at the gate, a notice and a greeting line).
  clock.set(now);
  await enterTodaysBoard(ctx);
  clock.set(now);
  return summary;
}
