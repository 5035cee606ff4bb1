import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { buildApp } from '../../app.js';
import { type FakeServer, startFakeAliyun, startFakeTencent } from './testing/fake-sms-servers.js';
import { type MessagingFixture, messagingFixture } from './testing/setup.js';

// Friday 2026-11-27 10:00 Beijing: inside the sending window.
const NOW = '2026-11-27T02:00:00.000Z';

let f: MessagingFixture;
let app: FastifyInstance;
let tencent: FakeServer;
let aliyun: FakeServer;
let admin: string;
let hA: { id: string; memberIds: string[] };
let hB: { id: string; memberIds: string[] };

const status = (key: string) =>
  f.db
    .selectFrom('messages')
    .select(['status', 'last_error', 'delivered_at', 'provider_message_id', 'id'])
    .where('idem_key', '=', key)
    .executeTakeFirstOrThrow();

async function urls(channel: string) {
  const r = await app.inject({
    method: 'GET',
    url: `/api/estates/${f.estate.id}/message-providers/${channel}/callbacks`,
    headers: { cookie: admin },
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { statusUrl: string; replyUrl: string };
}

beforeAll(async () => {
  f = await messagingFixture(NOW);
  tencent = await startFakeTencent({ AKIDrcpt: 'tencent-secret' });
  aliyun = await startFakeAliyun({ LTAIrcpt: 'aliyun-secret' });
  app = await buildApp({ container: f.c, logLevel: 'silent', validateResponses: true });
  await app.ready();
  await createStaff(f.db, 'admin', 'admin', [f.estate]);
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: TEST_PASSWORD },
  });
  admin = `sid=${login.cookies.find((x) => x.name === 'sid')!.value}`;
  await f.messaging.putProvider(f.sys, f.estate.id, 'sms_tencent', {
    signName: '绿园物业',
    endpoint: tencent.url,
    sdkAppId: '1400006666',
    accessKeyId: 'AKIDrcpt',
    accessKeySecret: 'tencent-secret',
  });
  await f.messaging.putProvider(f.sys, f.estate.id, 'sms_aliyun', {
    signName: '绿园物业',
    endpoint: aliyun.url,
    accessKeyId: 'LTAIrcpt',
    accessKeySecret: 'aliyun-secret',
  });
  await f.template('greet', 'greetings', {
    sms_tencent: { code: '1110', status: 'approved' },
    sms_aliyun: { code: 'SMS_1', status: 'approved' },
  });
  hA = await f.household(0, ['13812345678'], ['greetings', 'tips']);
  hB = await f.household(1, ['13900001111'], ['greetings']);
  const msg = (key: string, h: typeof hA, channel: 'sms_tencent' | 'sms_aliyun', purpose = 'greetings') => ({
    estateId: f.estate.id,
    key,
    householdId: h.id,
    memberId: h.memberIds[0]!,
    channel,
    templateCode: 'greet',
    params: { name: '张三' },
    purpose: purpose as 'greetings',
    createdBy: 'test',
  });
  await f.messaging.enqueue([
    msg('t1', hA, 'sms_tencent'),
    msg('t2', hB, 'sms_tencent'),
    msg('a1', hA, 'sms_aliyun'),
  ]);
  expect(await f.messaging.dispatchDue(f.clock.now())).toMatchObject({ sent: 3 });
});

afterAll(async () => {
  await app?.close();
  await tencent?.close();
  await aliyun?.close();
  await f?.close();
});

describe('delivery receipts', () => {
  it('a callback with a wrong token changes nothing (404)', async () => {
    const t1 = await status('t1');
    const { statusUrl } = await urls('sms_tencent');
    const forged = statusUrl.replace(/\/[^/]+\/status$/, '/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/status');
    const r = await app.inject({
      method: 'POST',
      url: forged,
      payload: [{ sid: t1.provider_message_id, report_status: 'SUCCESS', errmsg: 'DELIVRD' }],
    });
    expect(r.statusCode).toBe(404);
    // The Tencent token does not open the Aliyun endpoint of the same estate either.
    const cross = await app.inject({
      method: 'POST',
      url: statusUrl.replace(/sms_tencent/, 'sms_aliyun'),
      payload: [{ success: true, out_id: t1.id }],
    });
    expect(cross.statusCode).toBe(404);
    expect((await status('t1')).status).toBe('sent');
  });

  it('Tencent reports mark messages delivered or failed by SerialNo', async () => {
    const [t1, t2] = [await status('t1'), await status('t2')];
    const { statusUrl } = await urls('sms_tencent');
    const r = await app.inject({
      method: 'POST',
      url: statusUrl,
      payload: [
        {
          user_receive_time: '2026-11-27 10:00:05',
          nationcode: '86',
          mobile: '13812345678',
          report_status: 'SUCCESS',
          errmsg: 'DELIVRD',
          description: '用户短信送达成功',
          sid: t1.provider_message_id,
        },
        {
          user_receive_time: '2026-11-27 10:00:06',
          nationcode: '86',
          mobile: '13900001111',
          report_status: 'FAIL',
          errmsg: 'MK:0001',
          description: '空号',
          sid: t2.provider_message_id,
        },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ result: 0, errmsg: 'OK' });
    expect(await status('t1')).toMatchObject({ status: 'delivered' });
    expect((await status('t1')).delivered_at).not.toBeNull();
    expect(await status('t2')).toMatchObject({ status: 'failed', last_error: 'MK:0001 空号' });
  });

  it('Aliyun reports match our OutId', async () => {
    const a1 = await status('a1');
    const { statusUrl } = await urls('sms_aliyun');
    const r = await app.inject({
      method: 'POST',
      url: statusUrl,
      payload: [
        {
          phone_number: '13812345678',
          send_time: '2026-11-27 10:00:00',
          report_time: '2026-11-27 10:00:04',
          success: true,
          err_code: 'DELIVERED',
          err_msg: '用户接收成功',
          sms_size: '1',
          biz_id: a1.provider_message_id,
          out_id: a1.id,
        },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({ code: 0, msg: '接收成功' });
    expect((await status('a1')).status).toBe('delivered');
  });
});

describe('SMS replies', () => {
  it('a reply of R opts the sender out of marketing at once; queued greetings are suppressed', async () => {
    await f.messaging.enqueue([
      {
        estateId: f.estate.id,
        key: 'later',
        householdId: hA.id,
        memberId: hA.memberIds[0]!,
        channel: 'sms_tencent',
        templateCode: 'greet',
        params: { name: '张三' },
        purpose: 'greetings',
        createdBy: 'test',
        notBefore: new Date('2026-11-28T02:00:00Z'),
      },
    ]);
    const { replyUrl } = await urls('sms_tencent');
    const chat = await app.inject({
      method: 'POST',
      url: replyUrl,
      payload: {
        extend: '',
        mobile: '13812345678',
        nationcode: '86',
        sign: '绿园物业',
        text: '谢谢',
        time: 1795744800,
      },
    });
    expect(chat.statusCode).toBe(200);
    expect((await status('later')).status).toBe('queued');
    const stop = await app.inject({
      method: 'POST',
      url: replyUrl,
      payload: {
        extend: '',
        mobile: '13812345678',
        nationcode: '86',
        sign: '绿园物业',
        text: ' r ',
        time: 1795744800,
      },
    });
    expect(stop.statusCode, stop.body).toBe(200);
    expect(await status('later')).toMatchObject({ status: 'suppressed' });
    const events = await f.db
      .selectFrom('message_opt_outs')
      .select(['purpose', 'granted', 'source'])
      .where('household_id', '=', hA.id)
      .execute();
    expect(events.map((e) => e.purpose).sort()).toEqual(['greetings', 'health_tips', 'tips']);
    expect(events.every((e) => Number(e.granted) === 0 && e.source === 'sms_reply')).toBe(true);
  });

  it('Aliyun replies (退订 from +86…) opt out; a forged reply changes nothing', async () => {
    const { replyUrl } = await urls('sms_aliyun');
    const forged = await app.inject({
      method: 'POST',
      url: replyUrl.replace(/\/[^/]+\/replies$/, '/wrongtoken/replies'),
      payload: [
        {
          phone_number: '13900001111',
          content: '退订',
          sign_name: '绿园物业',
          send_time: '2026-11-27 10:01:00',
        },
      ],
    });
    expect(forged.statusCode).toBe(404);
    const count = () =>
      f.db.selectFrom('message_opt_outs').select('id').where('household_id', '=', hB.id).execute();
    expect(await count()).toHaveLength(0);
    const r = await app.inject({
      method: 'POST',
      url: replyUrl,
      payload: [
        {
          phone_number: '+8613900001111',
          content: '退订',
          sign_name: '绿园物业',
          send_time: '2026-11-27 10:01:00',
          dest_code: '',
          sequence_id: 1,
        },
      ],
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(await count()).toHaveLength(3);
  });
});
