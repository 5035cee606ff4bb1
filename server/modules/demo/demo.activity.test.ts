import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf as sharedActorOf } from '../../../test/helpers/factories.js';
import { createTestDb, engineName } from '../../../test/helpers/test-db.js';
import { type Container, createContainer } from '../../container.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { FixedClock } from '../../lib/clock.js';
import { type DemoActivitySummary, seedDemo, seedDemoActivity } from './index.js';

const NOW = new Date('2026-11-27T02:00:00.000Z'); // Friday 10:00 in Beijing

describe(`demo activity on ${engineName}`, () => {
  let d: Database;
  let db: Kysely<DB>;
  let c: Container;
  let clock: FixedClock;
  let summary: DemoActivitySummary;
  let ms: number;

  const actorOf = (username: string) => sharedActorOf(db, username, summary.estateId);

  beforeAll(async () => {
    d = await createTestDb();
    db = d.db;
    await seedDemo(db, { password: 'Demo-garden-2026', now: NOW, seed: 7, householdsPerEstate: 300 });
    clock = new FixedClock(NOW);
    c = createContainer({ db, clock });
    const t0 = performance.now();
    summary = await seedDemoActivity(c, { now: NOW, seed: 7 });
    ms = performance.now() - t0;
    console.log(`demo activity (${engineName}): ${Math.round(ms)} ms`, summary);
  });

  afterAll(async () => {
    await d?.close();
  });

  it('creates the history quickly and leaves the clock at now', () => {
    expect(clock.now().toISOString()).toBe(NOW.toISOString());
    expect(summary.requests).toBeGreaterThanOrEqual(50);
    expect(summary.visits).toBeGreaterThan(30);
    expect(summary.ratings).toBeGreaterThan(10);
    expect(summary.loyalMembers).toBeGreaterThanOrEqual(12);
    expect(ms).toBeLessThan(15_000);
  });

  it('fills the KPI board of this month: E1 partly kept', async () => {
    const board = await c.agenda.getKpiBoard(await actorOf('manager'), summary.estateId);
    const e1 = board.rows.find((r) => r.measureCode === 'E1' && r.status === 'ok')!;
    expect(e1).toBeDefined();
    expect(e1.actual).toBeGreaterThan(0);
    expect(e1.compliance).toBeGreaterThan(0);
    expect(e1.compliance).toBeLessThan(1);
    const s4 = board.rows.find((r) => r.measureCode === 'S4' && r.status === 'ok')!;
    expect(s4.actual).toBeGreaterThan(0);
  });

  it('closes past agenda tasks as done or missed and opens this week', async () => {
    const tasks = await db
      .selectFrom('agenda_tasks')
      .select(['status', 'period_start', 'measure_code', 'progress'])
      .where('estate_id', '=', summary.estateId)
      .execute();
    const statuses = new Set(tasks.map((t) => t.status));
    expect(statuses.has('done')).toBe(true);
    expect(statuses.has('missed')).toBe(true);
    // This week's E1 visits: one done, the second planned for this afternoon.
    const thisWeek = tasks.filter((t) => t.measure_code === 'E1' && t.period_start === '2026-11-23');
    expect(thisWeek.length).toBe(2);
    expect(thisWeek.every((t) => t.status === 'open' && Number(t.progress) === 1)).toBe(true);
  });

  it('gives the demo technician open jobs', async () => {
    const page = await c.serviceRequests.list(await actorOf('tech'), {
      assignee: 'me',
      status: 'open',
      limit: 50,
    });
    expect(page.items.length).toBeGreaterThan(0);
    const done = await db
      .selectFrom('service_requests')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('estate_id', '=', summary.estateId)
      .where('status', '=', 'completed')
      .executeTakeFirstOrThrow();
    expect(Number(done.n)).toBeGreaterThan(40);
  });

  it('has low-score and routine revisits', async () => {
    const rows = await db
      .selectFrom('revisits')
      .select(['kind', 'status'])
      .where('estate_id', '=', summary.estateId)
      .execute();
    expect(rows.some((r) => r.kind === 'low_score')).toBe(true);
    expect(rows.some((r) => r.kind === 'routine_30d' && r.status === 'done')).toBe(true);
    expect(rows.some((r) => r.kind === 'routine_30d' && r.status === 'open')).toBe(true);
  });

  it('has an overdue trolley', async () => {
    const page = await c.loans.list(await actorOf('guard'), {
      estateId: summary.estateId,
      status: 'overdue',
      limit: 50,
    });
    expect(page.items.length).toBe(1);
  });

  it('shows weather, a notice and a greeting on the main entrance board', async () => {
    const e = await db
      .selectFrom('entrances')
      .select('board_token')
      .where('estate_id', '=', summary.estateId)
      .where('is_main', '=', 1)
      .executeTakeFirstOrThrow();
    const board = await c.board.getBoard(e.board_token);
    expect(board.weather.today.forecast).not.toBeNull();
    expect(board.weather.tomorrow.forecast).not.toBeNull();
    expect(board.notices.some((n) => n.textZh.includes('停水'))).toBe(true);
  });

  it('records the work in the audit log under the staff, not the system', async () => {
    const rows = await db
      .selectFrom('audit_events')
      .select(['action', 'actor_id'])
      .where('action', 'in', ['visit.create', 'service_request.complete'])
      .execute();
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.every((r) => r.actor_id && r.actor_id !== 'system')).toBe(true);
  });
});
