import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/build-app.js';
import { createEstate, createStaff, type TestEstate } from '../../../test/helpers/factories.js';
import { systemActor } from '../auth/index.js';
import { seedDefaultTemplates } from '../messaging/index.js';

// Friday 2026-11-27 10:00 in Beijing (inside the daytime sending hours).
const NOW = new Date('2026-11-27T02:00:00Z');

let t: TestApp;
let estate: TestEstate;
let other: TestEstate;
const cookies: Record<string, string> = {};

const call = (who: string, opts: InjectOptions) => t.call(cookies[who], opts);

const greeting = (over: Record<string, unknown> = {}) => ({
  name: '冬至问候',
  purpose: 'greetings',
  templateCode: 'festival_greeting',
  channel: 'dev',
  audience: {},
  ...over,
});

async function create(over: Record<string, unknown> = {}): Promise<string> {
  const r = await call('manager', {
    method: 'POST',
    url: `/api/estates/${estate.id}/campaigns`,
    payload: greeting(over),
  });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id;
}
async function start(id: string) {
  const r = await call('manager', { method: 'POST', url: `/api/campaigns/${id}/start` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}
const messagesOf = (id: string) =>
  t.database.db
    .selectFrom('messages')
    .select(['status', 'reason'])
    .where('idem_key', 'like', `campaign:${id}:%`)
    .orderBy('not_before')
    .execute();

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  estate = await createEstate(db, 'cancel', { buildings: 1, floors: 2 });
  other = await createEstate(db, 'cancelother', { buildings: 1, floors: 1 });
  await seedDefaultTemplates(db, estate.id, NOW);
  for (const [u, role] of [
    ['manager', 'manager'],
    ['guard', 'guard'],
  ] as const)
    await createStaff(db, u, role, [estate]);
  await createStaff(db, 'foreign', 'manager', [other]);
  for (const u of ['manager', 'guard', 'foreign']) cookies[u] = await t.login(u);
  const sys = systemActor([estate.id]);
  for (const [room, phones] of [
    [0, ['13700000001', '13700000002']],
    [1, ['13700000003']],
  ] as const) {
    const hh = await t.c.households.create(sys, {
      estateId: estate.id,
      roomId: estate.roomIds[room]!,
      occupancy: 'owner_occupied',
      members: phones.map((phone, i) => ({
        name: `住户${phone.slice(-1)}`,
        role: i ? 'family' : 'owner',
        phone,
      })),
    } as never);
    await t.c.consents.record(sys, hh.id, {
      purpose: 'greetings',
      memberId: null,
      grantedByName: '本人',
      method: 'paper_form',
      noticeVersion: '2026-01',
    } as never);
  }
});

afterAll(async () => {
  await t?.close();
});

describe('campaign list progress and outbox filters', () => {
  it("listCampaigns carries each campaign's progress; listMessages filters by campaign and channel", async () => {
    const sent = await create({ name: '已发出' });
    await start(sent);
    await t.c.messaging.dispatchDue(NOW, { limit: 50 });
    const waiting = await create({ name: '门户排队', channel: 'portal' });
    await start(waiting);
    const draft = await create({ name: '草稿' });

    const r = await call('manager', { method: 'GET', url: `/api/campaigns?estateId=${estate.id}` });
    expect(r.statusCode, r.body).toBe(200);
    const byId = new Map(r.json().items.map((x: { id: string }) => [x.id, x]));
    expect(byId.get(sent)).toMatchObject({ progress: { sent: 3, queued: 0, total: 3 } });
    // The portal campaign addresses households: one message per member, all still queued.
    expect(byId.get(waiting)).toMatchObject({ progress: { queued: 3, sent: 0, total: 3 } });
    expect(byId.get(draft)).toMatchObject({ status: 'draft', progress: { total: 0 } });

    const list = (q: string) =>
      call('manager', { method: 'GET', url: `/api/messages?estateId=${estate.id}&${q}` });
    const ofSent = await list(`campaignId=${sent}`);
    expect(ofSent.statusCode, ofSent.body).toBe(200);
    expect(ofSent.json().items).toHaveLength(3);
    expect(ofSent.json().items.every((m: { key: string }) => m.key.startsWith(`campaign:${sent}:`))).toBe(
      true,
    );
    const portal = await list('channel=portal');
    expect(portal.json().items.map((m: { channel: string }) => m.channel)).toEqual([
      'portal',
      'portal',
      'portal',
    ]);
    expect((await list(`channel=portal&campaignId=${sent}`)).json().items).toEqual([]);
    expect((await list('campaignId=bad%25id')).statusCode).toBe(400);
    expect((await list('channel=fax')).statusCode).toBe(400);
  });
});

describe('cancelCampaign', () => {
  it('a running campaign stops: queued messages become suppressed (cancelled), sent ones stay; audited', async () => {
    // One message a minute: at 10:00 only the first is due.
    const id = await create({ name: '限速问候', throttlePerMinute: 1 });
    const started = await start(id);
    await t.c.messaging.dispatchDue(NOW, { limit: 50 });
    expect((await messagesOf(id)).map((m) => m.status)).toEqual(['sent', 'queued', 'queued']);

    const stale = await call('manager', {
      method: 'POST',
      url: `/api/campaigns/${id}/cancel`,
      payload: { version: started.version - 1 },
    });
    expect(stale.statusCode, stale.body).toBe(412);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    expect(
      (await call('guard', { method: 'POST', url: `/api/campaigns/${id}/cancel`, payload: {} })).statusCode,
    ).toBe(403);
    expect(
      (await call('foreign', { method: 'POST', url: `/api/campaigns/${id}/cancel`, payload: {} })).statusCode,
    ).toBe(404);

    const r = await call('manager', {
      method: 'POST',
      url: `/api/campaigns/${id}/cancel`,
      payload: { version: started.version },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'cancelled', progress: { sent: 1, suppressed: 2, queued: 0 } });
    expect(await messagesOf(id)).toEqual([
      { status: 'sent', reason: null },
      { status: 'suppressed', reason: 'cancelled' },
      { status: 'suppressed', reason: 'cancelled' },
    ]);
    // The worker later finds nothing of it to send.
    await t.c.messaging.dispatchDue(new Date(NOW.getTime() + 10 * 60_000), { limit: 50 });
    expect((await messagesOf(id)).filter((m) => m.status === 'sent')).toHaveLength(1);

    const again = await call('manager', {
      method: 'POST',
      url: `/api/campaigns/${id}/cancel`,
      payload: {},
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'CAMPAIGN_NOT_CANCELLABLE',
      message: '该活动已取消，不能取消',
    });
    const restart = await call('manager', { method: 'POST', url: `/api/campaigns/${id}/start` });
    expect(restart.statusCode).toBe(409);

    const audit = await t.database.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('action', '=', 'campaign.cancel')
      .where('target_id', '=', id)
      .execute();
    expect(audit).toHaveLength(1);
    const details = audit[0]!.details;
    expect(typeof details === 'string' ? JSON.parse(details) : details).toEqual({
      from: 'running',
      suppressedQueued: 2,
    });
  });

  it('a draft can be cancelled (nothing was sent); a done campaign cannot (409)', async () => {
    const draft = await create({ name: '不发了' });
    const r = await call('manager', { method: 'POST', url: `/api/campaigns/${draft}/cancel`, payload: {} });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ status: 'cancelled', progress: { total: 0 } });

    const done = await create({ name: '发完了' });
    await start(done);
    await t.c.messaging.dispatchDue(NOW, { limit: 50 });
    const g = await call('manager', { method: 'GET', url: `/api/campaigns/${done}` });
    expect(g.json().status).toBe('done');
    const late = await call('manager', {
      method: 'POST',
      url: `/api/campaigns/${done}/cancel`,
      payload: {},
      headers: { 'accept-language': 'en' },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('The campaign is done and cannot be cancelled');
  });
});

describe('health tips by SMS', () => {
  it('answer 400 naming the channel field, in the language of the request', async () => {
    for (const [lang, text] of [
      ['zh-CN', '健康提示不能通过短信发送'],
      ['en', 'Health tips are never sent by SMS'],
    ] as const) {
      const r = await call('manager', {
        method: 'POST',
        url: `/api/estates/${estate.id}/campaigns/preview`,
        payload: greeting({ purpose: 'health_tips', templateCode: 'health_tip', channel: 'sms_aliyun' }),
        headers: { 'accept-language': lang },
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.code).toBe('CAMPAIGN_HEALTH_BY_SMS');
      expect(r.json().error.details.issues).toEqual([
        { path: ['channel'], field: 'channel', message: expect.stringContaining(text) },
      ]);
    }
  });
});
