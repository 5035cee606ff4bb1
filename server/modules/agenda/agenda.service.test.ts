import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KpiRow } from '../../../contract/agenda.js';
import { createEstate, createStaff, type TestEstate } from '../../../test/helpers/factories.js';
import { createTestDb, engineName } from '../../../test/helpers/test-db.js';
import { type Container, createContainer } from '../../container.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { FixedClock } from '../../lib/clock.js';
import { addDays, fromJson } from '../../lib/dates.js';
import { type Actor, systemActor } from '../auth/index.js';
import { seedDefaultPlan } from '../plan/index.js';
import { type AgendaService, createAgendaService } from './index.js';

// A quarter for a small estate: 13 weeks from Monday 2026-09-07; the tick runs every Monday at
// 09:00 Beijing. sup1 meets E1 every week; sup2 only every third week (and half of it once
// after). E1's target becomes 3 from week 9 on. The squad leader makes one advisory visit (S4)
// in September only.
const FIRST_MONDAY = '2026-09-07';
const WEEKS = 13;
const EDIT_AFTER_WEEK = 8;

let database: Database;
let c: Container;
let clock: FixedClock;
let agenda: AgendaService;
let estate: TestEstate;
const ids: Record<string, string> = {};
const households: string[] = [];
const admin = () => systemActor([estate.id]);

const monday = (w: number) => addDays(FIRST_MONDAY, 7 * w);
/** 09:00 Beijing on a business date, plus `hours`. */
const at = (date: string, hours = 0) => new Date(new Date(`${date}T01:00:00Z`).getTime() + hours * 3_600_000);
const targetOf = (w: number) => (w > EDIT_AFTER_WEEK ? 3 : 2);
/** Visits each supervisor makes in week w. */
const plan1 = (w: number) => targetOf(w);
const plan2 = (w: number) => (w % 3 === 0 ? 3 : w % 3 === 1 ? 1 : 0);
const met2 = (w: number) => plan2(w) >= targetOf(w);

function actor(id: string, role: Actor['role']): Actor {
  return { id, role, displayName: role, estateIds: [estate.id], allEstates: false, ip: null, lang: 'zh-CN' };
}

async function visit(who: string, role: Actor['role'], n: number, kind: 'routine' | 'advisory' = 'routine') {
  await c.visits.create(actor(who, role), { householdId: households[n % households.length]!, kind });
}

async function tasks(where: { assignee?: string; code?: string } = {}) {
  let q = database.db.selectFrom('agenda_tasks').selectAll().where('estate_id', '=', estate.id);
  if (where.assignee) q = q.where('assignee_id', '=', where.assignee);
  if (where.code) q = q.where('measure_code', '=', where.code);
  return q.orderBy('period_start').execute();
}

const e1Of = (rows: KpiRow[]) => rows.find((r) => r.measureCode === 'E1')!;
const ticks: Awaited<ReturnType<AgendaService['tick']>>[] = [];

beforeAll(async () => {
  database = await createTestDb();
  clock = new FixedClock(at(FIRST_MONDAY));
  c = createContainer({ db: database.db, clock });
  agenda = createAgendaService({
    db: database.db,
    clock,
    audit: c.audit,
    plan: c.plan,
    visits: c.visits,
    serviceRequests: c.serviceRequests,
  });
  estate = await createEstate(database.db, 'quarter', { buildings: 1, floors: 2 });
  await seedDefaultPlan(database.db, estate.id, clock.now());
  ids.sup1 = await createStaff(database.db, 'sup1', 'env_supervisor', [estate], 'environment');
  ids.sup2 = await createStaff(database.db, 'sup2', 'env_supervisor', [estate], 'environment');
  ids.leader = await createStaff(database.db, 'leader', 'squad_leader', [estate], 'security');
  ids.guard = await createStaff(database.db, 'guard', 'guard', [estate], 'security');
  for (let i = 0; i < 8; i++) {
    const h = await c.households.create(admin(), {
      estateId: estate.id,
      roomId: estate.roomIds[i]!,
      occupancy: 'owner_occupied',
    });
    households.push(h.id);
  }

  // The quarter, week by week.
  for (let w = 0; w < WEEKS; w++) {
    clock.set(at(monday(w)));
    ticks.push(await agenda.tick(estate.id));
    if (w === EDIT_AFTER_WEEK) {
      const e1 = (await c.plan.commitmentsOf(estate.id)).find((x) => x.code === 'E1.visits')!;
      await c.plan.setTarget(admin(), estate.id, e1.id, { target: 3 }); // from next Monday
    }
    clock.set(at(monday(w), 24)); // Tuesday
    for (let i = 0; i < plan1(w); i++) await visit(ids.sup1!, 'env_supervisor', w + i);
    clock.set(at(monday(w), 48)); // Wednesday
    for (let i = 0; i < plan2(w); i++) await visit(ids.sup2!, 'env_supervisor', w + i + 4);
    if (w === 1) await visit(ids.leader!, 'squad_leader', 0, 'advisory');
  }
  clock.set(at(monday(WEEKS)));
  ticks.push(await agenda.tick(estate.id));
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe(`the agenda tick over a quarter (${engineName})`, () => {
  it('creates one E1 task per supervisor per week, and S4/S5 tasks per squad leader per month', async () => {
    expect(ticks[0]).toMatchObject({ created: 4, closed: 0, missed: 0 }); // 2 × E1, S4, S5
    expect((await tasks({ assignee: ids.sup1, code: 'E1' })).length).toBe(WEEKS + 1);
    expect((await tasks({ assignee: ids.sup2, code: 'E1' })).length).toBe(WEEKS + 1);
    expect((await tasks({ assignee: ids.guard })).length).toBe(0);
    const s4 = await tasks({ assignee: ids.leader, code: 'S4' });
    expect(s4.map((t) => t.period_key)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12']);
    expect(s4.map((t) => t.status)).toEqual(['done', 'missed', 'missed', 'open']);
    const e1 = await tasks({ assignee: ids.sup1, code: 'E1' });
    expect(e1[0]).toMatchObject({
      period_key: '2026-W37',
      period_start: FIRST_MONDAY,
      title_zh: '本周走访 2 户（E1）',
    });
  });

  it('closes each past week as done or missed against the target of that week', async () => {
    const e1a = await tasks({ assignee: ids.sup1, code: 'E1' });
    const e1b = await tasks({ assignee: ids.sup2, code: 'E1' });
    for (let w = 0; w < WEEKS; w++) {
      expect(e1a[w]!.status, `sup1 week ${w}`).toBe('done');
      expect(e1b[w]!.status, `sup2 week ${w}`).toBe(met2(w) ? 'done' : 'missed');
      expect(Number(e1b[w]!.progress)).toBe(plan2(w));
    }
    expect(e1a[WEEKS]!.status).toBe('open');
    // Evidence: the visits that counted; done when the target-th visit was made (Tuesday).
    const ev = fromJson<{ visitIds: string[] }>(e1a[0]!.evidence, { visitIds: [] });
    expect(ev.visitIds).toHaveLength(2);
    expect(new Date(e1a[0]!.done_at as string).toISOString()).toBe(at(monday(0), 24).toISOString());
    // Each Monday's tick closed last week's two tasks (sup1 always done; sup2 done or missed).
    for (let w = 1; w <= WEEKS; w++) {
      const t = ticks[w]!;
      expect(t.closed + t.missed + t.completed, `tick ${w}`).toBeGreaterThanOrEqual(2);
    }
    expect(ticks.reduce((n, t) => n + t.missed, 0)).toBe(
      Array.from({ length: WEEKS }, (_, w) => w).filter((w) => !met2(w)).length + 2 + 3, // + S4 Oct, Nov; S5 Sep–Nov
    );
  });

  it('editing E1 to 3 from next week changed only the weeks after the edit', async () => {
    const e1 = await tasks({ assignee: ids.sup1, code: 'E1' });
    expect(e1.map((t) => Number(t.target))).toEqual(Array.from({ length: WEEKS + 1 }, (_, w) => targetOf(w)));
    expect(e1[EDIT_AFTER_WEEK + 1]!.title_zh).toBe('本周走访 3 户（E1）');
  });

  it('running the tick again, or twice at once, creates and closes nothing', async () => {
    const before = (await tasks()).length;
    const again = await agenda.tick(estate.id);
    const both = await Promise.all([agenda.tick(estate.id), agenda.tick(estate.id)]);
    for (const r of [again, ...both]) expect(r).toMatchObject({ created: 0, closed: 0, missed: 0 });
    expect((await tasks()).length).toBe(before);
  });

  it('reports E1 compliance per week and per person on the KPI board', async () => {
    for (let w = 0; w < WEEKS; w++) {
      const key = (await tasks({ assignee: ids.sup1, code: 'E1' }))[w]!.period_key;
      const board = await agenda.getKpiBoard(admin(), estate.id, key);
      const e1 = e1Of(board.rows);
      expect(e1.status).toBe('ok');
      expect(e1.periods).toHaveLength(1);
      expect(e1.periods[0]).toMatchObject({
        key,
        target: targetOf(w),
        owed: 2,
        met: met2(w) ? 2 : 1,
        inProgress: false,
      });
      expect(e1.compliance, `week ${w}`).toBe(met2(w) ? 1 : 0.5);
      const p1 = e1.byPerson.find((p) => p.accountId === ids.sup1)!;
      const p2 = e1.byPerson.find((p) => p.accountId === ids.sup2)!;
      expect(p1).toMatchObject({ owed: 1, met: 1, actual: plan1(w), compliance: 1 });
      expect(p2).toMatchObject({ owed: 1, met: met2(w) ? 1 : 0, actual: plan2(w) });
      expect(e1.byTeam).toEqual([
        { team: 'environment', owed: 2, met: met2(w) ? 2 : 1, compliance: e1.compliance },
      ]);
      expect(e1.evidence.ids).toHaveLength(plan1(w) + plan2(w));
    }
  });

  it('gives a 12-week trend and monthly figures; the headline counts promises', async () => {
    const last = (await tasks({ assignee: ids.sup1, code: 'E1' }))[WEEKS - 1]!;
    const board = await agenda.getKpiBoard(admin(), estate.id, last.period_key);
    const trend = e1Of(board.rows).trend!;
    expect(trend).toHaveLength(12);
    expect(trend.map((t) => t.compliance)).toEqual(
      Array.from({ length: 12 }, (_, i) => i + 1).map((w) => (met2(w) ? 1 : 0.5)),
    );
    expect(trend.map((t) => t.target)).toEqual(Array.from({ length: 12 }, (_, i) => targetOf(i + 1)));

    // October 2026: the weeks starting on Oct 5, 12, 19, 26 (weeks 4 … 7).
    const oct = await agenda.getKpiBoard(admin(), estate.id, '2026-10');
    const e1 = e1Of(oct.rows);
    const weeks = [4, 5, 6, 7];
    expect(e1.periods.map((p) => p.start)).toEqual(weeks.map(monday));
    const met = weeks.reduce((n, w) => n + 1 + (met2(w) ? 1 : 0), 0);
    expect(e1).toMatchObject({ owed: 8, met, compliance: Math.round((met / 8) * 1000) / 1000 });
    const s4 = oct.rows.find((r) => r.measureCode === 'S4')!;
    expect(s4).toMatchObject({ status: 'ok', owed: 1, met: 0 });
    const s5 = oct.rows.find((r) => r.measureCode === 'S5')!;
    expect(s5).toMatchObject({ status: 'ok', owed: 1, met: 0, target: 10 });
    // S2: 8 lived-in households, none checked this half-year.
    expect(oct.rows.find((r) => r.measureCode === 'S2')).toMatchObject({
      status: 'ok',
      owed: 8,
      met: 0,
      compliance: 0,
    });
    expect(oct.rows.find((r) => r.measureCode === 'T6')).toMatchObject({
      status: 'ok',
      owed: 0,
      compliance: null,
      evidence: { type: 'revisit', ids: [] },
    });
    expect(oct.rows.find((r) => r.measureCode === 'S1')).toMatchObject({
      status: 'no_commitment',
      latestEvidence: null,
    });
    expect(oct.rows.find((r) => r.measureCode === 'C3')!.latestEvidence?.type).toBe('visit');
    expect(oct.headline).toMatchObject({ kept: met, total: 8 + 1 + 1 });
    expect(oct.headline.text).toBe(`本月承诺兑现 ${met} / 10`);
    expect(new Set(oct.rows.map((r) => r.measureCode)).size).toBe(49);
  });

  it('shows the week on the agenda: visits owed with progress and suggestions', async () => {
    clock.set(at(monday(WEEKS), 24));
    await visit(ids.sup2!, 'env_supervisor', 3);
    const a = await agenda.getAgenda(actor(ids.sup2!, 'env_supervisor'), {});
    expect(a.owed).toEqual([
      expect.objectContaining({ measureCode: 'E1', done: 1, target: 3, remaining: 2 }),
    ]);
    expect(a.suggestions.length).toBeGreaterThan(0);
    expect(a.suggestions.length).toBeLessThanOrEqual(5);
    expect(a.overdue.length).toBeGreaterThan(0); // last weeks' missed tasks, in red
    expect(a.overdue.every((t) => t.status === 'missed' && t.overdue)).toBe(true);
    expect(a.today.map((t) => t.measureCode)).toEqual(['E1']);
    // Reaching the target completes the task on the next read, without a tick.
    await visit(ids.sup2!, 'env_supervisor', 4);
    await visit(ids.sup2!, 'env_supervisor', 5);
    const b = await agenda.getAgenda(actor(ids.sup2!, 'env_supervisor'), {});
    expect(b.owed[0]).toMatchObject({ done: 3, remaining: 0 });
    expect(b.today).toEqual([]);
    expect(b.thisWeek.find((t) => t.measureCode === 'E1')).toMatchObject({ status: 'done', progress: 3 });
    expect(b.suggestions).toEqual([]);
  });
});

describe.skipIf(engineName !== 'postgres')('two processes on PostgreSQL', () => {
  it('two ticks in parallel on separate pools create each task once', async () => {
    const [{ schema }] = (
      await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)
    ).rows as [{ schema: string }];
    const pool = new pg.Pool({
      connectionString: process.env.TEST_DATABASE_URL,
      max: 3,
      options: `-c search_path=${schema}`,
    });
    const db2 = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    try {
      const c2 = createContainer({ db: db2, clock });
      const other = createAgendaService({
        db: db2,
        clock,
        audit: c2.audit,
        plan: c2.plan,
        visits: c2.visits,
        serviceRequests: c2.serviceRequests,
      });
      clock.set(at(monday(WEEKS + 1)));
      const before = (await tasks()).length;
      const results = await Promise.all([agenda.tick(estate.id), other.tick(estate.id)]);
      expect(results[0]!.created + results[1]!.created).toBe(2); // the two E1 tasks of the new week
      expect((await tasks()).length).toBe(before + 2);
      // Last week: sup1 made no visit (missed, settled by exactly one of the two ticks); sup2's
      // task was already done when the agenda was read.
      expect(results[0]!.missed + results[1]!.missed).toBe(1);
      expect((await tasks()).filter((t) => t.status === 'open' && t.period_key === '2026-W50')).toEqual([]);
    } finally {
      await db2.destroy();
    }
  });
});
