import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/build-app.js';
import { createEstate, createStaff, type TestEstate } from '../../../test/helpers/factories.js';
import { systemActor } from '../auth/index.js';
import { startSmtp } from '../messaging/testing/smtp-server.js';

// A member's e-mail address in the archive, and e-mail as a campaign channel: only members with
// an address (and the purpose's consent) are reached, through the estate's SMTP server.

let t: TestApp;
let estate: TestEstate;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let householdId: string;
const cookies: Record<string, string> = {};
const call = (who: string, opts: InjectOptions) => t.call(cookies[who], opts);

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  estate = await createEstate(db, 'mail', { buildings: 1, floors: 1 });
  for (const [u, role] of [
    ['admin', 'admin'],
    ['manager', 'manager'],
    ['butler', 'butler'],
    ['guard', 'guard'],
  ] as const)
    await createStaff(db, u, role, [estate]);
  for (const u of ['admin', 'manager', 'butler', 'guard']) cookies[u] = await t.login(u);
  smtp = await startSmtp('notice@mail.example', 'smtp-pass-456');

  const sys = systemActor([estate.id]);
  const h = await t.c.households.create(sys, {
    estateId: estate.id,
    roomId: estate.roomIds[0]!,
    occupancy: 'owner_occupied',
    members: [
      { name: '王一', role: 'owner', phone: '13800000011', email: 'wang.yi@example.com' },
      { name: '王二', role: 'family', phone: '13800000012' },
    ],
  } as never);
  householdId = h.id;
  await t.c.consents.record(sys, h.id, {
    purpose: 'greetings',
    memberId: null,
    grantedByName: '本人',
    method: 'paper_form',
    noticeVersion: '2026-01',
  } as never);
  await t.c.messaging.upsertTemplate(sys, estate.id, 'festival_greeting', {
    name: '节日问候',
    purpose: 'greetings',
    textZh: '{name}您好，{estate}祝您冬至快乐！',
    textEn: 'Dear {name}, happy Winter Solstice from {estate}!',
    paramNames: ['name', 'estate'],
  } as never);
});

afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

type MemberEdit = { id: string; name: string; role: string; email?: string | null; phone?: string };

/**
 * Reads the archive as the butler, lets `edit` change its members (ids, names and roles kept;
 * phones and addresses left out unless set, which keeps the stored ones) and sends the edit.
 */
async function editMembers(edit: (members: MemberEdit[]) => void, lang = 'en') {
  const current = await call('butler', { method: 'GET', url: `/api/households/${householdId}` });
  const members: MemberEdit[] = current.json().members.map((m: MemberEdit) => ({
    id: m.id,
    name: m.name,
    role: m.role,
  }));
  edit(members);
  const r = await call('butler', {
    method: 'PATCH',
    url: `/api/households/${householdId}`,
    headers: { 'if-match': current.headers.etag as string, 'accept-language': lang },
    payload: { members },
  });
  return { r, before: current.json().version as number };
}

describe('a member’s e-mail address', () => {
  it('is shown in full to a butler and masked to a guard', async () => {
    const butler = await call('butler', { method: 'GET', url: `/api/households/${householdId}` });
    expect(butler.statusCode, butler.body).toBe(200);
    const [wang1, wang2] = butler.json().members;
    expect(wang1.email).toBe('wang.yi@example.com');
    expect(wang2.email).toBeNull();
    const guard = await call('guard', { method: 'GET', url: `/api/households/${householdId}` });
    expect(guard.json().members[0].email).toBe('w***@example.com');
    expect(guard.body).not.toContain('wang.yi@');
  });

  it('a bad address is a 400 naming the member’s field, in the reader’s language; nothing changes', async () => {
    const { r, before } = await editMembers((m) => {
      m[1]!.email = 'wang-er at example';
    }, 'zh-CN');
    expect(r.statusCode, r.body).toBe(400);
    const issue = r.json().error.details.issues[0];
    expect(issue.field).toBe('members.1.email');
    expect(issue.message).toBe('应为电子邮箱地址，如 name@example.com');
    const after = await call('butler', { method: 'GET', url: `/api/households/${householdId}` });
    expect(after.json().version).toBe(before);
  });

  it('an edit that leaves an address out keeps it; a new one is stored lower-cased; the history shows it masked', async () => {
    const { r } = await editMembers((m) => {
      m[1]!.email = ' Wang.Er@Example.COM ';
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().members.map((m: { email: string | null }) => m.email)).toEqual([
      'wang.yi@example.com',
      'wang.er@example.com',
    ]);
    const history = await call('butler', { method: 'GET', url: `/api/households/${householdId}/history` });
    expect(history.statusCode, history.body).toBe(200);
    expect(history.body).toContain('w***@example.com');
    expect(history.body).not.toContain('wang.er@example.com');
    // Back to one address for the campaign below.
    const again = await editMembers((m) => {
      m[1]!.email = null;
    });
    expect(again.r.statusCode, again.r.body).toBe(200);
    expect(again.r.json().members[1].email).toBeNull();
  });

  it('a phone or address changed to one with the same mask is still a change, kept in the history', async () => {
    const { r, before } = await editMembers((m) => {
      m[0]!.email = 'wy@example.com'; // w***@example.com, like wang.yi@example.com
      m[1]!.phone = '13899990012'; // 138****0012, like 13800000012
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().version).toBe(before + 1);
    expect(r.json().members[0].email).toBe('wy@example.com');
    expect(r.json().members[1].phone).toBe('13899990012');
    const history = await call('butler', { method: 'GET', url: `/api/households/${householdId}/history` });
    expect(history.body).toContain('members[王一].email');
    expect(history.body).toContain('members[王二].phone');
    expect(history.body).not.toContain('wy@example.com');
    // Back to the first address for the campaign below.
    const back = await editMembers((m) => {
      m[0]!.email = 'wang.yi@example.com';
    });
    expect(back.r.statusCode, back.r.body).toBe(200);
  });
});

describe('e-mail campaigns', () => {
  const body = {
    name: '冬至问候（邮件）',
    purpose: 'greetings',
    templateCode: 'festival_greeting',
    channel: 'email',
    audience: {},
  };

  it('the preview counts only members with an address and names those without', async () => {
    const r = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/campaigns/preview`,
      payload: body,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      recipients: 1,
      excluded: { noConsent: 0, optedOut: 0, noPhone: 0, noEmail: 1 },
    });
    // An e-mail is not an SMS: no SMS opt-out wording.
    expect(r.json().sample.textZh).toBe('王一您好，mail小区祝您冬至快乐！');
  });

  it('waits for the SMTP server, then reaches the member’s address through it', async () => {
    const created = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/campaigns`,
      payload: body,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    expect((await call('manager', { method: 'POST', url: `/api/campaigns/${id}/start` })).statusCode).toBe(
      200,
    );
    await t.c.messaging.dispatchDue(t.clock.now());
    const waiting = await t.database.db
      .selectFrom('messages')
      .select(['status', 'reason', 'address', 'channel'])
      .where('idem_key', 'like', `campaign:${id}:%`)
      .execute();
    expect(waiting).toEqual([
      { status: 'queued', reason: 'no_provider', address: 'wang.yi@example.com', channel: 'email' },
    ]);

    const put = await call('admin', {
      method: 'PUT',
      url: `/api/estates/${estate.id}/email-provider`,
      payload: {
        host: '127.0.0.1',
        port: smtp.port,
        secure: false,
        username: 'notice@mail.example',
        password: 'smtp-pass-456',
        fromAddress: 'notice@mail.example',
        fromName: 'mail小区物业服务中心',
      },
    });
    expect(put.statusCode, put.body).toBe(200);
    t.clock.advance(10 * 60_000); // past the no-provider recheck
    const d = await t.c.messaging.dispatchDue(t.clock.now());
    expect(d).toMatchObject({ sent: 1 });
    expect(smtp.received.map((m) => m.to)).toEqual([['wang.yi@example.com']]);
    const progress = await call('manager', { method: 'GET', url: `/api/campaigns/${id}` });
    expect(progress.json().progress).toMatchObject({ sent: 1 });
    const outbox = await call('manager', {
      method: 'GET',
      url: `/api/messages?estateId=${estate.id}&channel=email`,
    });
    expect(outbox.statusCode, outbox.body).toBe(200);
    expect(outbox.json().items[0].address).toBe('w***@example.com');
  });
});
