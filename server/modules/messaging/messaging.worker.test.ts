import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toIso } from '../../lib/dates.js';
import * as repo from './messaging.repository.js';
import { type FakeServer, startFakeAliyun } from './testing/fake-sms-servers.js';
import { type MessagingFixture, messagingFixture } from './testing/setup.js';

// Friday 2026-11-27 10:00 in Beijing.
const NOW = '2026-11-27T02:00:00.000Z';

let f: MessagingFixture;
let aliyun: FakeServer;
let n = 0;
const key = () => `test:${++n}`;

async function row(estateId: string, k: string) {
  return (await repo.getMessageByKey(f.db, estateId, k))!;
}

beforeAll(async () => {
  f = await messagingFixture(NOW);
  aliyun = await startFakeAliyun({ LTAI5tWORKER: 'worker-secret' });
  await f.template('greet', 'greetings', { sms_aliyun: { code: 'SMS_1001', status: 'approved' } });
  await f.template('notice', 'service_notices', { sms_aliyun: { code: 'SMS_1002', status: 'approved' } });
  await f.template('health', 'health_tips', { sms_aliyun: { code: 'SMS_1003', status: 'approved' } });
  await f.template('pending', 'greetings', { sms_aliyun: { code: 'SMS_1004', status: 'pending' } });
});
afterAll(async () => {
  await aliyun.close();
  await f.close();
});
afterEach(() => f.clock.set(NOW));

describe('outbox', () => {
  it('enqueue is idempotent by key: the second time inserts nothing', async () => {
    const h = await f.household(0, ['13800000001']);
    const k = key();
    const input = {
      estateId: f.estate.id,
      key: k,
      householdId: h.id,
      memberId: h.memberIds[0]!,
      channel: 'dev' as const,
      templateCode: 'notice',
      params: { name: '张' },
      purpose: 'service_notices' as const,
      createdBy: 'test',
    };
    expect(await f.messaging.enqueue([input])).toEqual({ inserted: 1 });
    expect(await f.messaging.enqueue([input, input])).toEqual({ inserted: 0 });
    const m = await row(f.estate.id, k);
    expect(m.address).toBe('13800000001'); // resolved from the member
    const sent = await f.messaging.dispatchDue(f.clock.now());
    expect(sent.sent).toBe(1);
    expect(f.dev.sent.filter((s) => s.messageId === m.id)).toHaveLength(1);
    expect((await f.messaging.dispatchDue(f.clock.now())).claimed).toBe(0);
  });

  it('sends greetings only to consenting recipients; service notices need no consent', async () => {
    const yes = await f.household(1, ['13800000011'], ['greetings']);
    const no = await f.household(2, ['13800000012']);
    const k1 = key();
    const k2 = key();
    const k3 = key();
    await f.messaging.enqueue([
      {
        estateId: f.estate.id,
        key: k1,
        householdId: yes.id,
        memberId: yes.memberIds[0]!,
        channel: 'dev',
        templateCode: 'greet',
        params: { name: '甲' },
        purpose: 'greetings',
        createdBy: 't',
      },
      {
        estateId: f.estate.id,
        key: k2,
        householdId: no.id,
        memberId: no.memberIds[0]!,
        channel: 'dev',
        templateCode: 'greet',
        params: { name: '乙' },
        purpose: 'greetings',
        createdBy: 't',
      },
      {
        estateId: f.estate.id,
        key: k3,
        householdId: no.id,
        memberId: no.memberIds[0]!,
        channel: 'dev',
        templateCode: 'notice',
        params: { name: '乙' },
        purpose: 'service_notices',
        createdBy: 't',
      },
    ]);
    await f.messaging.dispatchDue(f.clock.now());
    expect((await row(f.estate.id, k1)).status).toBe('sent');
    expect(await row(f.estate.id, k2)).toMatchObject({ status: 'suppressed', reason: 'no_consent' });
    expect((await row(f.estate.id, k3)).status).toBe('sent');
    const rendered = f.dev.sent.find((s) => s.to === '13800000011')!;
    expect(rendered.textZh).toBe('甲您好，祝您节日快乐。拒收请回复R');
  });

  it('an opt-out takes effect at once for queued messages, and is re-checked at send time', async () => {
    const h = await f.household(3, ['13800000021'], ['greetings', 'tips']);
    const k1 = key();
    const k2 = key();
    const base = {
      estateId: f.estate.id,
      householdId: h.id,
      memberId: h.memberIds[0]!,
      channel: 'dev' as const,
      params: { name: '丙' },
      createdBy: 't',
    };
    await f.messaging.enqueue([
      { ...base, key: k1, templateCode: 'greet', purpose: 'greetings' },
      { ...base, key: k2, templateCode: 'greet', purpose: 'tips' },
    ]);
    const r = await f.messaging.updateConsent(f.sys, h.id, {
      purpose: 'greetings',
      granted: false,
      source: 'portal',
    });
    expect(r.suppressedQueued).toBe(1);
    expect(await row(f.estate.id, k1)).toMatchObject({ status: 'suppressed', reason: 'opted_out' });
    // An SMS reply recorded without touching the queue (another process): the worker re-checks.
    f.clock.advance(1000);
    await repo.insertOptEvent(f.db, {
      estate_id: f.estate.id,
      id: `opt-${n}`,
      household_id: h.id,
      member_id: null,
      purpose: 'tips',
      granted: 0,
      channel: 'sms_aliyun',
      source: 'sms_reply',
      at: f.clock.now().toISOString(),
      recorded_by: 'sms',
    });
    await f.messaging.dispatchDue(f.clock.now());
    expect(await row(f.estate.id, k2)).toMatchObject({ status: 'suppressed', reason: 'opted_out' });
    // Opting in again lets new greetings through.
    f.clock.advance(1000);
    await f.messaging.updateConsent(f.sys, h.id, { purpose: 'greetings', granted: true });
    const k3 = key();
    await f.messaging.enqueue([{ ...base, key: k3, templateCode: 'greet', purpose: 'greetings' }]);
    await f.messaging.dispatchDue(f.clock.now());
    expect((await row(f.estate.id, k3)).status).toBe('sent');
  });

  it('holds a greeting queued at 22:30 Beijing time until 08:00', async () => {
    f.clock.set('2026-11-27T14:30:00Z'); // 22:30 in Beijing
    const h = await f.household(4, ['13800000031'], ['greetings']);
    const k = key();
    await f.messaging.enqueue([
      {
        estateId: f.estate.id,
        key: k,
        householdId: h.id,
        memberId: h.memberIds[0]!,
        channel: 'dev',
        templateCode: 'greet',
        params: { name: '丁' },
        purpose: 'greetings',
        createdBy: 't',
      },
    ]);
    await f.messaging.dispatchDue(f.clock.now());
    const waiting = await row(f.estate.id, k);
    expect(waiting).toMatchObject({ status: 'queued', reason: 'quiet_hours' });
    expect(toIso(waiting.not_before)).toBe('2026-11-28T00:00:00.000Z'); // 08:00 Beijing
    f.clock.set('2026-11-27T23:59:00Z'); // 07:59
    expect((await f.messaging.dispatchDue(f.clock.now())).claimed).toBe(0);
    f.clock.set('2026-11-28T00:00:00Z');
    await f.messaging.dispatchDue(f.clock.now());
    expect(await row(f.estate.id, k)).toMatchObject({ status: 'sent', reason: null });
  });

  it('never sends health tips by SMS; the portal inbox gets them', async () => {
    const h = await f.household(5, ['13800000041'], ['health_tips']);
    const k1 = key();
    const k2 = key();
    const base = {
      estateId: f.estate.id,
      householdId: h.id,
      memberId: h.memberIds[0]!,
      templateCode: 'health',
      params: { name: '戊' },
      purpose: 'health_tips' as const,
      createdBy: 't',
    };
    await f.messaging.enqueue([
      { ...base, key: k1, channel: 'sms_aliyun' },
      { ...base, key: k2, channel: 'portal' },
    ]);
    await f.messaging.dispatchDue(f.clock.now());
    expect(await row(f.estate.id, k1)).toMatchObject({
      status: 'suppressed',
      reason: 'health_content_by_sms',
    });
    const portal = await row(f.estate.id, k2);
    expect(portal.status).toBe('sent');
    const inbox = await f.db
      .selectFrom('portal_inbox')
      .selectAll()
      .where('message_id', '=', portal.id)
      .execute();
    expect(inbox).toHaveLength(1);
    expect(inbox[0]!.body_zh).toContain('戊您好');
  });

  it('caps what one phone receives per local day at 3', async () => {
    const h = await f.household(6, ['13800000051'], ['greetings']);
    const keys = [key(), key(), key(), key()];
    await f.messaging.enqueue(
      keys.map((k) => ({
        estateId: f.estate.id,
        key: k,
        householdId: h.id,
        memberId: h.memberIds[0]!,
        channel: 'dev' as const,
        templateCode: 'greet',
        params: { name: '己' },
        purpose: 'greetings' as const,
        createdBy: 't',
      })),
    );
    await f.messaging.dispatchDue(f.clock.now());
    const rows = await Promise.all(keys.map((k) => row(f.estate.id, k)));
    expect(rows.map((r) => r.status)).toEqual(['sent', 'sent', 'sent', 'suppressed']);
    expect(rows[3]!.reason).toBe('daily_cap');
  });

  it('does not send a template the provider has not approved', async () => {
    const h = await f.household(7, ['13800000061'], ['greetings']);
    const k = key();
    await f.messaging.enqueue([
      {
        estateId: f.estate.id,
        key: k,
        householdId: h.id,
        memberId: h.memberIds[0]!,
        channel: 'sms_aliyun',
        templateCode: 'pending',
        params: { name: '庚' },
        purpose: 'greetings',
        createdBy: 't',
      },
    ]);
    await f.messaging.dispatchDue(f.clock.now());
    expect(await row(f.estate.id, k)).toMatchObject({
      status: 'suppressed',
      reason: 'template_not_approved',
    });
  });

  it('keeps SMS queued with no_provider until one is configured, then sends through it', async () => {
    const h = await f.household(8, ['13800000071'], ['greetings']);
    const k = key();
    await f.messaging.enqueue([
      {
        estateId: f.estate.id,
        key: k,
        householdId: h.id,
        memberId: h.memberIds[0]!,
        channel: 'sms_aliyun',
        templateCode: 'greet',
        params: { name: '辛' },
        purpose: 'greetings',
        createdBy: 't',
      },
    ]);
    const r1 = await f.messaging.dispatchDue(f.clock.now());
    expect(r1.deferred).toBe(1);
    expect(await row(f.estate.id, k)).toMatchObject({ status: 'queued', reason: 'no_provider', attempts: 0 });
    const p = await f.messaging.putProvider(f.sys, f.estate.id, 'sms_aliyun', {
      enabled: true,
      signName: '绿园物业',
      endpoint: aliyun.url,
      accessKeyId: 'LTAI5tWORKER',
      accessKeySecret: 'worker-secret',
    });
    expect(JSON.stringify(p)).not.toContain('worker-secret');
    const stored = await repo.getProvider(f.db, f.estate.id, 'sms_aliyun');
    expect(stored!.secrets_enc).not.toContain('worker-secret');
    f.clock.advance(10 * 60_000);
    await f.messaging.dispatchDue(f.clock.now());
    const m = await row(f.estate.id, k);
    expect(m).toMatchObject({ status: 'sent', reason: null, attempts: 1 });
    const req = aliyun.accepted.find((a) => a.params.OutId === m.id)!;
    expect(req.params).toMatchObject({
      PhoneNumbers: '13800000071',
      TemplateCode: 'SMS_1001',
      SignName: '绿园物业',
    });
    expect(m.provider_message_id).toMatch(/\^0$/);
  });

  it('retries transient failures with exponential backoff, then succeeds', async () => {
    const k = key();
    await f.messaging.enqueue([
      {
        estateId: f.estate.id,
        key: k,
        address: '13800000081',
        channel: 'sms_aliyun',
        templateCode: 'notice',
        params: { name: '壬' },
        purpose: 'service_notices',
        createdBy: 't',
      },
    ]);
    aliyun.failNext(2, { status: 503, code: 'ServiceUnavailable' });
    await f.messaging.dispatchDue(f.clock.now());
    let m = await row(f.estate.id, k);
    expect(m).toMatchObject({ status: 'queued', attempts: 1 });
    expect(toIso(m.next_attempt_at)).toBe(new Date(f.clock.now().getTime() + 30_000).toISOString());
    f.clock.advance(30_000);
    await f.messaging.dispatchDue(f.clock.now());
    m = await row(f.estate.id, k);
    expect(m).toMatchObject({ status: 'queued', attempts: 2 });
    expect(toIso(m.next_attempt_at)).toBe(new Date(f.clock.now().getTime() + 60_000).toISOString());
    f.clock.advance(60_000);
    await f.messaging.dispatchDue(f.clock.now());
    expect(await row(f.estate.id, k)).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('fails after 5 attempts, and at once on a permanent error', async () => {
    const k1 = key();
    const k2 = key();
    const base = {
      estateId: f.estate.id,
      channel: 'sms_aliyun' as const,
      templateCode: 'notice',
      params: { name: '癸' },
      purpose: 'service_notices' as const,
      createdBy: 't',
    };
    await f.messaging.enqueue([{ ...base, key: k1, address: '13800000091' }]);
    aliyun.failNext(5, { status: 500, code: 'InternalError' });
    for (let i = 0; i < 5; i++) {
      await f.messaging.dispatchDue(f.clock.now());
      f.clock.advance(60 * 60_000);
    }
    expect(await row(f.estate.id, k1)).toMatchObject({ status: 'failed', attempts: 5 });
    await f.messaging.enqueue([{ ...base, key: k2, address: '13800000092' }]);
    aliyun.failNext(1, { status: 200, code: 'isv.MOBILE_NUMBER_ILLEGAL' });
    await f.messaging.dispatchDue(f.clock.now());
    const m = await row(f.estate.id, k2);
    expect(m).toMatchObject({ status: 'failed', attempts: 1 });
    expect(m.last_error).toContain('isv.MOBILE_NUMBER_ILLEGAL');
  });

  it('after a crash (lease expired) retries without sending twice', async () => {
    const kAccepted = key();
    const kNotYet = key();
    const base = {
      estateId: f.estate.id,
      channel: 'sms_aliyun' as const,
      templateCode: 'notice',
      params: { name: '子' },
      purpose: 'service_notices' as const,
      createdBy: 't',
    };
    await f.messaging.enqueue([
      { ...base, key: kAccepted, address: '13800000101' },
      { ...base, key: kNotYet, address: '13800000102' },
    ]);
    const past = new Date(f.clock.now().getTime() - 1000).toISOString();
    // Worker A crashed after the provider accepted the first (its id was stored) …
    await f.db
      .updateTable('messages')
      .set({
        status: 'sending',
        lease_until: past,
        claim_token: 'dead',
        provider_message_id: '999^0',
        attempts: 1,
      })
      .where('estate_id', '=', f.estate.id)
      .where('idem_key', '=', kAccepted)
      .execute();
    // … and before sending the second.
    await f.db
      .updateTable('messages')
      .set({ status: 'sending', lease_until: past, claim_token: 'dead' })
      .where('estate_id', '=', f.estate.id)
      .where('idem_key', '=', kNotYet)
      .execute();
    // A live lease is left alone.
    const before = aliyun.accepted.length;
    const r = await f.messaging.dispatchDue(f.clock.now());
    expect(r.sent).toBe(2);
    const a = await row(f.estate.id, kAccepted);
    const b = await row(f.estate.id, kNotYet);
    expect(a).toMatchObject({ status: 'sent', provider_message_id: '999^0', attempts: 1 });
    expect(b.status).toBe('sent');
    const sentNow = aliyun.accepted.slice(before).map((x) => x.params.OutId);
    expect(sentNow).toEqual([b.id]);
    // The dead worker's late write is fenced off by its lost claim token.
    expect(await repo.updateClaimed(f.db, a, 'dead', { status: 'failed' })).toBe(false);
    expect((await f.messaging.dispatchDue(f.clock.now())).claimed).toBe(0);
    expect(aliyun.accepted.length).toBe(before + 1);
  });

  it('does not reclaim a message whose lease is still running', async () => {
    const k = key();
    await f.messaging.enqueue([
      {
        estateId: f.estate.id,
        key: k,
        address: '13800000111',
        channel: 'dev',
        templateCode: 'notice',
        params: { name: '丑' },
        purpose: 'service_notices',
        createdBy: 't',
      },
    ]);
    const future = new Date(f.clock.now().getTime() + 30_000).toISOString();
    await f.db
      .updateTable('messages')
      .set({ status: 'sending', lease_until: future, claim_token: 'alive' })
      .where('estate_id', '=', f.estate.id)
      .where('idem_key', '=', k)
      .execute();
    expect((await f.messaging.dispatchDue(f.clock.now())).claimed).toBe(0);
  });
});
