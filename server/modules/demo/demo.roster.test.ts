import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skillsMatch } from '../../../contract/service-requests.js';
import { createTestDb } from '../../../test/helpers/test-db.js';
import { createContainer } from '../../container.js';
import type { Database } from '../../db/database.js';
import { FixedClock } from '../../lib/clock.js';
import { fromJson } from '../../lib/dates.js';
import { type Actor, systemActor } from '../auth/index.js';
import { seedDemo } from './index.js';

// Friday 2026-11-27 10:00 in Beijing.
const NOW = new Date('2026-11-27T02:00:00Z');

let d: Database;
let estateId: string;
let c: ReturnType<typeof createContainer>;
let manager: Actor;

async function rosterByName(db: Database['db'], id: string) {
  const rows = await db
    .selectFrom('duty_patterns as p')
    .innerJoin('accounts as a', 'a.id', 'p.account_id')
    .select(['a.display_name', 'p.shifts'])
    .where('p.estate_id', '=', id)
    .orderBy('a.display_name')
    .execute();
  return rows.map((r) => [r.display_name, fromJson(r.shifts, [])]);
}

beforeAll(async () => {
  d = await createTestDb();
  await seedDemo(d.db, {
    password: 'demo-pass-1234',
    now: NOW,
    seed: 7,
    estates: 1,
    householdsPerEstate: 20,
  });
  estateId = (
    await d.db.selectFrom('estates').select('id').where('code', '=', 'lvyuan').executeTakeFirstOrThrow()
  ).id;
  const clock = new FixedClock(NOW);
  c = createContainer({ db: d.db, clock });
  manager = { ...systemActor([estateId]), role: 'manager', allEstates: false, id: 'demo-manager' };
}, 60_000);
afterAll(async () => d?.close());

describe('demo technicians and their roster', () => {
  it("every technician's skills match a category of the technical catalog, and every category has someone", async () => {
    const catalog = await c.serviceRequests.listCatalog(manager, estateId);
    const categories = [
      ...new Set(catalog.filter((e) => e.team === 'technical').map((e) => e.category)),
    ].filter((x) => x !== 'loan');
    const roster = await c.roster.getRoster(manager, estateId, { team: 'technical' });
    const techs = roster.teams[0]!.members;
    expect(techs.length).toBeGreaterThanOrEqual(4);
    for (const t of techs) expect(categories.some((cat) => skillsMatch(t.skills, cat))).toBe(true);
    for (const cat of categories) expect(techs.some((t) => skillsMatch(t.skills, cat))).toBe(true);
  });

  it('suggestions for a faucet repair find a matching plumber and know who is on duty', async () => {
    const faucet = (await c.serviceRequests.listCatalog(manager, estateId)).find(
      (e) => e.code === 'T8.faucet',
    )!;
    const req = await c.serviceRequests.create(systemActor([estateId]), {
      estateId,
      catalogId: faucet.id,
      location: '1栋',
      priority: 'normal',
      description: '水龙头漏水',
      channel: 'phone',
    });
    const s = await c.serviceRequests.suggestAssignees(systemActor([estateId]), req.id);
    expect(s.some((x) => x.skillMatch)).toBe(true);
    expect(s.every((x) => x.onDuty !== null)).toBe(true);
    expect(s[0]!.onDuty).toBe(true);
  });

  it('security and technical teams have someone on duty every hour of the week (nights included)', async () => {
    for (const team of ['security', 'technical']) {
      const cov = await c.roster.coverage(estateId, team, new Date(NOW.getTime() - 14 * 86_400_000), NOW);
      expect(cov).toHaveLength(168);
      expect(Math.min(...cov!)).toBeGreaterThan(0);
    }
    const peaks = await c.loans.demandPeaks(manager, estateId, { weeks: 4, team: 'technical' });
    expect(peaks.rosterSource).toBe('roster');
  });

  it('the same seed gives the same roster', async () => {
    const other = await createTestDb();
    try {
      await seedDemo(other.db, {
        password: 'demo-pass-1234',
        now: NOW,
        seed: 7,
        estates: 1,
        householdsPerEstate: 20,
      });
      const id2 = (await other.db.selectFrom('estates').select('id').executeTakeFirstOrThrow()).id;
      expect(await rosterByName(other.db, id2)).toEqual(await rosterByName(d.db, estateId));
    } finally {
      await other.close();
    }
  }, 60_000);
});
