import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStaff, TEST_PASSWORD } from '../../../test/helpers/factories.js';
import { buildApp } from '../../app.js';
import { type MessagingFixture, messagingFixture } from './testing/setup.js';
import { startSmtp } from './testing/smtp-server.js';

// Friday 2026-11-27 10:00 Beijing.
const NOW = '2026-11-27T02:00:00.000Z';

/** Quoted-printable (soft line breaks already removed) → text. */
function decodeQuotedPrintable(s: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const hex = s.slice(i + 1, i + 3);
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

let f: MessagingFixture;
let app: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let admin: string;
let h: { id: string; memberIds: string[] };

const msg = (key: string, address: string, purpose = 'greetings') => ({
  estateId: f.estate.id,
  key,
  householdId: h.id,
  memberId: h.memberIds[0]!,
  address,
  channel: 'email' as const,
  templateCode: 'greet',
  params: { name: '王芳' },
  purpose: purpose as 'greetings',
  createdBy: 'test',
});
const row = (key: string) =>
  f.db
    .selectFrom('messages')
    .select(['status', 'reason', 'last_error', 'provider_message_id', 'id'])
    .where('idem_key', '=', key)
    .executeTakeFirstOrThrow();

beforeAll(async () => {
  f = await messagingFixture(NOW);
  smtp = await startSmtp('notice@lvyuan.example', 'smtp-pass-123');
  app = await buildApp({ container: f.c, logLevel: 'silent', validateResponses: true });
  await app.ready();
  await createStaff(f.db, 'admin', 'admin', [f.estate]);
  await createStaff(f.db, 'manager', 'manager', [f.estate]);
  const login = async (u: string) =>
    `sid=${(await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: u, password: TEST_PASSWORD } })).cookies.find((x) => x.name === 'sid')!.value}`;
  admin = await login('admin');
  h = await f.household(0, ['13812345678'], ['greetings', 'health_tips']);
  await f.template('greet', 'greetings');
});

afterAll(async () => {
  await app?.close();
  await smtp?.close();
  await f?.close();
});

describe('e-mail over SMTP', () => {
  it('without an SMTP server a message waits with no_provider', async () => {
    await f.messaging.enqueue([msg('e0', 'wang@example.com')]);
    await f.messaging.dispatchDue(f.clock.now());
    expect(await row('e0')).toMatchObject({ status: 'queued', reason: 'no_provider' });
    const r = await app.inject({
      method: 'GET',
      url: `/api/estates/${f.estate.id}/email-provider`,
      headers: { cookie: admin },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toBeNull();
  });

  it('stores the SMTP server (admin only; password encrypted and never returned)', async () => {
    const payload = {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      username: 'notice@lvyuan.example',
      password: 'smtp-pass-123',
      fromAddress: 'notice@lvyuan.example',
      fromName: '绿苑物业服务中心',
    };
    const manager = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'manager', password: TEST_PASSWORD },
    });
    const denied = await app.inject({
      method: 'PUT',
      url: `/api/estates/${f.estate.id}/email-provider`,
      headers: { cookie: `sid=${manager.cookies.find((x) => x.name === 'sid')!.value}` },
      payload,
    });
    expect(denied.statusCode).toBe(403);
    const r = await app.inject({
      method: 'PUT',
      url: `/api/estates/${f.estate.id}/email-provider`,
      headers: { cookie: admin },
      payload,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      host: '127.0.0.1',
      port: smtp.port,
      usernameHint: 'no***le',
      hasSecret: true,
    });
    expect(r.body).not.toContain('smtp-pass-123');
    const stored = await f.db
      .selectFrom('message_providers')
      .select('secrets_enc')
      .where('channel', '=', 'email')
      .executeTakeFirstOrThrow();
    expect(stored.secrets_enc).not.toContain('smtp-pass');
    // The SMS provider list is unchanged by it.
    const list = await app.inject({
      method: 'GET',
      url: `/api/estates/${f.estate.id}/message-providers`,
      headers: { cookie: admin },
    });
    expect(list.json()).toEqual([]);
  });

  it('sends through the server with AUTH; the message carries both languages and the outbox id', async () => {
    f.clock.advance(11 * 60_000); // past the no_provider recheck
    await f.messaging.dispatchDue(f.clock.now());
    expect(await row('e0')).toMatchObject({ status: 'sent' });
    expect(smtp.authFailures).toEqual([]);
    expect(smtp.received).toHaveLength(1);
    const m = smtp.received[0]!;
    expect(m).toMatchObject({
      user: 'notice@lvyuan.example',
      from: 'notice@lvyuan.example',
      to: ['wang@example.com'],
    });
    const raw = m.raw.replace(/=\r?\n/g, '');
    expect(raw).toMatch(/^Subject: greet/m);
    expect(raw).toContain(`Message-ID: <${(await row('e0')).id}@guanjia.local>`);
    expect(raw).toMatch(/Content-Type: text\/plain; charset=utf-8/i);
    // nodemailer picks base64 or quoted-printable by how much of the text is ASCII.
    const body = raw
      .split(/\r?\n\r?\n/)
      .slice(1)
      .join('\n\n');
    const text = /Content-Transfer-Encoding: base64/i.test(raw)
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : decodeQuotedPrintable(body);
    expect(text).toContain('王芳您好，祝您节日快乐。');
    expect(text).toContain('Dear 王芳, happy holidays.');
    // A greeting is marketing: it says how to stop such e-mails, in both languages, and mail
    // clients get a List-Unsubscribe to the estate's mailbox.
    expect(text).toContain('如不想再收到此类邮件，请回复本邮件“退订”或告知您的管家。');
    expect(text).toContain('To stop receiving such e-mails, reply "unsubscribe"');
    expect(raw).toMatch(/^List-Unsubscribe: <mailto:notice@lvyuan\.example>/m);
  });

  it('a refused login (535) fails the message: it is not retried with a wrong password', async () => {
    await f.messaging.putEmailProvider(f.sys, f.estate.id, {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      password: 'wrong-password',
      fromAddress: 'notice@lvyuan.example',
      fromName: '绿苑物业服务中心',
    });
    await f.messaging.enqueue([msg('e1', 'li@example.com')]);
    await f.messaging.dispatchDue(f.clock.now());
    expect(smtp.authFailures).toEqual(['notice@lvyuan.example']);
    const r = await row('e1');
    expect(r.status).toBe('failed');
    expect(r.last_error).toContain('Invalid username or password');
  });

  it('a refused mailbox (550) fails the message; health tips may go by e-mail', async () => {
    await f.messaging.putEmailProvider(f.sys, f.estate.id, {
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      password: 'smtp-pass-123',
      fromAddress: 'notice@lvyuan.example',
      fromName: '绿苑物业服务中心',
    });
    smtp.rejectNextRecipient();
    await f.messaging.enqueue([msg('e2', 'nobody@example.com')]);
    await f.messaging.dispatchDue(f.clock.now());
    expect(await row('e2')).toMatchObject({ status: 'failed' });
    await f.template('health', 'health_tips');
    await f.messaging.enqueue([{ ...msg('e3', 'wang@example.com', 'health_tips'), templateCode: 'health' }]);
    await f.messaging.dispatchDue(f.clock.now());
    expect(await row('e3')).toMatchObject({ status: 'sent' });
    expect(smtp.received).toHaveLength(2);
  });
});
