import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, engineName } from '../../../test/helpers/test-db.js';
import { type Container, createContainer } from '../../container.js';
import type { Database } from '../../db/database.js';
import { FixedClock } from '../../lib/clock.js';
import { systemActor } from '../auth/index.js';
import { seedDemo, seedDemoActivity } from '../demo/index.js';

const NOW = new Date('2026-11-27T02:00:00.000Z'); // Friday 10:00 in Beijing, 2026-Q4

describe(`demo organizations and care plan on ${engineName}`, () => {
  let d: Database;
  let c: Container;
  let estateId: string;

  beforeAll(async () => {
    d = await createTestDb();
    await seedDemo(d.db, { password: 'Demo-garden-2026', now: NOW, seed: 7, householdsPerEstate: 300 });
    c = createContainer({ db: d.db, clock: new FixedClock(NOW) });
    estateId = (await seedDemoActivity(c, { now: NOW, seed: 7 })).estateId;
  }, 120_000);
  afterAll(async () => {
    await d?.close();
  });

  it('seeds four organizations with members, contacts and one open follow-up', async () => {
    const actor = systemActor([estateId]);
    const orgs = await c.organizations.list(actor, estateId);
    expect(orgs.map((o) => o.name).sort()).toEqual(
      ['业主委员会', '翰墨书画社', '晨曦舞蹈队', '老年协会'].sort(),
    );
    expect(orgs.every((o) => o.memberCount > 0 && o.lastContactAt)).toBe(true);
    expect(orgs.reduce((n, o) => n + o.openFollowUps, 0)).toBe(1);
    const committee = await c.organizations.get(actor, orgs.find((o) => o.kind === 'owners_committee')!.id);
    expect(
      committee.members
        .slice(0, 2)
        .map((m) => m.role)
        .sort(),
    ).toEqual(['主任', '副主任'].sort());
  });

  it("copies last quarter's care plan into this one, partly done, and the KPI board shows it", async () => {
    const actor = systemActor([estateId]);
    const plan = await c.carePlan.get(actor, estateId);
    expect(plan.quarter).toBe('2026-Q4');
    expect(plan.total).toBe(5);
    expect(plan.done).toBe(3);
    expect(plan.items.filter((i) => i.copiedFrom).length).toBe(4);
    const last = await c.carePlan.get(actor, estateId, '2026-Q3');
    expect(last).toMatchObject({ total: 4, done: 4 });
    const board = await c.agenda.getKpiBoard(actor, estateId);
    const row = (code: string) => board.rows.find((r) => r.measureCode === code)!;
    expect(row('C4').latestEvidence?.type).toBe('organization_contact');
    expect(row('C7').latestEvidence?.summary).toBe('2026-Q4 关怀计划已完成 3/5 项');
  });
});
