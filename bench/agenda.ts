/**
 * Bench data and timings of the service-plan engine (issue 4): an estate of 5,000 households and
 * 150 staff with its default plan, a quarter of visits and revisits, and the timings of the
 * scheduler tick, getKpiBoard and getAgenda called in process (one user, one call at a time),
 * reported next to a primary-key read measured in the same run (the in-process baseline).
 * With BENCH_AGENDA_ESTATES=200 on PostgreSQL, 199 more such estates (1,000,000 households in
 * all) are loaded and the tick over every estate is timed (minutes: opt-in).
 */
import type { Kysely } from 'kysely';
import type { Role } from '../contract/auth.js';
import { createContainer } from '../server/container.js';
import type { DB } from '../server/db/schema.js';
import { FixedClock } from '../server/lib/clock.js';
import { newId } from '../server/lib/ids.js';
import { type Actor, systemActor } from '../server/modules/auth/index.js';
import { hashPassword } from '../server/modules/auth/password.js';
import { loadBulkHouseholds } from '../server/modules/demo/index.js';
import { seedDefaultPlan } from '../server/modules/plan/index.js';
import { seedDefaultCatalog } from '../server/modules/service-requests/index.js';

const DAY = 86_400_000;
/** 150 staff per estate, as a large estate has them. */
const STAFF: [Role, number][] = [
  ['manager', 5],
  ['env_supervisor', 10],
  ['squad_leader', 15],
  ['butler', 20],
  ['guard', 60],
  ['cleaner', 30],
  ['technician', 10],
];

export interface AgendaEstate {
  estateId: string;
  /** Usernames that can log in (with the bench password): a manager and an env supervisor. */
  managerUsername: string | null;
  supervisorUsername: string | null;
  supervisorId: string;
}

async function insertBatches(
  db: Kysely<DB>,
  table: 'accounts' | 'staff_assignments' | 'visits' | 'service_requests' | 'revisits',
  rows: object[],
) {
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 500) as never)
      .execute();
}

/**
 * One estate: `households` archives, the default plan, 150 staff, a quarter of visits (E1 people
 * twice a week, squad leaders an advisory visit a month, guards safety checks on 60 % of the
 * households this half-year) and 300 revisits over 12 weeks (low-score, one-month and front-line,
 * most done on time, some late, some still open).
 */
export async function loadAgendaEstate(
  db: Kysely<DB>,
  o: { code: string; households: number; now: Date; password: string | null },
): Promise<AgendaEstate> {
  const { now } = o;
  const at = now.toISOString();
  const { estateId } = await loadBulkHouseholds(db, { estateCode: o.code, households: o.households, now });
  await seedDefaultPlan(db, estateId, now);
  await seedDefaultCatalog(db, estateId, now);
  const entry = await db
    .selectFrom('service_catalog')
    .select(['id', 'code', 'name_zh', 'name_en'])
    .where('estate_id', '=', estateId)
    .where('team_code', '=', 'technical')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  const hash = o.password ? await hashPassword(o.password) : 'x';
  const people: { id: string; role: Role; username: string }[] = [];
  for (const [role, n] of STAFF)
    for (let i = 0; i < n; i++) people.push({ id: newId(), role, username: `${o.code}-${role}-${i}` });
  const login = (p: { role: Role; username: string }) =>
    o.password && (p.username.endsWith('manager-0') || p.username.endsWith('env_supervisor-0'));
  await insertBatches(
    db,
    'accounts',
    people.map((p) => ({
      id: p.id,
      username: p.username,
      phone: null,
      display_name: p.username,
      role: p.role,
      password_hash: login(p) ? hash : 'x',
      created_at: at,
      updated_at: at,
      created_by: null,
    })),
  );
  await insertBatches(
    db,
    'staff_assignments',
    people.map((p) => ({
      estate_id: estateId,
      account_id: p.id,
      team_id: null,
      position: null,
      skills: '[]',
      created_at: at,
    })),
  );
  const households = await db
    .selectFrom('households')
    .select(['id', 'room_code'])
    .where('estate_id', '=', estateId)
    .orderBy('id')
    .execute();
  const visits: object[] = [];
  const visit = (visitor: string, kind: string, daysAgo: number, h: number) =>
    visits.push({
      estate_id: estateId,
      id: newId(),
      household_id: households[h % households.length]!.id,
      visitor_id: visitor,
      visited_at: new Date(now.getTime() - daysAgo * DAY).toISOString(),
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
  const checks = Math.floor(households.length * 0.6);
  for (let i = 0; i < checks; i++) visit(guards[i % guards.length]!.id, 'safety_check', (i % 140) + 1, i);
  await insertBatches(db, 'visits', visits);

  // 300 completed repairs of the last 12 weeks, each with one revisit.
  const techs = people.filter((p) => p.role === 'technician');
  const requests: object[] = [];
  const revisits: object[] = [];
  const KINDS = ['low_score', 'routine_30d', 'front_line_follow_up'] as const;
  for (let i = 0; i < 300; i++) {
    const hh = households[(i * 17) % households.length]!;
    const tech = techs[i % techs.length]!;
    const completed = new Date(now.getTime() - (i % 84) * DAY - 3_600_000);
    const kind = KINDS[i % 3]!;
    const due = new Date(
      completed.getTime() + (kind === 'low_score' ? 2 : kind === 'routine_30d' ? 30 : 7) * DAY,
    );
    const id = newId();
    const c = completed.toISOString();
    requests.push({
      estate_id: estateId,
      id,
      household_id: hh.id,
      room_code: hh.room_code,
      location: null,
      catalog_id: entry.id,
      catalog_code: entry.code,
      service_name_zh: entry.name_zh,
      service_name_en: entry.name_en,
      team_code: 'technical',
      priority: 'normal',
      description: '压测数据：水龙头漏水',
      channel: 'phone',
      taken_by: tech.id,
      taken_by_name: tech.username,
      status: 'completed',
      assignee_id: tech.id,
      assignee_name: tech.username,
      care: 0,
      care_flags: '[]',
      response_due_at: c,
      completion_due_at: c,
      due_at: c,
      assigned_at: c,
      accepted_at: c,
      started_at: c,
      completed_at: c,
      cancelled_at: null,
      cancelled_by: null,
      cancel_reason: null,
      notes: null,
      materials: null,
      material_cost_fen: null,
      minutes_spent: 30,
      charge_kind: 'free',
      charged_fen: null,
      free_basis: null,
      free_reason: null,
      version: 1,
      created_at: c,
      updated_at: c,
      created_by: null,
      updated_by: null,
    });
    // Four in five done (one of them late), the rest still open.
    const state = due > now || i % 5 === 4 ? 'open' : 'done';
    const doneAt = new Date(due.getTime() + (i % 5 === 3 ? DAY : -DAY)).toISOString();
    revisits.push({
      estate_id: estateId,
      id: newId(),
      request_id: id,
      kind,
      card_id: null,
      household_id: hh.id,
      room_code: hh.room_code,
      service_name_zh: entry.name_zh,
      team_code: 'technical',
      technician_id: tech.id,
      owner_id: tech.id,
      owner_name: tech.username,
      reason: null,
      due_at: due.toISOString(),
      status: state,
      analysis: null,
      adjustment: null,
      outcome: state === 'done' ? '住户满意' : null,
      completed_at: state === 'done' ? doneAt : null,
      completed_by: state === 'done' ? tech.id : null,
      completed_by_name: state === 'done' ? tech.username : null,
      version: 1,
      created_at: c,
      updated_at: c,
      created_by: 'system',
    });
  }
  await insertBatches(db, 'service_requests', requests);
  await insertBatches(db, 'revisits', revisits);
  const sup = people.find((p) => p.role === 'env_supervisor')!;
  return {
    estateId,
    managerUsername: o.password ? `${o.code}-manager-0` : null,
    supervisorUsername: o.password ? sup.username : null,
    supervisorId: sup.id,
  };
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(s.length * q) - 1))]!;
};
const round = (n: number) => Math.round(n * 100) / 100;

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
}

export interface AgendaTimings {
  engine: string;
  households: number;
  staff: number;
  /** Mean of a household primary-key read through Kysely: the in-process baseline. */
  baselinePkReadMs: number;
  tickFirstMs: number;
  tickAgainMs: number;
  tasksCreated: number;
  kpiBoardP50Ms: number;
  kpiBoardP99Ms: number;
  agendaP50Ms: number;
  agendaP99Ms: number;
  /** Each timing divided by the baseline (how many primary-key reads it costs). */
  ratios: { tickFirst: number; kpiBoardP99: number; agendaP99: number };
  targets: { tickMs: 2000; kpiBoardP99Ms: 200 };
  met: { tick: boolean; kpiBoardP99: boolean };
  /** BENCH_AGENDA_ESTATES on PostgreSQL: the tick over every estate. */
  allEstates?: {
    estates: number;
    households: number;
    loadSeconds: number;
    tickAllMs: number;
    tickAllAgainMs: number;
  };
}

/** Times the tick (first and again), getKpiBoard and getAgenda (n sequential calls each). */
export async function measureAgenda(
  db: Kysely<DB>,
  engine: string,
  e: AgendaEstate,
  households: number,
  n = 50,
): Promise<AgendaTimings> {
  const clock = new FixedClock(new Date());
  const c = createContainer({ db, clock });
  const ids = (
    await db.selectFrom('households').select('id').where('estate_id', '=', e.estateId).limit(1000).execute()
  ).map((r) => r.id);
  let pk = 0;
  for (let round = 0; round < 2; round++) {
    // The first round warms the statement cache; the second is measured.
    const t = performance.now();
    for (const id of ids)
      await db.selectFrom('households').selectAll().where('id', '=', id).executeTakeFirst();
    pk = (performance.now() - t) / ids.length;
  }
  const [first, r1] = await timed(() => c.agenda.tick(e.estateId));
  const [again] = await timed(() => c.agenda.tick(e.estateId));
  const admin = systemActor([e.estateId]);
  const board: number[] = [];
  for (let i = 0; i < n; i++) board.push((await timed(() => c.agenda.getKpiBoard(admin, e.estateId)))[0]);
  const me: Actor = {
    id: e.supervisorId,
    role: 'env_supervisor',
    displayName: 'bench',
    estateIds: [e.estateId],
    allEstates: false,
    ip: null,
    lang: 'zh-CN',
  };
  const agenda: number[] = [];
  for (let i = 0; i < n; i++) agenda.push((await timed(() => c.agenda.getAgenda(me, {})))[0]);
  const kpi99 = quantile(board, 0.99);
  const ag99 = quantile(agenda, 0.99);
  return {
    engine,
    households,
    staff: STAFF.reduce((s, [, k]) => s + k, 0),
    baselinePkReadMs: round(pk),
    tickFirstMs: Math.round(first),
    tickAgainMs: Math.round(again),
    tasksCreated: r1.created,
    kpiBoardP50Ms: round(quantile(board, 0.5)),
    kpiBoardP99Ms: round(kpi99),
    agendaP50Ms: round(quantile(agenda, 0.5)),
    agendaP99Ms: round(ag99),
    ratios: {
      tickFirst: Math.round(first / pk),
      kpiBoardP99: Math.round(kpi99 / pk),
      agendaP99: Math.round(ag99 / pk),
    },
    targets: { tickMs: 2000, kpiBoardP99Ms: 200 },
    met: { tick: first <= 2000, kpiBoardP99: kpi99 <= 200 },
  };
}

/**
 * `extra` more estates of `households` each, then the tick over every estate of the database
 * (first run creates the period's tasks, the second finds nothing to do).
 */
export async function measureManyEstates(db: Kysely<DB>, extra: number, households: number) {
  const now = new Date();
  const t0 = performance.now();
  for (let i = 0; i < extra; i++) {
    await loadAgendaEstate(db, { code: `agenda${i + 2}`, households, now, password: null });
    if ((i + 1) % 20 === 0) console.log(`  loaded ${i + 1} / ${extra} more estates`);
  }
  const loadSeconds = (performance.now() - t0) / 1000;
  const c = createContainer({ db, clock: new FixedClock(now) });
  const [tickAllMs] = await timed(() => c.agenda.tickAll());
  const [tickAllAgainMs] = await timed(() => c.agenda.tickAll());
  return {
    estates: extra + 1,
    households: (extra + 1) * households,
    loadSeconds: Math.round(loadSeconds),
    tickAllMs: Math.round(tickAllMs),
    tickAllAgainMs: Math.round(tickAllAgainMs),
  };
}
