import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, engineName } from '../../../test/helpers/test-db.js';
import { type Container, createContainer } from '../../container.js';
import type { Database } from '../../db/database.js';
import { FixedClock } from '../../lib/clock.js';
import type { Actor } from '../auth/index.js';
import { type DemoActivitySummary, seedDemo, seedDemoActivity } from './index.js';

const NOW = new Date('2026-11-27T02:00:00.000Z'); // Friday 10:00 in Beijing

interface Seeded {
  d: Database;
  c: Container;
  summary: DemoActivitySummary;
}

async function seeded(): Promise<Seeded> {
  const d = await createTestDb();
  await seedDemo(d.db, { password: 'Demo-garden-2026', now: NOW, seed: 7, householdsPerEstate: 300 });
  const c = createContainer({ db: d.db, clock: new FixedClock(NOW) });
  const summary = await seedDemoActivity(c, { now: NOW, seed: 7 });
  return { d, c, summary };
}

/** What a user would compare between two fresh demos: the follow-up records and their times. */
async function fingerprint(s: Seeded) {
  const db = s.d.db;
  const iso = (v: unknown) => (v === null ? null : new Date(v as string).toISOString());
  const revisits = await db
    .selectFrom('revisits')
    .select(['kind', 'status', 'room_code', 'due_at', 'completed_at'])
    .where('estate_id', '=', s.summary.estateId)
    .execute();
  const cards = await db
    .selectFrom('rating_cards')
    .select(['overall', 'comment', 'submitted_at', 'replied_at'])
    .where('estate_id', '=', s.summary.estateId)
    .where('status', '=', 'submitted')
    .execute();
  const checks = await db
    .selectFrom('visits as v')
    .innerJoin('households as h', 'h.id', 'v.household_id')
    .select(['h.room_code', 'v.visited_at', 'v.notes'])
    .where('v.estate_id', '=', s.summary.estateId)
    .where('v.kind', '=', 'safety_check')
    .execute();
  return {
    revisits: revisits
      .map((r) => [r.kind, r.status, r.room_code, iso(r.due_at), iso(r.completed_at)].join('|'))
      .sort(),
    cards: cards.map((r) => [r.overall, r.comment, iso(r.submitted_at), iso(r.replied_at)].join('|')).sort(),
    checks: checks.map((r) => [r.room_code, iso(r.visited_at), r.notes].join('|')).sort(),
  };
}

describe(`demo follow-ups (T4, T6, E15, S2) on ${engineName}`, () => {
  let a: Seeded;
  let manager: Actor;

  beforeAll(async () => {
    a = await seeded();
    const m = await a.d.db
      .selectFrom('accounts')
      .select(['id', 'role', 'display_name'])
      .where('username', '=', 'manager')
      .executeTakeFirstOrThrow();
    manager = {
      id: m.id,
      role: m.role as Actor['role'],
      displayName: m.display_name,
      estateIds: [a.summary.estateId],
      allEstates: false,
      ip: null,
      lang: 'zh-CN',
    };
  });
  afterAll(async () => {
    await a?.d.close();
  });

  it('the KPI board shows believable, non-trivial follow-up figures this month', async () => {
    const board = await a.c.agenda.getKpiBoard(manager, a.summary.estateId);
    for (const code of ['T4', 'T6', 'E15', 'S2']) {
      const row = board.rows.find((r) => r.measureCode === code && r.status === 'ok');
      expect(row, code).toBeDefined();
      expect(row!.actual, code).toBeGreaterThan(0);
      expect(row!.compliance, code).toBeGreaterThan(0);
      expect(row!.compliance, code).toBeLessThan(1);
    }
  });

  it('low scores have comments, replies and written analyses; the newest is still open', async () => {
    const db = a.d.db;
    const low = await db
      .selectFrom('rating_cards')
      .select(['comment', 'replied_at'])
      .where('estate_id', '=', a.summary.estateId)
      .where('overall', '<=', 3)
      .execute();
    expect(low.length).toBeGreaterThanOrEqual(3);
    expect(low.every((c) => c.comment)).toBe(true);
    expect(low.filter((c) => c.replied_at).length).toBeGreaterThan(low.length / 2);
    const revisits = await db
      .selectFrom('revisits')
      .select(['status', 'analysis', 'due_at', 'completed_at'])
      .where('estate_id', '=', a.summary.estateId)
      .where('kind', '=', 'low_score')
      .execute();
    const done = revisits.filter((r) => r.status === 'done');
    expect(done.length).toBeGreaterThanOrEqual(2);
    expect(done.every((r) => (r.analysis ?? '').length >= 10)).toBe(true);
    expect(revisits.some((r) => r.status === 'open')).toBe(true);
  });

  it("the guards' safety checks cover part of the estate, recorded by guards", async () => {
    const rows = await a.d.db
      .selectFrom('visits as v')
      .innerJoin('accounts as a', 'a.id', 'v.visitor_id')
      .select(['a.role', 'v.household_id'])
      .where('v.estate_id', '=', a.summary.estateId)
      .where('v.kind', '=', 'safety_check')
      .execute();
    expect(rows.length).toBeGreaterThan(20);
    expect(rows.every((r) => r.role === 'guard')).toBe(true);
    expect(new Set(rows.map((r) => r.household_id)).size).toBe(rows.length);
  });

  it('a second demo with the same seed has the same follow-ups', async () => {
    const b = await seeded();
    try {
      expect(await fingerprint(b)).toEqual(await fingerprint(a));
    } finally {
      await b.d.close();
    }
  });
});
