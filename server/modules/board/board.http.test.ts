import { generateKeyPairSync, verify } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEstate,
  createStaff,
  TEST_PASSWORD,
  type TestEstate,
} from '../../../test/helpers/factories.js';
import { createTestDb, engineName } from '../../../test/helpers/test-db.js';
import { buildApp } from '../../app.js';
import { createContainer } from '../../container.js';
import type { Database } from '../../db/database.js';
import { FixedClock } from '../../lib/clock.js';
import { newId, newToken } from '../../lib/ids.js';
import type { BoardService } from './board.service.js';
import { qweather3d, startFakeWeather } from './fake-weather.js';

const SECRET = 'test-secret-key-for-provider-credentials';
const HOUR = 3_600_000;
let app: FastifyInstance;
let database: Database;
let clock: FixedClock;
let board: BoardService;
let estate: TestEstate;
let token: string;
let eastToken: string;
let eastId: string;
let fake: Awaited<ReturnType<typeof startFakeWeather>>;
let failing = false;
const cookies: Record<string, string> = {};
const keys = generateKeyPairSync('ed25519');

async function login(u: string) {
  const r = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: u, password: TEST_PASSWORD },
  });
  cookies[u] = `sid=${r.cookies.find((x) => x.name === 'sid')!.value}`;
}
/** A call as a user (logging in again when the session went idle as the clock moved), or anonymous. */
async function call(
  who: string | undefined,
  opts: InjectOptions,
  retry = true,
): Promise<LightMyRequestResponse> {
  const r = await app.inject({
    ...opts,
    headers: { ...(who ? { cookie: cookies[who]! } : {}), ...(opts.headers ?? {}) },
  });
  if (who && retry && r.statusCode === 401) {
    await login(who);
    return call(who, opts, false);
  }
  return r;
}
const board$ = (t: string) => call(undefined, { method: 'GET', url: `/api/public/boards/${t}` });

beforeAll(async () => {
  fake = await startFakeWeather(() =>
    failing
      ? { status: 503, body: { code: '500' } }
      : { status: 200, body: qweather3d(['2026-11-27', '2026-11-28', '2026-11-29']), gzip: true },
  );
  database = await createTestDb();
  clock = new FixedClock(new Date('2026-11-27T02:00:00Z')); // Friday 10:00 in Beijing
  const c = createContainer({
    db: database.db,
    clock,
    auth: { ipMaxFailures: 1000 },
    secretKey: SECRET,
    board: { baseUrls: { qweather: fake.url } },
  });
  board = c.board;
  app = await buildApp({ container: c, logLevel: 'silent', validateResponses: true });
  await app.ready();
  estate = await createEstate(database.db, 'lvyuan', { buildings: 1, floors: 1 });
  token = (
    await database.db
      .selectFrom('entrances')
      .select('board_token')
      .where('estate_id', '=', estate.id)
      .executeTakeFirstOrThrow()
  ).board_token;
  eastId = newId();
  eastToken = newToken();
  await database.db
    .insertInto('entrances')
    .values({
      estate_id: estate.id,
      id: eastId,
      name: '东门',
      kind: 'vehicle',
      is_main: 0,
      board_token: eastToken,
    })
    .execute();
  for (const [u, role, team] of [
    ['admin', 'admin', 'management'],
    ['mgr', 'manager', 'management'],
    ['guard', 'guard', 'security'],
    ['cleaner', 'cleaner', 'environment'],
    ['butler', 'butler', 'service'],
  ] as const) {
    await createStaff(database.db, u, role, [estate], team);
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u, password: TEST_PASSWORD },
    });
    cookies[u] = `sid=${r.cookies.find((x) => x.name === 'sid')!.value}`;
  }
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  await fake?.close();
});

describe(`the entrance board (${engineName})`, () => {
  it('without a weather source the board still answers: date, lunar date, Beijing restriction, default greeting', async () => {
    const r = await board$(token);
    expect(r.statusCode, r.body).toBe(200);
    const b = r.json();
    expect(r.headers['cache-control']).toBe('no-store');
    expect(b).toMatchObject({
      estate: { name: 'lvyuan小区' },
      entrance: { name: '南门' },
      date: '2026-11-27',
      weekday: 5,
      weekdayText: { zh: '星期五', en: 'Friday' },
      lunar: { text: '农历十月十九' },
      greeting: { zh: '出门愉快，注意安全', kind: 'default' },
      notices: [],
    });
    expect(b.restriction.today).toMatchObject({ restricted: true, digits: [4, 9], hoursText: '07:00–20:00' });
    expect(b.restriction.tomorrow).toMatchObject({
      date: '2026-11-28',
      restricted: false,
      digits: [],
      reason: 'weekend',
    });
    expect(b.restriction.tomorrow.reasonText.zh).toMatch(/不限行|周末/);
    expect(b.weather.today).toEqual({
      date: '2026-11-27',
      forecast: null,
      source: null,
      fetchedAt: null,
      stale: false,
      enteredBy: null,
    });
  });

  it('an unknown token gets 404, with no session needed', async () => {
    const r = await board$('not-a-real-token');
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('BOARD_NOT_FOUND');
  });

  it('only an admin configures the provider; the key is sealed and never returned', async () => {
    const body = {
      provider: 'qweather',
      apiHost: 'abc1234xyz.def.qweatherapi.com',
      location: '101010100',
      auth: 'jwt',
      credentialId: 'CRED123ABC',
      projectId: 'PROJ456DEF',
      privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    };
    const url = `/api/estates/${estate.id}/weather-source`;
    expect((await call('mgr', { method: 'PUT', url, payload: body })).statusCode).toBe(403);
    const bad = await call('admin', { method: 'PUT', url, payload: { ...body, privateKey: 'not a key' } });
    expect(bad.statusCode, bad.body).toBe(422);
    const r = await call('admin', { method: 'PUT', url, payload: body });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ provider: 'qweather', hasSecret: true, location: '101010100' });
    expect(r.body).not.toContain('PRIVATE KEY');
    const row = await database.db.selectFrom('weather_sources').selectAll().executeTakeFirstOrThrow();
    expect(JSON.stringify(row.config)).not.toContain('PRIVATE KEY');
    const got = await call('mgr', { method: 'GET', url });
    expect(got.statusCode).toBe(200);
    expect(got.body).not.toContain('PRIVATE KEY');
    // Who set it up is shown by name, not only by account id.
    const admin = await database.db
      .selectFrom('accounts')
      .select(['id', 'display_name'])
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(r.json()).toMatchObject({ updatedBy: admin.id, updatedByName: admin.display_name });
    expect(got.json()).toMatchObject({ updatedBy: admin.id, updatedByName: admin.display_name });
  });

  it('getWeather asks the provider with a verifiable JWT, then serves the cache for an hour', async () => {
    const r = await call('cleaner', {
      method: 'GET',
      url: `/api/estates/${estate.id}/weather?date=2026-11-27`,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      source: 'qweather',
      stale: false,
      fetchedAt: '2026-11-27T02:00:00.000Z',
      forecast: { conditionZh: '多云', tempMin: -1, tempMax: 12 },
    });
    expect(fake.seen).toHaveLength(1);
    const seen = fake.seen[0]!;
    expect(seen.path).toBe('/v7/weather/3d');
    expect(seen.query.get('location')).toBe('101010100');
    const [h, p, s] = String(seen.headers.authorization).slice(7).split('.') as [string, string, string];
    expect(verify(null, Buffer.from(`${h}.${p}`), keys.publicKey, Buffer.from(s, 'base64url'))).toBe(true);
    expect(JSON.parse(Buffer.from(p, 'base64url').toString()).sub).toBe('PROJ456DEF');

    clock.advance(30 * 60_000);
    const b = (await board$(token)).json();
    expect(fake.seen).toHaveLength(1); // today and tomorrow both came from the cache
    expect(b.weather.tomorrow).toMatchObject({
      source: 'qweather',
      stale: false,
      forecast: { conditionZh: '小雨' },
    });
  });

  it('when the provider fails, the last known forecast is shown marked stale, and the board still works', async () => {
    failing = true;
    clock.advance(2 * HOUR);
    const r = await board$(token);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().weather.today).toMatchObject({
      source: 'qweather',
      stale: true,
      fetchedAt: '2026-11-27T02:00:00.000Z',
      forecast: { conditionZh: '多云' },
    });
    const asked = fake.seen.length;
    expect(asked).toBeGreaterThan(1);
    // The failure is recorded and the provider is not asked again on every refresh.
    await board$(token);
    expect(fake.seen.length).toBe(asked);
    const src = await call('admin', { method: 'GET', url: `/api/estates/${estate.id}/weather-source` });
    expect(src.json().lastError).toMatch(/HTTP 503/);
    // The scheduled refresh reports the failure without throwing; recovered, it refreshes.
    expect(await board.refreshAll()).toEqual({ estates: 1, refreshed: 0, failed: 1 });
    failing = false;
    expect(await board.refreshAll()).toEqual({ estates: 1, refreshed: 1, failed: 0 });
    expect((await board$(token)).json().weather.today.stale).toBe(false);
  });

  it('a guard enters the forecast by hand and it wins; a cleaner may not; bad input is 400', async () => {
    const url = `/api/estates/${estate.id}/weather/2026-11-27`;
    const forecast = { conditionZh: '晴', conditionEn: 'Sunny', tempMin: -3, tempMax: 7, windZh: '北风 3级' };
    const denied = await call('cleaner', { method: 'PUT', url, payload: forecast });
    expect(denied.statusCode).toBe(403);
    const bad = await call('guard', { method: 'PUT', url, payload: { ...forecast, tempMin: 9 } });
    expect(bad.statusCode).toBe(400);
    const r = await call('guard', { method: 'PUT', url, payload: forecast });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      source: 'manual',
      stale: false,
      enteredBy: 'guard-name',
      forecast: { tempMax: 7 },
    });
    const b = (await board$(token)).json();
    expect(b.weather.today).toMatchObject({
      source: 'manual',
      forecast: { conditionZh: '晴', windZh: '北风 3级' },
    });
    const audit = await database.db
      .selectFrom('audit_events')
      .select(['action', 'target_id'])
      .where('action', '=', 'weather.enter')
      .execute();
    expect(audit).toEqual([{ action: 'weather.enter', target_id: '2026-11-27' }]);
  });

  it('a manager posts a warm tip for every entrance and a notice for the east gate; each board shows its own', async () => {
    const url = `/api/estates/${estate.id}/board/notices`;
    const tip = {
      kind: 'warm_tip',
      textZh: '今夜降温，请关好门窗',
      textEn: 'Colder tonight: please close your windows',
      fromDate: '2026-11-27',
      toDate: '2026-11-28',
    };
    expect((await call('guard', { method: 'POST', url, payload: tip })).statusCode).toBe(403);
    const t = await call('mgr', { method: 'POST', url, payload: tip });
    expect(t.statusCode, t.body).toBe(201);
    const east = await call('mgr', {
      method: 'POST',
      url,
      payload: {
        textZh: '东门今日施工，请绕行南门',
        fromDate: '2026-11-27',
        toDate: '2026-11-27',
        entranceId: eastId,
      },
    });
    expect(east.statusCode, east.body).toBe(201);
    await call('mgr', {
      method: 'POST',
      url,
      payload: { textZh: '已过期', fromDate: '2026-11-01', toDate: '2026-11-26' },
    });

    const south = (await board$(token)).json();
    expect(south.notices).toEqual([
      { id: t.json().id, kind: 'warm_tip', textZh: tip.textZh, textEn: tip.textEn },
    ]);
    const eastBoard = (await board$(eastToken)).json();
    expect(eastBoard.notices.map((n: any) => n.textZh)).toEqual([tip.textZh, '东门今日施工，请绕行南门']);

    // Withdrawn (with its version) it disappears; a stale version gets 412.
    const patch = (version: number) =>
      call('mgr', { method: 'PATCH', url: `${url}/${t.json().id}`, payload: { active: false, version } });
    expect((await patch(1)).statusCode).toBe(200);
    expect((await patch(1)).statusCode).toBe(412);
    expect((await board$(token)).json().notices).toEqual([]);
    const list = await call('mgr', { method: 'GET', url });
    expect(list.json().items).toHaveLength(3);
  });

  it('an estate greeting line replaces the default; a festival greeting wins on its day', async () => {
    const url = `/api/estates/${estate.id}/board/greetings`;
    expect((await call('butler', { method: 'POST', url, payload: { textZh: 'x' } })).statusCode).toBe(403);
    const g = await call('mgr', {
      method: 'POST',
      url,
      payload: { textZh: '满园春色，一路平安', textEn: 'A garden in bloom; safe travels' },
    });
    expect(g.statusCode, g.body).toBe(200);
    expect((await board$(token)).json().greeting).toEqual({
      zh: '满园春色，一路平安',
      en: 'A garden in bloom; safe travels',
      kind: 'estate',
    });
    // New Year's Day: the festival greeting replaces the estate's everyday line.
    clock.set('2027-01-01T01:00:00Z');
    const newYear = (await board$(token)).json();
    expect(newYear.festivals.map((f: any) => f.name)).toContain('元旦');
    expect(newYear.greeting).toEqual({ zh: '元旦快乐！', en: "Happy New Year's Day!", kind: 'festival' });
    // The winter solstice (冬至) is a solar term: the estate can give it a line of its own.
    clock.set('2026-12-22T01:00:00Z');
    expect((await board$(token)).json().greeting.kind).toBe('estate');
    const own = await call('mgr', {
      method: 'POST',
      url,
      payload: { textZh: '冬至到，记得吃饺子', festival: '冬至' },
    });
    expect(own.statusCode, own.body).toBe(200);
    expect((await board$(token)).json().greeting).toMatchObject({
      zh: '冬至到，记得吃饺子',
      kind: 'festival',
    });
    // Changing a line needs its version.
    const edit = (version?: number) =>
      call('mgr', {
        method: 'POST',
        url,
        payload: { id: own.json().id, textZh: '冬至快乐', festival: '冬至', version },
      });
    expect((await edit()).statusCode).toBe(428);
    expect((await edit(1)).statusCode).toBe(200);
    expect((await edit(1)).statusCode).toBe(412);
    clock.set('2026-11-27T05:00:00Z');
  });

  it('listBoards gives each entrance its board address (managers only)', async () => {
    const url = `/api/estates/${estate.id}/boards`;
    expect((await call('guard', { method: 'GET', url })).statusCode).toBe(403);
    const r = await call('mgr', { method: 'GET', url, headers: { host: 'guanjia.example' } });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().items.map((i: any) => [i.name, i.path])).toEqual([
      ['南门', `/board/${token}`],
      ['东门', `/board/${eastToken}`],
    ]);
    expect(r.json().items[0].url).toBe(`http://guanjia.example/board/${token}`);
  });
});
