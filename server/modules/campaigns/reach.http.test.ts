import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/build-app.js';
import { createEstate, createStaff, type TestEstate } from '../../../test/helpers/factories.js';
import { systemActor } from '../auth/index.js';
import { GREETING_FESTIVALS } from '../calendar/index.js';
import { DEFAULT_TEMPLATES, seedDefaultTemplates } from '../messaging/index.js';
import { seedDefaultTips } from '../tips/index.js';

// Friday 2026-11-27 10:00 in Beijing.
const NOW = new Date('2026-11-27T02:00:00Z');

let t: TestApp;
let estate: TestEstate;
const cookies: Record<string, string> = {};
const m: Record<string, string> = {};
const h: Record<string, string> = {};

const call = (who: string, opts: InjectOptions) => t.call(cookies[who], opts);

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  estate = await createEstate(db, 'reach', { buildings: 1, floors: 2 });
  await seedDefaultTemplates(db, estate.id, NOW);
  await seedDefaultTips(db, estate.id, NOW);
  await createStaff(db, 'admin', 'admin', [estate]);
  await createStaff(db, 'manager', 'manager', [estate]);
  await createStaff(db, 'guard', 'guard', [estate]);
  for (const u of ['admin', 'manager', 'guard']) cookies[u] = await t.login(u);
  const sys = systemActor([estate.id]);
  const mk = async (label: string, room: number, members: { name: string; phone: string }[]) => {
    const hh = await t.c.households.create(sys, {
      estateId: estate.id,
      roomId: estate.roomIds[room]!,
      occupancy: 'owner_occupied',
      members: members.map((x, i) => ({ name: x.name, role: i ? 'family' : 'owner', phone: x.phone })),
    } as never);
    h[label] = hh.id;
    for (const r of await db
      .selectFrom('members')
      .select(['id', 'name'])
      .where('household_id', '=', hh.id)
      .execute())
      m[r.name] = r.id;
  };
  await mk('A', 0, [
    { name: '陈一', phone: '13900000001' },
    { name: '陈二', phone: '13900000002' },
  ]);
  await mk('B', 1, [{ name: '林一', phone: '13900000003' }]);
  await mk('C', 2, [{ name: '周一', phone: '13900000004' }]);
  const consent = (hid: string, purpose: string) =>
    t.c.consents.record(sys, hid, {
      purpose,
      memberId: null,
      grantedByName: '本人',
      method: 'paper_form',
      noticeVersion: '2026-01',
    } as never);
  await consent(h.A!, 'greetings');
  await consent(h.A!, 'tips');
  await consent(h.B!, 'greetings');
  await consent(h.B!, 'health_tips');
});

afterAll(async () => {
  await t?.close();
});

const tipId = async (category: string, term?: string) => {
  const r = await call('manager', {
    method: 'GET',
    url: `/api/estates/${estate.id}/tips?category=${category}`,
  });
  return r.json().find((t: { solarTerm: string | null }) => (term ? t.solarTerm === term : true))
    .id as string;
};

describe('seeded templates', () => {
  it('a new estate has the campaign templates: dev/portal usable, SMS pending without a code', async () => {
    const r = await call('admin', {
      method: 'POST',
      url: '/api/estates',
      payload: { code: 'fresh', name: '新苑', city: '北京' },
    });
    expect(r.statusCode, r.body).toBe(201);
    const list = await call('admin', { method: 'GET', url: `/api/estates/${r.json().id}/message-templates` });
    expect(list.statusCode, list.body).toBe(200);
    const byCode = Object.fromEntries(list.json().map((t: { code: string }) => [t.code, t]));
    expect(Object.keys(byCode).sort()).toEqual(DEFAULT_TEMPLATES.map((t) => t.code).sort());
    expect(byCode.festival_greeting).toMatchObject({
      purpose: 'greetings',
      providerTemplates: {
        sms_aliyun: { code: '', status: 'pending' },
        sms_tencent: { code: '', status: 'pending' },
      },
    });
    expect(byCode.festival_greeting.textEn).toContain('{name}');
    expect(byCode.health_tip.providerTemplates).toEqual({}); // never offered for SMS
    // What to submit to each provider: its placeholder syntax, and a greeting (marketing) ends
    // with the carriers' opt-out; Tencent numbers only the parameters the Chinese text uses.
    expect(byCode.festival_greeting.smsReviewText).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Aliyun's own placeholder syntax
      sms_aliyun: '${name}您好！${estate}物业服务中心祝您节日快乐，阖家安康！拒收请回复R',
      sms_tencent: '{1}您好！{2}物业服务中心祝您节日快乐，阖家安康！拒收请回复R',
    });
    expect(byCode.plate_restriction_reminder.smsReviewText.sms_tencent).toBe(
      '{1}您好，明天（{2}）{3}尾号{4}的机动车限行（{5}），您的车辆{6}在限行之列，请合理安排出行。',
    ); // a notice: no opt-out; cityEn and digitsEn are not SMS parameters
    expect(byCode.health_tip.smsReviewText).toBeNull();
    const tips = await call('admin', { method: 'GET', url: `/api/estates/${r.json().id}/tips` });
    expect(tips.json().length).toBeGreaterThan(15);
    // Seeding again adds nothing and keeps the estate's edits.
    expect(await seedDefaultTemplates(t.database.db, r.json().id, NOW)).toBe(0);
  });

  it('a greeting campaign on the dev channel runs out of the box; by SMS it waits for approval', async () => {
    const body = { name: '节日问候', purpose: 'greetings', templateCode: 'festival_greeting', audience: {} };
    const dev = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/campaigns`,
      payload: { ...body, channel: 'dev' },
    });
    expect(dev.statusCode, dev.body).toBe(201);
    await call('manager', { method: 'POST', url: `/api/campaigns/${dev.json().id}/start` });
    const before = t.c.messaging.devChannel.sent.length;
    expect(await t.c.messaging.dispatchDue(NOW)).toMatchObject({ sent: 3 }); // 陈一 陈二 林一
    const sent = t.c.messaging.devChannel.sent.slice(before);
    // The development channel stands in for SMS: the greeting ends with the opt-out, once.
    expect(sent.map((s) => s.textZh)).toContain(
      '陈一您好！reach小区物业服务中心祝您节日快乐，阖家安康！拒收请回复R',
    );

    const sms = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/campaigns`,
      payload: { ...body, channel: 'sms_aliyun' },
    });
    await call('manager', { method: 'POST', url: `/api/campaigns/${sms.json().id}/start` });
    await t.c.messaging.dispatchDue(NOW);
    const g = await call('manager', { method: 'GET', url: `/api/campaigns/${sms.json().id}` });
    expect(g.json().progress).toMatchObject({ suppressed: 3, sent: 0 });
    const reasons = await t.database.db
      .selectFrom('messages')
      .select('reason')
      .where('idem_key', 'like', `campaign:${sms.json().id}:%`)
      .execute();
    expect(new Set(reasons.map((x) => x.reason))).toEqual(new Set(['template_not_approved']));
  });
});

describe('tips as campaign content', () => {
  it('a seasonal tip goes to members who consented to tips, with the tip text', async () => {
    const id = await tipId('utilities');
    const r = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/campaigns/preview`,
      payload: {
        name: '冬季提示',
        purpose: 'tips',
        templateCode: 'seasonal_tip',
        channel: 'portal',
        tipId: id,
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().recipients).toBe(2); // household A only
    const tip = (await call('manager', { method: 'GET', url: `/api/estates/${estate.id}/tips` }))
      .json()
      .find((t: { id: string }) => t.id === id);
    expect(r.json().sample.textZh).toContain(tip.textZh);
    expect(r.json().sample.textZh).not.toContain('拒收请回复R'); // the portal inbox is not an SMS
    expect(r.json().sample.textEn).toContain(tip.textEn);
  });

  it('a health tip: only health-tips consent, never by SMS (400), and only as health_tips', async () => {
    const id = await tipId('health', '小雪');
    const base = { name: '小雪健康提示', purpose: 'health_tips', templateCode: 'health_tip', tipId: id };
    const sms = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/campaigns`,
      payload: { ...base, channel: 'sms_tencent' },
    });
    expect(sms.statusCode).toBe(400);
    expect(sms.json().error.code).toBe('CAMPAIGN_HEALTH_BY_SMS');
    const wrong = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/campaigns`,
      payload: { ...base, purpose: 'tips', templateCode: 'seasonal_tip', channel: 'portal' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('CAMPAIGN_TIP_PURPOSE');
    const ok = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/campaigns`,
      payload: { ...base, channel: 'portal' },
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().tipId).toBe(id);
    await call('manager', { method: 'POST', url: `/api/campaigns/${ok.json().id}/start` });
    await t.c.messaging.dispatchDue(NOW);
    const inbox = await t.database.db
      .selectFrom('portal_inbox')
      .select(['household_id', 'body_zh'])
      .where('purpose', '=', 'health_tips')
      .execute();
    expect(inbox.map((x) => x.household_id)).toEqual([h.B]);
    expect(inbox[0]!.body_zh).toContain('林一您好');
    expect(inbox[0]!.body_zh).toContain('燃气');
  });
});

describe('birthdays', () => {
  it('a birthday is stored only with the agreement, is proposed like a festival, and withdrawing deletes it', async () => {
    const put = await call('manager', {
      method: 'PUT',
      url: `/api/households/${h.A}/members/${m.陈二}/birthday`,
      payload: { monthDay: '12-03', grantedByName: '陈二' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const bad = await call('manager', {
      method: 'PUT',
      url: `/api/households/${h.A}/members/${m.陈二}/birthday`,
      payload: { monthDay: '02-30', grantedByName: '陈二' },
    });
    expect(bad.statusCode).toBe(400);
    const denied = await call('guard', { method: 'GET', url: `/api/households/${h.A}/birthdays` });
    expect(denied.statusCode).toBe(403);
    const p = await call('manager', {
      method: 'GET',
      url: `/api/estates/${estate.id}/campaign-proposals?from=2026-11-27&days=10`,
    });
    expect(p.statusCode, p.body).toBe(200);
    const bday = p.json().find((x: { kind: string }) => x.kind === 'birthday');
    expect(bday).toMatchObject({
      date: '2026-12-03',
      recipients: 1,
      templateCode: 'birthday_greeting',
      audience: { birthday: '12-03' },
    });
    const prev = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/campaigns/preview`,
      payload: {
        name: bday.name,
        purpose: 'greetings',
        templateCode: bday.templateCode,
        channel: 'dev',
        audience: bday.audience,
      },
    });
    expect(prev.json()).toMatchObject({ recipients: 1, sample: { memberName: '陈二' } });
    // An opt-out of greetings withdraws the birthday too.
    await call('manager', {
      method: 'PUT',
      url: `/api/households/${h.A}/consents/messaging`,
      payload: { purpose: 'greetings', granted: false, memberId: m.陈二 },
    });
    const list = await call('manager', { method: 'GET', url: `/api/households/${h.A}/birthdays` });
    expect(list.json()).toEqual([]);
  });
});

describe('birthday proposals count whom a greeting would reach', () => {
  it('a birthday in a household without the greetings consent, or opted out, is not proposed', async () => {
    const proposals = async () => {
      const r = await call('manager', {
        method: 'GET',
        url: `/api/estates/${estate.id}/campaign-proposals?from=2026-11-27&days=20`,
      });
      expect(r.statusCode, r.body).toBe(200);
      return r.json().filter((x: { kind: string }) => x.kind === 'birthday');
    };
    // 周一's household (C) never agreed to greetings; 林一's (B) did.
    for (const [hid, mid, name] of [
      [h.C!, m.周一!, '周一'],
      [h.B!, m.林一!, '林一'],
    ])
      expect(
        (
          await call('manager', {
            method: 'PUT',
            url: `/api/households/${hid}/members/${mid}/birthday`,
            payload: { monthDay: '12-07', grantedByName: name },
          })
        ).statusCode,
      ).toBe(200);
    const before = (await proposals()).find((x: { date: string }) => x.date === '2026-12-07');
    expect(before).toMatchObject({ recipients: 1, audience: { birthday: '12-07' } });
    // 林一 replies R to an SMS: an opt-out of everything by that phone, the birthday stays recorded.
    await t.database.db
      .insertInto('message_opt_outs')
      .values({
        estate_id: estate.id,
        id: `opt-${Date.now()}`,
        household_id: h.B!,
        member_id: m.林一!,
        purpose: 'greetings',
        granted: 0,
        channel: 'sms_aliyun',
        source: 'sms_reply',
        at: new Date(NOW.getTime() + 60_000).toISOString(),
        recorded_by: 'sms_reply',
      })
      .execute();
    expect((await proposals()).find((x: { date: string }) => x.date === '2026-12-07')).toBeUndefined();
  });
});

describe('festival proposals come from the calendar', () => {
  it('every greeting festival of the calendar is proposed once in a year, under the calendar’s name', async () => {
    const r = await call('manager', {
      method: 'GET',
      url: `/api/estates/${estate.id}/campaign-proposals?from=2026-01-01&days=365`,
    });
    const festivals = r
      .json()
      .filter((x: { kind: string }) => x.kind === 'festival')
      .map((x: { festival: string }) => x.festival);
    expect([...festivals].sort()).toEqual(Object.keys(GREETING_FESTIVALS).sort());
    const qixi = r.json().find((x: { festival: string }) => x.festival === '七夕节');
    expect(qixi).toMatchObject({ date: '2026-08-19', optional: true });
  });
});
