import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/build-app.js';
import { createEstate, createStaff, type TestEstate } from '../../../test/helpers/factories.js';
import { systemActor } from '../auth/index.js';
import type { CampaignService } from './index.js';

// Friday 2026-11-27 10:00 in Beijing.
const NOW = new Date('2026-11-27T02:00:00Z');

let t: TestApp;
let service: CampaignService;
let estate: TestEstate;
let other: TestEstate;
let butlerId: string;
const cookies: Record<string, string> = {};
const m: Record<string, string> = {}; // member name → id
const h: Record<string, string> = {}; // household label → id

const call = (who: string, opts: InjectOptions) => t.call(cookies[who], opts);

const body = (over: Record<string, unknown> = {}) => ({
  name: '冬至问候',
  purpose: 'greetings',
  templateCode: 'festival_greeting',
  channel: 'dev',
  audience: {},
  ...over,
});

async function campaignMessages(id: string) {
  return t.database.db
    .selectFrom('messages')
    .select(['member_id', 'idem_key', 'status'])
    .where('idem_key', 'like', `campaign:${id}:%`)
    .execute();
}

beforeAll(async () => {
  t = await buildTestApp();
  service = t.c.campaigns;
  const db = t.database.db;
  estate = await createEstate(db, 'cmp', { buildings: 2, floors: 1 });
  other = await createEstate(db, 'cmpother', { buildings: 1, floors: 1 });
  for (const [u, role] of [
    ['manager', 'manager'],
    ['admin', 'admin'],
    ['butler', 'butler'],
    ['culture', 'culture'],
    ['guard', 'guard'],
    ['cleaner', 'cleaner'],
  ] as const) {
    const id = await createStaff(db, u, role, [estate]);
    if (u === 'butler') butlerId = id;
  }
  await createStaff(db, 'foreign', 'manager', [other]);
  await db
    .insertInto('butler_buildings')
    .values(estate.buildingIds.map((b) => ({ estate_id: estate.id, building_id: b, account_id: butlerId })))
    .execute();
  for (const u of ['manager', 'admin', 'butler', 'culture', 'guard', 'cleaner', 'foreign'])
    cookies[u] = await t.login(u);

  const sys = systemActor([estate.id]);
  const mk = async (
    label: string,
    roomIdx: number,
    members: { name: string; phone?: string }[],
    extra = {},
  ) => {
    const hh = await t.c.households.create(sys, {
      estateId: estate.id,
      roomId: estate.roomIds[roomIdx]!,
      occupancy: 'owner_occupied',
      members: members.map((x, i) => ({
        name: x.name,
        role: i ? 'family' : 'owner',
        phone: x.phone ?? null,
      })),
      ...extra,
    } as never);
    h[label] = hh.id;
    const rows = await db
      .selectFrom('members')
      .select(['id', 'name'])
      .where('household_id', '=', hh.id)
      .execute();
    for (const r of rows) m[r.name] = r.id;
  };
  // A: household-wide consent; 王二 has no phone.
  await mk('A', 0, [{ name: '王一', phone: '13800000001' }, { name: '王二' }]);
  // B: consent for 李一 only.
  await mk('B', 1, [
    { name: '李一', phone: '13800000002' },
    { name: '李二', phone: '13800000003' },
  ]);
  // C: no consent at all.
  await mk('C', 2, [{ name: '张一', phone: '13800000004' }]);
  // D: consent, then 赵一 opts out.
  await mk(
    'D',
    3,
    [
      { name: '赵一', phone: '13800000005' },
      { name: '赵二', phone: '13800000006' },
    ],
    {
      careFlags: ['elderly_alone'],
    },
  );
  const consent = (hid: string, purpose: string, memberId?: string) =>
    t.c.consents.record(sys, hid, {
      purpose,
      memberId: memberId ?? null,
      grantedByName: '本人',
      method: 'paper_form',
      noticeVersion: '2026-01',
    } as never);
  await consent(h.A!, 'greetings');
  await consent(h.B!, 'greetings', m.李一);
  await consent(h.D!, 'greetings');
  await t.c.messaging.updateConsent(sys, h.D!, {
    purpose: 'greetings',
    granted: false,
    memberId: m.赵一,
  } as never);
  await t.c.messaging.upsertTemplate(sys, estate.id, 'festival_greeting', {
    name: '节日问候',
    purpose: 'greetings',
    textZh: '{name}您好，{estate}祝您节日快乐！',
    textEn: 'Dear {name}, happy holidays from {estate}!',
    paramNames: ['name', 'estate'],
  } as never);
  await t.c.messaging.upsertTemplate(sys, estate.id, 'health_tip', {
    name: '健康提示',
    purpose: 'health_tips',
    textZh: '{name}您好，天冷注意保暖。',
    paramNames: ['name'],
  } as never);
});

afterAll(async () => {
  await t?.close();
});

describe('campaigns', () => {
  it('preview counts only consenting, not opted-out members with a phone, and renders a sample', async () => {
    const r = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/campaigns/preview`,
      payload: body(),
    });
    expect(r.statusCode, r.body).toBe(200);
    const p = r.json();
    expect(p.recipients).toBe(3); // 王一, 李一, 赵二
    expect(p.households).toBe(4);
    expect(p.members).toBe(7);
    expect(p.excluded).toEqual({ noConsent: 2, optedOut: 1, noPhone: 1, noEmail: 0 }); // 李二 张一 | 赵一 | 王二
    // The sample as a phone shows it: a greeting is marketing, so it ends with the opt-out.
    expect(p.sample.textZh).toBe(`${p.sample.memberName}您好，cmp小区祝您节日快乐！拒收请回复R`);
  });

  it('a campaign reaches every consenting member and nobody else; starting twice adds nothing', async () => {
    const created = await call('butler', {
      method: 'POST',
      url: `/api/estates/${estate.id}/campaigns`,
      payload: body(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect(created.json().status).toBe('draft');
    const s1 = await call('butler', { method: 'POST', url: `/api/campaigns/${id}/start` });
    expect(s1.statusCode, s1.body).toBe(200);
    expect(s1.json()).toMatchObject({ status: 'running', audienceCount: 3, enqueuedCount: 3 });
    const msgs = await campaignMessages(id);
    expect(msgs.map((x) => x.member_id).sort()).toEqual([m.王一, m.李一, m.赵二].sort());
    // Twice, and concurrently: never a duplicate.
    const again = await Promise.all([
      call('manager', { method: 'POST', url: `/api/campaigns/${id}/start` }),
      service.start(systemActor([estate.id]), id),
    ]);
    expect(again[0].statusCode, again[0].body).toBe(200);
    expect(await campaignMessages(id)).toHaveLength(3);
    const g = await call('culture', { method: 'GET', url: `/api/campaigns/${id}` });
    expect(g.statusCode, g.body).toBe(200);
    expect(g.json().enqueuedCount).toBe(3);
    expect(g.json().progress).toMatchObject({ queued: 3, total: 3 });
    // The worker sends them (dev channel, inside daytime hours); the campaign is then done.
    await t.c.messaging.dispatchDue(NOW, { limit: 50 });
    const done = await call('manager', { method: 'GET', url: `/api/campaigns/${id}` });
    expect(done.json().progress.queued).toBe(0);
    expect(done.json().progress.total).toBe(3);
    const list = await call('manager', { method: 'GET', url: `/api/campaigns?estateId=${estate.id}` });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.some((x: { id: string }) => x.id === id)).toBe(true);
  });

  it('starting a greeting campaign puts E12 personal greeting tasks on the butler’s agenda, once', async () => {
    const id = (
      await service.create(systemActor([estate.id]), estate.id, body({ name: '重阳问候' }) as never)
    ).id;
    await service.start(systemActor([estate.id]), id);
    await service.start(systemActor([estate.id]), id);
    const tasks = await t.database.db
      .selectFrom('agenda_tasks')
      .selectAll()
      .where('estate_id', '=', estate.id)
      .where('measure_code', '=', 'E12')
      .where('period_key', '=', `campaign:${id}`)
      .execute();
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ assignee_id: butlerId, subject: `household:${h.D}`, kind: 'manual' });
  });

  it('health tips by SMS → 400; by portal counts only health-tips consent', async () => {
    const sms = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/campaigns/preview`,
      payload: body({ purpose: 'health_tips', templateCode: 'health_tip', channel: 'sms_aliyun' }),
    });
    expect(sms.statusCode).toBe(400);
    expect(sms.json().error.code).toBe('CAMPAIGN_HEALTH_BY_SMS');
    const create = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/campaigns`,
      payload: body({ purpose: 'health_tips', templateCode: 'health_tip', channel: 'sms_tencent' }),
    });
    expect(create.statusCode).toBe(400);
    const portal = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/campaigns/preview`,
      payload: body({ purpose: 'health_tips', templateCode: 'health_tip', channel: 'portal' }),
    });
    expect(portal.statusCode, portal.body).toBe(200);
    expect(portal.json().recipients).toBe(0);
  });

  it('service notices need no consent but honour opt-outs; audience filters narrow', async () => {
    const p = await service.recipientsOf(estate.id, {
      purpose: 'service_notices',
      channel: 'dev',
      audience: {},
    });
    expect(p).toHaveLength(6); // every member with a phone
    const byFlag = await service.recipientsOf(estate.id, {
      purpose: 'greetings',
      channel: 'dev',
      audience: { careFlags: ['elderly_alone'] },
    });
    expect(byFlag.map((x) => x.memberId)).toEqual([m.赵二]);
  });

  it("a schedule and a throttle become the messages' not-before instants", async () => {
    const sys = systemActor([estate.id]);
    const at = '2026-11-28T01:00:00.000Z';
    const id = (
      await service.create(sys, estate.id, body({ scheduledAt: at, throttlePerMinute: 2 }) as never)
    ).id;
    await service.start(sys, id);
    const rows = await t.database.db
      .selectFrom('messages')
      .select(['not_before'])
      .where('idem_key', 'like', `campaign:${id}:%`)
      .execute();
    const times = rows.map((r) => new Date(r.not_before as string).toISOString()).sort();
    expect(times).toEqual([at, at, '2026-11-28T01:01:00.000Z']);
  });

  it('a 重阳 proposal targets elderly households', async () => {
    // 重阳节 2026: lunar 9/9 = 2026-10-18.
    const r = await call('culture', {
      method: 'GET',
      url: `/api/estates/${estate.id}/campaign-proposals?from=2026-10-01&days=20`,
    });
    expect(r.statusCode, r.body).toBe(200);
    const names = r.json().map((x: { festival: string }) => x.festival);
    expect(names).toContain('国庆节');
    const chongyang = r.json().find((x: { festival: string }) => x.festival === '重阳节');
    expect(chongyang).toMatchObject({ date: '2026-10-18', purpose: 'greetings' });
    expect(chongyang.audience.careFlags).toEqual(['elderly', 'elderly_alone']);
  });

  it('roles: campaign.manage holders 2xx, others 403, another estate 404', async () => {
    for (const u of ['manager', 'admin', 'butler', 'culture']) {
      const r = await call(u, { method: 'GET', url: `/api/campaigns?estateId=${estate.id}` });
      expect(r.statusCode, `${u} ${r.body}`).toBe(200);
    }
    const id = (await service.create(systemActor([estate.id]), estate.id, body() as never)).id;
    for (const u of ['guard', 'cleaner']) {
      for (const opts of [
        { method: 'GET', url: `/api/campaigns?estateId=${estate.id}` },
        { method: 'GET', url: `/api/campaigns/${id}` },
        { method: 'POST', url: `/api/campaigns/${id}/start` },
        { method: 'POST', url: `/api/estates/${estate.id}/campaigns`, payload: body() },
      ] as InjectOptions[]) {
        const r = await call(u, opts);
        expect(r.statusCode, `${u} ${opts.url}`).toBe(403);
      }
    }
    for (const opts of [
      { method: 'GET', url: `/api/campaigns/${id}` },
      { method: 'GET', url: `/api/campaigns/${id}/preview` },
      { method: 'POST', url: `/api/campaigns/${id}/start` },
      { method: 'POST', url: `/api/estates/${estate.id}/campaigns`, payload: body() },
      { method: 'GET', url: `/api/estates/${estate.id}/campaign-proposals` },
    ] as InjectOptions[]) {
      const r = await call('foreign', opts);
      expect(r.statusCode, `foreign ${opts.url}`).toBe(404);
    }
    const own = await call('manager', { method: 'GET', url: `/api/campaigns/${id}/preview` });
    expect(own.statusCode, own.body).toBe(200);
  });
});
