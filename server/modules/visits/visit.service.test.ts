import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEstate, createStaff, roomSortKey, type TestEstate } from '../../../test/helpers/factories.js';
import { createTestDb } from '../../../test/helpers/test-db.js';
import { type Container, createContainer } from '../../container.js';
import type { Database } from '../../db/database.js';
import { FixedClock } from '../../lib/clock.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { type Actor, systemActor } from '../auth/index.js';
import { createVisitService, type VisitService } from './index.js';

// Friday 2026-11-27 10:00 Beijing; the week runs Mon 11-23 00:00 (= 11-22T16:00Z) to Mon 11-30.
const NOW = new Date('2026-11-27T02:00:00Z');
const WEEK_FROM = new Date('2026-11-22T16:00:00Z');
const WEEK_TO = new Date('2026-11-29T16:00:00Z');

let database: Database;
let c: Container;
let visits: VisitService;
let clock: FixedClock;
let estate: TestEstate;
let supervisor: Actor;
let manager: Actor;
const hh: string[] = [];

function actor(id: string, role: Actor['role'], estateIds: string[]): Actor {
  return { id, role, displayName: `${role}-name`, estateIds, allEstates: false, ip: null, lang: 'zh-CN' };
}

beforeAll(async () => {
  database = await createTestDb();
  clock = new FixedClock(NOW);
  c = createContainer({ db: database.db, clock });
  visits = createVisitService({ db: database.db, clock, audit: c.audit, households: c.households });
  estate = await createEstate(database.db, 'kpi', { buildings: 1, floors: 2 });
  supervisor = actor(
    await createStaff(database.db, 'sup', 'env_supervisor', [estate], 'environment'),
    'env_supervisor',
    [estate.id],
  );
  manager = actor(await createStaff(database.db, 'mgr', 'manager', [estate], 'management'), 'manager', [
    estate.id,
  ]);
  for (let i = 0; i < 4; i++) {
    const h = await c.households.create(systemActor([estate.id]), {
      estateId: estate.id,
      roomId: estate.roomIds[i]!,
      occupancy: 'owner_occupied',
    });
    hh.push(h.id);
  }
});
afterAll(async () => database?.close());

describe('counting visits for commitments', () => {
  it('countVisits, countVisitsByVisitor and visitedHouseholds over a week', async () => {
    const at = (iso: string) => new Date(iso).toISOString();
    const rec = (who: Actor, householdId: string, kind: string, visitedAt: string) =>
      visits.create(who, { householdId, kind: kind as 'routine', visitedAt: at(visitedAt) });
    await rec(supervisor, hh[0]!, 'routine', '2026-11-22T15:59:59Z'); // Sunday 23:59 Beijing: last week
    await rec(supervisor, hh[0]!, 'routine', '2026-11-22T16:00:00Z'); // Monday 00:00: this week
    await rec(supervisor, hh[1]!, 'advisory', '2026-11-25T03:00:00Z');
    await rec(manager, hh[1]!, 'follow_up', '2026-11-26T03:00:00Z');
    await rec(manager, hh[2]!, 'safety_check', '2026-11-27T01:00:00Z');

    const week = { from: WEEK_FROM, to: WEEK_TO };
    expect(await visits.countVisits(estate.id, week)).toBe(4);
    expect(await visits.countVisits(estate.id, { ...week, visitorId: supervisor.id })).toBe(2);
    expect(await visits.countVisits(estate.id, { ...week, kinds: ['advisory'] })).toBe(1);
    expect(await visits.countVisits(estate.id, { ...week, visitorId: manager.id, kinds: ['advisory'] })).toBe(
      0,
    );
    expect(
      await visits.countVisits(estate.id, { from: '2026-11-15T16:00:00Z', to: WEEK_FROM.toISOString() }),
    ).toBe(1);
    const byVisitor = await visits.countVisitsByVisitor(estate.id, week);
    expect(Object.fromEntries(byVisitor)).toEqual({ [supervisor.id]: 2, [manager.id]: 2 });
    expect((await visits.visitedHouseholds(estate.id, undefined, WEEK_FROM, WEEK_TO)).sort()).toEqual(
      [hh[0], hh[1], hh[2]].sort(),
    );
    expect(await visits.visitedHouseholds(estate.id, ['safety_check'], WEEK_FROM, WEEK_TO)).toEqual([hh[2]]);
    expect(await visits.countVisits(newId(), week)).toBe(0);
  });
});

describe('write-back when the archive changes at the same moment', () => {
  it('reloads and retries after a version conflict, and reports a lasting conflict without failing', async () => {
    let fails = 1;
    const calls: number[] = [];
    const households = {
      load: c.households.load,
      update: async (a: Actor, id: string, body: any) => {
        calls.push(body.version);
        if (fails-- > 0) throw CommonErrors.make('VERSION_CONFLICT', { current: 99 });
        return c.households.update(a, id, body);
      },
    };
    const svc = createVisitService({ db: database.db, clock, audit: c.audit, households });
    const v = await svc.create(supervisor, {
      householdId: hh[3]!,
      kind: 'routine',
      writeBack: { hobbies: ['钓鱼'] },
    });
    expect(v.writeBack).toEqual({ status: 'applied', fields: ['hobbies'], householdVersion: 2 });
    expect(calls).toEqual([1, 1]);

    fails = 10;
    const stuck = await svc.create(supervisor, {
      householdId: hh[3]!,
      kind: 'routine',
      writeBack: { hobbies: ['象棋'] },
    });
    expect(stuck.writeBack.status).toBe('conflict');
    expect((await visits.get(manager, stuck.id)).writeBack.status).toBe('conflict');
  });
});

describe('suggestions on a large estate', () => {
  it('ranks 5,000 households in two queries, fast', async () => {
    const big = await createEstate(database.db, 'big', { buildings: 1, floors: 1 });
    const unit = big.unitIds[0]!;
    const building = big.buildingIds[0]!;
    const now = NOW.toISOString();
    const households: string[] = [];
    for (let start = 0; start < 5000; start += 250) {
      const rooms = [];
      const rows = [];
      for (let i = start; i < start + 250; i++) {
        const roomId = newId();
        const code = `1-1-${1000 + i}`;
        rooms.push({
          estate_id: big.id,
          id: roomId,
          building_id: building,
          unit_id: unit,
          number: String(1000 + i),
          floor: 1,
          area_m2: 80,
          room_code: code,
        });
        const id = newId();
        households.push(id);
        rows.push({
          estate_id: big.id,
          id,
          room_id: roomId,
          building_id: building,
          room_code: code,
          room_sort: roomSortKey(code),
          occupancy: 'owner_occupied',
          move_in_date: null,
          family_structure: null,
          care_flags: i % 97 === 0 ? '["elderly"]' : '[]',
          hobbies: '[]',
          skills: '[]',
          tags: '[]',
          preferred_channel: null,
          preferred_hours: null,
          notes: null,
          custom_fields: '{}',
          primary_name: null,
          created_at: now,
          updated_at: now,
          created_by: null,
          updated_by: null,
        });
      }
      await database.db.insertInto('rooms').values(rooms).execute();
      await database.db.insertInto('households').values(rows).execute();
    }
    // 4,000 of them visited once, at different times; 1,000 never.
    for (let start = 0; start < 4000; start += 250) {
      await database.db
        .insertInto('visits')
        .values(
          households.slice(start, start + 250).map((h, k) => ({
            estate_id: big.id,
            id: newId(),
            household_id: h,
            visitor_id: manager.id,
            visited_at: new Date(NOW.getTime() - (start + k + 1) * 60_000).toISOString(),
            kind: 'routine',
            met_whom: null,
            hobbies: '[]',
            skills: '[]',
            family_changes: null,
            needs: null,
            notes: null,
            satisfaction: null,
            write_back: '{}',
            created_at: now,
            created_by: manager.id,
          })),
        )
        .execute();
    }
    const admin = systemActor([big.id]);
    await visits.suggest(admin, big.id, { limit: 20 }); // warm up
    const t0 = performance.now();
    const r = await visits.suggest(admin, big.id, { limit: 50 });
    const ms = performance.now() - t0;
    expect(r.items).toHaveLength(50);
    expect(r.items.every((x) => x.lastVisitAt === null)).toBe(true);
    expect(r.items[0]!.careFlags).toEqual(['elderly']);
    const tail = await visits.suggest(admin, big.id, { limit: 5000 });
    // Last: the most recently visited household without a care flag (no. 0 has one, i % 97 === 0).
    expect(tail.items.at(-1)!.householdId).toBe(households[1]);
    expect(tail.items.findIndex((x) => x.householdId === households[0])).toBeLessThan(1000 + 42);
    expect(ms).toBeLessThan(500);
  });
});
