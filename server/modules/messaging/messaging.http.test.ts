import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEstate,
  createStaff,
  TEST_PASSWORD,
  type TestEstate,
} from '../../../test/helpers/factories.js';
import { buildApp } from '../../app.js';
import { type FakeServer, startFakeTencent } from './testing/fake-sms-servers.js';
import { type MessagingFixture, messagingFixture } from './testing/setup.js';

const NOW = '2026-11-27T02:00:00.000Z';

let f: MessagingFixture;
let app: FastifyInstance;
let tencent: FakeServer;
let other: TestEstate;
const cookies: Record<string, string> = {};
let householdId: string;

function call(who: string, opts: InjectOptions) {
  return app.inject({ ...opts, headers: { cookie: cookies[who]!, ...(opts.headers ?? {}) } });
}

beforeAll(async () => {
  f = await messagingFixture(NOW);
  tencent = await startFakeTencent({ AKIDhttp: 'http-secret-key' });
  app = await buildApp({ container: f.c, logLevel: 'silent', validateResponses: true });
  await app.ready();
  other = await createEstate(f.db, 'othermsg', { buildings: 1, floors: 1 });
  for (const role of ['admin', 'manager', 'butler', 'culture', 'guard'] as const)
    await createStaff(f.db, role, role, [f.estate], role === 'guard' ? 'security' : 'service');
  await createStaff(f.db, 'foreign', 'manager', [other], 'management');
  for (const u of ['admin', 'manager', 'butler', 'culture', 'guard', 'foreign']) {
    const r = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: u, password: TEST_PASSWORD },
    });
    expect(r.statusCode, r.body).toBe(200);
    cookies[u] = `sid=${r.cookies.find((x) => x.name === 'sid')!.value}`;
  }
  const h = await f.household(0, ['13812345678'], ['greetings']);
  householdId = h.id;
  await f.messaging.enqueue([
    {
      estateId: f.estate.id,
      key: 'campaign:c1:m1',
      householdId: h.id,
      memberId: h.memberIds[0]!,
      channel: 'sms_tencent',
      templateCode: 'greet',
      params: { name: '张三', estateEn: 'Green Garden' },
      purpose: 'greetings',
      createdBy: 'test',
    },
  ]);
});
afterAll(async () => {
  await app.close();
  await tencent.close();
  await f.close();
});

describe('messaging API', () => {
  it('puts templates (campaign.manage) and lists them (message.read)', async () => {
    const body = {
      name: '节日问候',
      purpose: 'greetings',
      textZh: '{name}您好，祝您节日快乐。拒收请回复R',
      textEn: 'Dear {name}, happy holidays from {estateEn}.',
      paramNames: ['name', 'estateEn'],
      providerTemplates: { sms_tencent: { code: '1110', status: 'approved' } },
    };
    const url = `/api/estates/${f.estate.id}/message-templates/greet`;
    expect((await call('guard', { method: 'PUT', url, payload: body })).statusCode).toBe(403);
    const r = await call('butler', { method: 'PUT', url, payload: body });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ code: 'greet', version: 1 });
    // The opt-out the text already ends with is not added twice; {estateEn} is not an SMS parameter.
    expect(r.json().smsReviewText).toEqual({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Aliyun's own placeholder syntax
      sms_aliyun: '${name}您好，祝您节日快乐。拒收请回复R',
      sms_tencent: '{1}您好，祝您节日快乐。拒收请回复R',
    });
    const bad = await call('butler', { method: 'PUT', url, payload: { ...body, paramNames: [] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('TEMPLATE_PARAMS_MISMATCH');
    const list = await call('culture', {
      method: 'GET',
      url: `/api/estates/${f.estate.id}/message-templates`,
    });
    expect(list.json().map((t: { code: string }) => t.code)).toEqual(['greet']);
    expect(
      (await call('foreign', { method: 'GET', url: `/api/estates/${f.estate.id}/message-templates` }))
        .statusCode,
    ).toBe(404);
  });

  it('keeps a provider entry whose template code is still empty (to be filled once approved)', async () => {
    const url = `/api/estates/${f.estate.id}/message-templates/pending_code`;
    const body = {
      name: '待审模板',
      purpose: 'tips',
      textZh: '{name}您好，天冷注意保暖。',
      paramNames: ['name'],
      providerTemplates: {
        sms_aliyun: { code: '', status: 'pending' },
        sms_tencent: { code: '', status: 'draft' },
      },
    };
    const r = await call('manager', { method: 'PUT', url, payload: body });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().providerTemplates).toEqual({
      sms_aliyun: { code: '', status: 'pending' },
      sms_tencent: { code: '', status: 'draft' },
    });
    // Approved without its code is refused, naming the field.
    const approved = await call('manager', {
      method: 'PUT',
      url,
      payload: { ...body, providerTemplates: { sms_aliyun: { code: ' ', status: 'approved' } } },
      headers: { 'accept-language': 'en' },
    });
    expect(approved.statusCode).toBe(400);
    expect(approved.json().error.details.issues[0].path).toEqual(['providerTemplates', 'sms_aliyun', 'code']);
    const list = await call('culture', {
      method: 'GET',
      url: `/api/estates/${f.estate.id}/message-templates`,
    });
    const t = list.json().find((x: { code: string }) => x.code === 'pending_code');
    expect(t.providerTemplates.sms_aliyun).toEqual({ code: '', status: 'pending' });
  });

  it('lists the outbox with masked phones and says why a message waits (no_provider)', async () => {
    const d = await call('admin', { method: 'POST', url: '/api/messages/dispatch', payload: {} });
    expect(d.statusCode, d.body).toBe(200);
    expect(d.json()).toMatchObject({ claimed: 1, deferred: 1 });
    const r = await call('butler', { method: 'GET', url: `/api/messages?estateId=${f.estate.id}` });
    expect(r.statusCode, r.body).toBe(200);
    const [m] = r.json().items;
    expect(m).toMatchObject({
      status: 'queued',
      reason: 'no_provider',
      address: '138****5678',
      key: 'campaign:c1:m1',
    });
    expect(r.body).not.toContain('13812345678');
    const one = await call('manager', { method: 'GET', url: `/api/messages/${m.id}` });
    expect(one.json().id).toBe(m.id);
    expect((await call('foreign', { method: 'GET', url: `/api/messages/${m.id}` })).statusCode).toBe(404);
    expect(
      (await call('guard', { method: 'GET', url: `/api/messages?estateId=${f.estate.id}` })).statusCode,
    ).toBe(403);
  });

  it('stores provider credentials (admin only) and never returns the secret', async () => {
    const url = `/api/estates/${f.estate.id}/message-providers/sms_tencent`;
    const payload = {
      signName: '绿园物业',
      endpoint: tencent.url,
      sdkAppId: '1400006666',
      accessKeyId: 'AKIDhttp',
      accessKeySecret: 'http-secret-key',
    };
    expect((await call('manager', { method: 'PUT', url, payload })).statusCode).toBe(403);
    const incomplete = await call('admin', {
      method: 'PUT',
      url,
      payload: { signName: 'x', accessKeyId: 'a' },
    });
    expect(incomplete.statusCode).toBe(400);
    const r = await call('admin', { method: 'PUT', url, payload });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      channel: 'sms_tencent',
      hasSecret: true,
      accessKeyIdHint: 'http',
      enabled: true,
    });
    expect(r.body).not.toContain('http-secret-key');
    // Changing the sign name keeps the stored secret.
    const again = await call('admin', { method: 'PUT', url, payload: { signName: '绿园物业服务中心' } });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().version).toBe(2);
    const list = await call('butler', {
      method: 'GET',
      url: `/api/estates/${f.estate.id}/message-providers`,
    });
    expect(list.json()).toHaveLength(1);
    expect(list.body).not.toContain('http-secret-key');
    // The waiting message goes out through the real client once the provider exists.
    f.clock.advance(10 * 60_000);
    const d = await call('admin', { method: 'POST', url: '/api/messages/dispatch', payload: {} });
    expect(d.json()).toMatchObject({ sent: 1 });
    expect(tencent.accepted.at(-1)!.params).toMatchObject({
      SignName: '绿园物业服务中心',
      TemplateId: '1110',
      TemplateParamSet: ['张三'], // only what the Chinese text uses, in order
      PhoneNumberSet: ['+8613812345678'],
    });
    expect(
      (await call('manager', { method: 'POST', url: '/api/messages/dispatch', payload: {} })).statusCode,
    ).toBe(403);
  });

  it('records an opt-out per purpose (consent.manage); it suppresses queued messages at once', async () => {
    await f.messaging.enqueue([
      {
        estateId: f.estate.id,
        key: 'campaign:c2:m1',
        householdId,
        channel: 'portal',
        templateCode: 'greet',
        params: { name: '张三' },
        purpose: 'greetings',
        createdBy: 'test',
      },
    ]);
    const url = `/api/households/${householdId}/consents/messaging`;
    expect(
      (await call('guard', { method: 'PUT', url, payload: { purpose: 'greetings', granted: false } }))
        .statusCode,
    ).toBe(403);
    const r = await call('butler', {
      method: 'PUT',
      url,
      payload: { purpose: 'greetings', granted: false, source: 'staff' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ granted: false, suppressedQueued: 1 });
    const list = await call('butler', {
      method: 'GET',
      url: `/api/messages?estateId=${f.estate.id}&status=suppressed`,
    });
    expect(list.json().items.map((m: { key: string; reason: string }) => [m.key, m.reason])).toEqual([
      ['campaign:c2:m1', 'opted_out'],
    ]);
    const audit = await f.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', householdId)
      .execute();
    expect(audit.map((a) => a.action)).toContain('consent.messaging_opt_out');
  });
});
