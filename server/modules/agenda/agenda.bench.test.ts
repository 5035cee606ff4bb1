import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../../contract/auth.js';
import { createEstate, createStaff, roomSortKey, type TestEstate } from '../../../test/helpers/factories.js';
import { createTestDb, engineName } from '../../../test/helpers/test-db.js';
import { createContainer } from '../../container.js';
import type { Database } from '../../db/database.js';
import { FixedClock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { type Actor, systemActor } from '../auth/index.js';
import { seedDefaultPlan } from '../plan/index.js';
import { type AgendaService, createAgendaService } from './index.js';

// Timing of the tick, getKpiBoard and getAgenda for one estate of 5,000 households and 150 staff
// with a quarter of visits. Run with AGENDA_BENCH=1 (and TEST_DATABASE_URL for PostgreSQL).
const NOW = new Date('2026-11-27T02:00:00Z');
const STAFF: [Role, number][] = [
  ['manager', 5],
  ['env_supervisor', 10],
  ['squad_leader', 15],
  ['butler', 20],
  ['guard', 60],
  ['cleaner', 30],
  ['technician', 10],
];

let database: Database;
let agenda: AgendaService;
let estate: TestEstate;
const people: { id: string; role: Role }[] = [];

function p99(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(s.length * 0.99) - 1)]!;
}

async function time<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
}

describe.skipIf(!process.env.AGENDA_BENCH)(`agenda benchmark (${engineName})`, () => {
  beforeAll(async () => {
    database = await createTestDb();
    const db = database.db;
    const clock = new FixedClock(NOW);
    const c = createContainer({ db, clock });
    agenda = createAgendaService({
      db,
      clock,
      audit: c.audit,
      plan: c.plan,
      visits: c.visits,
      serviceRequests: c.serviceRequests,
    });
    estate = await createEstate(db, 'big', { buildings: 50, floors: 25 }); // 5,000 rooms
    await seedDefaultPlan(db, estate.id, NOW);
    const rooms = await db.selectFrom('rooms').selectAll().where('estate_id', '=', estate.id).execute();
    const at = NOW.toISOString();
    const households = rooms.map((r) => ({
      estate_id: estate.id,
      id: newId(),
      room_id: r.id,
      building_id: r.building_id,
      room_code: r.room_code,
      room_sort: roomSortKey(r.room_code),
      occupancy: 'owner_occupied',
      care_flags: '[]',
      hobbies: '[]',
      skills: '[]',
      tags: '[]',
      custom_fields: '{}',
      created_at: at,
      updated_at: at,
    }));
    for (let i = 0; i < households.length; i += 500)
      await db
        .insertInto('households')
        .values(households.slice(i, i + 500))
        .execute();
    for (const [role, n] of STAFF)
      for (let i = 0; i < n; i++)
        people.push({ id: await createStaff(db, `${role}${i}`, role, [estate]), role });
    // A quarter of visits: E1 people 2 a week, squad leaders an advisory visit a month, guards
    // safety checks on 3,000 households this half-year.
    const visits: Record<string, unknown>[] = [];
    const visit = (visitor: string, kind: string, daysAgo: number, h: number) =>
      visits.push({
        estate_id: estate.id,
        id: newId(),
        household_id: households[h % households.length]!.id,
        visitor_id: visitor,
        visited_at: new Date(NOW.getTime() - daysAgo * 86_400_000).toISOString(),
        kind,
        hobbies: '[]',
        skills: '[]',
        write_back: '{"status":"not_requested","fields":[],"householdVersion":null}',
        created_at: at,
        created_by: visitor,
      });
    let h = 0;
    for (const p of people) {
      if (p.role === 'manager' || p.role === 'env_supervisor')
        for (let d = 1; d < 91; d += 3.5) visit(p.id, 'routine', d, h++);
      if (p.role === 'squad_leader') for (let d = 5; d < 91; d += 30) visit(p.id, 'advisory', d, h++);
    }
    const guards = people.filter((p) => p.role === 'guard');
    for (let i = 0; i < 3000; i++) visit(guards[i % guards.length]!.id, 'safety_check', (i % 140) + 1, i);
    for (let i = 0; i < visits.length; i += 500)
      await db
        .insertInto('visits')
        .values(visits.slice(i, i + 500) as never)
        .execute();
  }, 600_000);

  afterAll(async () => {
    await database?.close();
  });

  it('tick ≤ 2 s; getKpiBoard and getAgenda p99 ≤ 200 ms', async () => {
    const [first, r1] = await time(() => agenda.tick(estate.id));
    const [second, r2] = await time(() => agenda.tick(estate.id));
    expect(r1.created).toBe(45); // 15 × E1 (managers, supervisors), 15 × S4 and 15 × S5 (squad leaders)
    expect(r2.created).toBe(0);
    const admin = systemActor([estate.id]);
    const board: number[] = [];
    for (let i = 0; i < 50; i++) board.push((await time(() => agenda.getKpiBoard(admin, estate.id)))[0]);
    const sup = people.find((p) => p.role === 'env_supervisor')!;
    const me: Actor = {
      id: sup.id,
      role: 'env_supervisor',
      displayName: 'x',
      estateIds: [estate.id],
      allEstates: false,
      ip: null,
      lang: 'zh-CN',
    };
    const ag: number[] = [];
    for (let i = 0; i < 50; i++) ag.push((await time(() => agenda.getAgenda(me, { date: '2026-11-27' })))[0]);
    const [nextWeek, r3] = await time(() => agenda.tick(estate.id, '2026-11-30'));
    const suggested = (await agenda.getAgenda(me, { date: '2026-11-27' })).suggestions.length;
    const result = {
      engine: engineName,
      tickFirstMs: Math.round(first),
      tickAgainMs: Math.round(second),
      tickNextWeekMs: Math.round(nextWeek),
      nextWeek: r3,
      kpiBoardP50Ms: Math.round([...board].sort((a, b) => a - b)[25]!),
      kpiBoardP99Ms: Math.round(p99(board)),
      agendaP99Ms: Math.round(p99(ag)),
      agendaSuggested: suggested,
    };
    // Figures are reported, not asserted: speed targets belong to benchmarks, not to tests
    // (targets: first tick ≤ 2 s, getKpiBoard p99 ≤ 200 ms for one estate).
    console.log(JSON.stringify(result));
  }, 120_000);
});
