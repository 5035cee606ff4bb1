import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemandCell } from '../../../contract/loans.js';
import {
  createEstate,
  createStaff,
  TEST_PASSWORD,
  type TestEstate,
} from '../../../test/helpers/factories.js';
import { createTestDb } from '../../../test/helpers/test-db.js';
import { buildApp } from '../../app.js';
import { type Container, createContainer } from '../../container.js';
import type { Database } from '../../db/database.js';
import { FixedClock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { systemActor } from '../auth/index.js';
import { seedDefaultCatalog } from '../service-requests/index.js';
import { computeDemandPeaks, localSlot, parseShift } from './index.js';

// Friday 2026-11-27 10:00 in Beijing.
const NOW = new Date('2026-11-27T02:00:00Z');
const DAY = 86_400_000;

let database: Database;
let app: FastifyInstance;
let c: Container;
let clock: FixedClock;
let estate: TestEstate;
let other: TestEstate;
const cookies: Record<string, string> = {};

async function login(username: string) {
  const r = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: TEST_PASSWORD },
  });
  expect(r.statusCode, r.body).toBe(200);
  cookies[username] = `sid=${r.cookies.find((x) => x.name === 'sid')!.value}`;
}

function call(who: string, opts: InjectOptions) {
  return app.inject({ ...opts, headers: { cookie: cookies[who]!, ...(opts.headers ?? {}) } });
}

/** Beijing local time (UTC+8) → instant. */
const bj = (isoLocal: string) => new Date(`${isoLocal}+08:00`);

async function requestAt(at: Date, catalogId: string) {
  clock.set(at);
  await c.serviceRequests.create(systemActor([estate.id]), {
    estateId: estate.id,
    catalogId,
    location: '2栋大堂',
    priority: 'normal',
    description: '灯不亮',
    channel: 'phone',
  });
}

function cell(cells: DemandCell[], weekday: number, hour: number) {
  return cells.find((x) => x.weekday === weekday && x.hour === hour)!;
}

beforeAll(async () => {
  database = await createTestDb();
  clock = new FixedClock(NOW);
  c = createContainer({ db: database.db, clock, auth: { ipMaxFailures: 1000 } });
  app = await buildApp({ container: c, logLevel: 'silent', validateResponses: true });
  await app.ready();
  const db = database.db;
  estate = await createEstate(db, 'lvyuan', { buildings: 1, floors: 1 });
  other = await createEstate(db, 'other', { buildings: 1, floors: 1 });
  await seedDefaultCatalog(db, estate.id, NOW);
  await createStaff(db, 'tech1', 'technician', [estate], 'technical');
  await createStaff(db, 'tech2', 'technician', [estate], 'technical');
  await createStaff(db, 'squad', 'squad_leader', [estate], 'security');
  await createStaff(db, 'manager', 'manager', [estate], 'management');
  await createStaff(db, 'cleaner', 'cleaner', [estate], 'environment');
  await createStaff(db, 'foreignmgr', 'manager', [other], 'management');
  // The technical team's one post: day duty 08:00–20:00 (two technicians in the team).
  await db
    .insertInto('posts')
    .values({
      estate_id: estate.id,
      id: newId(),
      name: '维修值班',
      team_id: estate.teams.technical!,
      entrance_id: null,
      shift: '08:00-20:00',
    })
    .execute();

  const catalog = await db
    .selectFrom('service_catalog')
    .select(['id', 'team_code'])
    .where('estate_id', '=', estate.id)
    .where('active', '=', 1)
    .execute();
  const tech = catalog.find((x) => x.team_code === 'technical')!.id;
  const nonTech = catalog.find((x) => x.team_code !== 'technical')!.id;

  // Eight Wednesdays (11-25 back to 10-07), three requests between 10:00 and 11:00 each.
  for (let w = 0; w < 8; w++) {
    const wed = new Date(bj('2026-11-25T10:05:00').getTime() - w * 7 * DAY);
    for (const min of [0, 15, 40]) await requestAt(new Date(wed.getTime() + min * 60_000), tech);
    // One request each Monday 09:xx (11-23 back to 10-05).
    await requestAt(new Date(bj('2026-11-23T09:30:00').getTime() - w * 7 * DAY), tech);
  }
  await requestAt(bj('2026-11-24T14:30:00'), tech); // Tuesday 14:00
  await requestAt(bj('2026-11-21T03:10:00'), tech); // Saturday 03:00, nobody on duty
  await requestAt(bj('2026-09-30T10:10:00'), tech); // Wednesday, but more than 8 weeks ago
  await requestAt(bj('2026-11-25T10:30:00'), nonTech); // another team
  clock.set(NOW);
  for (const u of ['squad', 'manager', 'cleaner', 'foreignmgr', 'tech1']) await login(u);
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

describe('demand peaks (T6)', () => {
  it('counts requests by local weekday × hour against the posts’ shifts and flags under-covered slots', async () => {
    const r = await call('squad', {
      method: 'GET',
      url: `/api/estates/${estate.id}/demand-peaks?weeks=8&team=technical`,
    });
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    expect(p).toMatchObject({
      weeks: 8,
      team: 'technical',
      timeZone: 'Asia/Shanghai',
      rosterSource: 'posts',
      teamSize: 2,
      shifts: ['08:00-20:00'],
      totalRequests: 34,
      maxAvg: 3,
    });
    expect(p.cells).toHaveLength(168);
    const cells = p.cells as DemandCell[];
    // Wednesday 10:00: 24 requests, 3 an hour for 2 technicians → 2 needed, busiest per person.
    expect(cell(cells, 3, 10)).toEqual({
      weekday: 3,
      hour: 10,
      requests: 24,
      avgPerWeek: 3,
      onDuty: 2,
      suggested: 2,
      underCovered: true,
    });
    expect(cell(cells, 1, 9)).toMatchObject({
      requests: 8,
      avgPerWeek: 1,
      onDuty: 2,
      suggested: 1,
      underCovered: false,
    });
    expect(cell(cells, 2, 14)).toMatchObject({ requests: 1, underCovered: false });
    // Saturday 03:00: a request at night with nobody on duty.
    expect(cell(cells, 6, 3)).toMatchObject({ requests: 1, onDuty: 0, suggested: 1, underCovered: true });
    // Quiet slots: at least one in working hours, none at night.
    expect(cell(cells, 4, 12)).toMatchObject({ requests: 0, onDuty: 2, suggested: 1, underCovered: false });
    expect(cell(cells, 7, 2)).toMatchObject({ requests: 0, onDuty: 0, suggested: 0, underCovered: false });
    expect(cells.filter((x) => x.underCovered)).toHaveLength(2);
  });

  it('a shorter period counts only its weeks; the default team is technical', async () => {
    const r = await call('manager', { method: 'GET', url: `/api/estates/${estate.id}/demand-peaks?weeks=1` });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ weeks: 1, team: 'technical', totalRequests: 6 });
    expect(cell(r.json().cells, 3, 10).requests).toBe(3);
  });

  it('a team without posts has no roster to compare with', async () => {
    const r = await call('manager', {
      method: 'GET',
      url: `/api/estates/${estate.id}/demand-peaks?team=environment`,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().rosterSource).toBe('none');
  });

  it('only those who plan staffing see it: a cleaner or technician gets 403, another estate 404', async () => {
    const url = `/api/estates/${estate.id}/demand-peaks`;
    expect((await call('cleaner', { method: 'GET', url })).statusCode).toBe(403);
    expect((await call('tech1', { method: 'GET', url })).statusCode).toBe(403);
    expect((await call('foreignmgr', { method: 'GET', url })).statusCode).toBe(404);
    expect((await call('manager', { method: 'GET', url: `${url}?weeks=0` })).statusCode).toBe(400);
  });
});

describe('demand peaks: pure parts', () => {
  it('parses shifts, overnight and split ones', () => {
    expect(parseShift('07:00-19:00')).toEqual([[420, 1140]]);
    expect(parseShift('19:00-07:00')).toEqual([
      [1140, 1440],
      [0, 420],
    ]);
    expect(parseShift('08:00-12:00,13:30～17:30')).toEqual([
      [480, 720],
      [810, 1050],
    ]);
    expect(parseShift('白班')).toEqual([]);
  });

  it('places instants in the estate’s local weekday and hour', () => {
    // 2026-11-29 Sunday 23:30 in Beijing is still Sunday 15:30 UTC.
    expect(localSlot(new Date('2026-11-29T15:30:00Z'), 'Asia/Shanghai')).toEqual({ weekday: 7, hour: 23 });
    expect(localSlot(new Date('2026-11-29T16:30:00Z'), 'Asia/Shanghai')).toEqual({ weekday: 1, hour: 0 });
  });

  it('with a duty roster, on-duty counts come from it slot by slot instead of the posts', () => {
    const roster = new Array<number>(168).fill(0);
    for (let h = 8; h < 17; h++) roster[2 * 24 + h] = 1; // Wednesday 08:00–17:00: one technician
    roster[2 * 24 + 10] = 2; // two at Wednesday 10:00
    const wed10 = new Date('2026-11-25T02:30:00Z'); // Wednesday 10:30 Beijing
    const p = computeDemandPeaks({
      times: [wed10, wed10, wed10, new Date('2026-11-26T02:30:00Z')], // + Thursday 10:30
      weeks: 1,
      timeZone: 'Asia/Shanghai',
      shifts: ['00:00-24:00'],
      teamSize: 6,
      rosterCoverage: roster,
    });
    expect(p.rosterSource).toBe('roster');
    const at = (w: number, h: number) => p.cells.find((x) => x.weekday === w && x.hour === h)!;
    // 3 requests an hour need 2 people: the roster has 2 then.
    expect(at(3, 10)).toMatchObject({ onDuty: 2, suggested: 2 });
    expect(at(3, 12)).toMatchObject({ onDuty: 1, suggested: 1, underCovered: false });
    // Thursday has nobody on the roster although the post runs around the clock: under-covered.
    expect(at(4, 10)).toMatchObject({ requests: 1, onDuty: 0, suggested: 1, underCovered: true });
    expect(at(4, 12)).toMatchObject({ onDuty: 0, suggested: 0 });
    // Without a roster, the posts' estimate as before.
    const posts = computeDemandPeaks({
      times: [],
      weeks: 1,
      timeZone: 'Asia/Shanghai',
      shifts: ['00:00-24:00'],
      teamSize: 6,
    });
    expect(posts.rosterSource).toBe('posts');
    expect(posts.cells.every((x) => x.onDuty === 6)).toBe(true);
  });

  it('splits the team over day and night posts', () => {
    const p = computeDemandPeaks({
      times: [],
      weeks: 4,
      timeZone: 'Asia/Shanghai',
      shifts: ['07:00-19:00', '19:00-07:00'],
      teamSize: 6,
    });
    expect(p.cells.every((x) => x.onDuty === 3 && x.suggested === 1)).toBe(true);
  });
});
