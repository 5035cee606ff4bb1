/**
 * Reaching residents at scale (issue 5), in process:
 * - a festival greeting to ~100,000 consenting residents: preview (count + sample), create and
 *   start (one outbox message per resident) on the development channel — target ≤ 10 s on SQLite;
 * - dispatch throughput: the outbox worker sending service notices by SMS through the real
 *   Alibaba Cloud client to the local fake provider (which verifies every ACS3 signature),
 *   against the same client sending directly (the baseline measured in the same run).
 */
import type { Kysely } from 'kysely';
import { createContainer } from '../server/container.js';
import type { DB } from '../server/db/schema.js';
import { FixedClock } from '../server/lib/clock.js';
import { newId } from '../server/lib/ids.js';
import { systemActor } from '../server/modules/auth/index.js';
import { loadBulkHouseholds } from '../server/modules/demo/index.js';
import { AliyunSmsClient, seedDefaultTemplates, TEMPLATE_CODES } from '../server/modules/messaging/index.js';
import { startFakeAliyun } from '../server/modules/messaging/testing/fake-sms-servers.js';

export interface GreetingFigures {
  engine: string;
  residents: number;
  households: number;
  loadSeconds: number;
  previewMs: number;
  createAndStartMs: number;
  /** Preview + create + start: what the manager waits for. */
  totalMs: number;
  enqueued: number;
  target: { totalMs: 10_000 };
  met: boolean;
  dispatch: {
    /** The greeting's messages through the development channel (records only): outbox bookkeeping. */
    devMessages: number;
    devPerSec: number;
    messages: number;
    dispatchedPerSec: number;
    /** The Aliyun client sending to the fake provider directly, one after another. */
    directPerSec: number;
    ratioToDirect: number;
    rejectedBySignatureCheck: number;
  };
}

/** Greetings sent through the development channel to time the outbox worker itself. */
const DEV_MESSAGES = Number(process.env.BENCH_DISPATCH_DEV_MESSAGES ?? 10_000);
const round = (n: number) => Math.round(n * 10) / 10;

/** Loads households until at least `residents` members have a phone; returns the counts. */
async function loadResidents(db: Kysely<DB>, estateCode: string, residents: number, now: Date) {
  let estateId = '';
  let members = 0;
  let households = 0;
  while (members < residents) {
    const batch = Math.max(1000, Math.ceil((residents - members) / 2.2));
    ({ estateId } = await loadBulkHouseholds(db, {
      estateCode,
      households: batch,
      now,
      seed: households + 7,
    }));
    households += batch;
    const r = await db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('estate_id', '=', estateId)
      .where('phone', 'is not', null)
      .executeTakeFirstOrThrow();
    members = Number(r.n);
  }
  return { estateId, members, households };
}

/** Household-level greetings consents (as a staff member records a signed form) for every household. */
async function consentAll(db: Kysely<DB>, estateId: string, now: Date) {
  const ids = await db.selectFrom('households').select('id').where('estate_id', '=', estateId).execute();
  const at = now.toISOString();
  for (let i = 0; i < ids.length; i += 500)
    await db
      .insertInto('message_opt_outs')
      .values(
        ids.slice(i, i + 500).map((h) => ({
          estate_id: estateId,
          id: newId(),
          household_id: h.id,
          member_id: null,
          purpose: 'greetings',
          granted: 1,
          channel: null,
          source: 'staff',
          at,
          recorded_by: 'bench',
        })),
      )
      .execute();
}

export async function measureGreetings(
  db: Kysely<DB>,
  engine: string,
  residents: number,
  dispatchMessages: number,
): Promise<GreetingFigures> {
  // 10:00 in Beijing today: inside the 08:00–21:00 window for greetings.
  const now = new Date(`${new Date().toISOString().slice(0, 10)}T02:00:00.000Z`);
  const clock = new FixedClock(now);
  const t0 = performance.now();
  const { estateId, members, households } = await loadResidents(db, 'greet', residents, now);
  await consentAll(db, estateId, now);
  await seedDefaultTemplates(db, estateId, now);
  const loadSeconds = (performance.now() - t0) / 1000;

  const c = createContainer({ db, clock, secretKey: 'bench-secret-key-for-provider-secrets' });
  const actor = systemActor([estateId]);
  const body = {
    name: '元旦问候（压测）',
    purpose: 'greetings' as const,
    templateCode: TEMPLATE_CODES.festival,
    channel: 'dev' as const,
    audience: {},
    festival: '元旦',
  };
  let t = performance.now();
  const preview = await c.campaigns.previewDraft(actor, estateId, body);
  const previewMs = performance.now() - t;
  t = performance.now();
  const created = await c.campaigns.create(actor, estateId, body);
  const started = await c.campaigns.start(actor, created.id);
  const createAndStartMs = performance.now() - t;
  if (preview.recipients < members * 0.9)
    throw new Error(`greeting preview reached ${preview.recipients} of ${members} residents`);

  // Dispatch: service notices by SMS through the fake Alibaba Cloud endpoint.
  const fake = await startFakeAliyun({ LTAI5tBENCH: 'bench-secret' });
  try {
    await c.messaging.putProvider(actor, estateId, 'sms_aliyun', {
      enabled: true,
      signName: '绿园物业',
      endpoint: fake.url,
      accessKeyId: 'LTAI5tBENCH',
      accessKeySecret: 'bench-secret',
    });
    await c.messaging.upsertTemplate(actor, estateId, 'bench_notice', {
      name: 'bench notice',
      purpose: 'service_notices',
      textZh: '{name}您好，明日9:00–11:00停水检修，请提前储水。',
      textEn: 'Dear {name}, water is off tomorrow 9:00–11:00 for repairs.',
      paramNames: ['name'],
      providerTemplates: { sms_aliyun: { code: 'SMS_900001', status: 'approved' } },
    });
    // The greeting's first messages go out (development channel): the worker's own cost. The
    // rest of the greeting is cancelled, as a manager would, so the SMS below run on their own.
    t = performance.now();
    let devSent = 0;
    while (devSent < DEV_MESSAGES) {
      const r = await c.messaging.dispatchDue(clock.now(), { limit: 500 });
      devSent += r.sent;
      if (!r.claimed) break;
    }
    const devPerSec = devSent / ((performance.now() - t) / 1000);
    await c.campaigns.cancel(actor, started.id, {});
    const phones = await db
      .selectFrom('members')
      .select(['id', 'household_id', 'name'])
      .where('estate_id', '=', estateId)
      .where('phone', 'is not', null)
      .limit(dispatchMessages)
      .execute();
    await c.messaging.enqueue(
      phones.map((m) => ({
        estateId,
        key: `bench:${m.id}`,
        householdId: m.household_id,
        memberId: m.id,
        channel: 'sms_aliyun' as const,
        templateCode: 'bench_notice',
        params: { name: m.name },
        purpose: 'service_notices' as const,
        createdBy: 'bench',
      })),
    );
    t = performance.now();
    let sent = 0;
    for (;;) {
      const r = await c.messaging.dispatchDue(clock.now());
      sent += r.sent;
      if (!r.claimed) break;
    }
    const dispatchedPerSec = sent / ((performance.now() - t) / 1000);
    if (sent < phones.length) throw new Error(`dispatched ${sent} of ${phones.length} messages`);

    // Baseline: the same client and fake provider, without the outbox.
    const client = new AliyunSmsClient({
      accessKeyId: 'LTAI5tBENCH',
      accessKeySecret: 'bench-secret',
      endpoint: fake.url,
    });
    const n = Math.min(1000, phones.length);
    t = performance.now();
    for (let i = 0; i < n; i++)
      await client.send({
        messageId: `direct-${i}`,
        estateId,
        householdId: null,
        memberId: null,
        purpose: 'service_notices',
        to: `1390000${String(i).padStart(4, '0')}`,
        signName: '绿园物业',
        templateCode: 'SMS_900001',
        params: { name: '住户' },
        paramNames: ['name'],
        textZh: '{name}您好，明日9:00–11:00停水检修，请提前储水。',
        textEn: null,
      });
    const directPerSec = n / ((performance.now() - t) / 1000);
    const totalMs = previewMs + createAndStartMs;
    return {
      engine,
      residents: members,
      households,
      loadSeconds: round(loadSeconds),
      previewMs: Math.round(previewMs),
      createAndStartMs: Math.round(createAndStartMs),
      totalMs: Math.round(totalMs),
      enqueued: started.enqueuedCount,
      target: { totalMs: 10_000 },
      met: totalMs <= 10_000,
      dispatch: {
        devMessages: devSent,
        devPerSec: round(devPerSec),
        messages: sent,
        dispatchedPerSec: round(dispatchedPerSec),
        directPerSec: round(directPerSec),
        ratioToDirect: Math.round((dispatchedPerSec / directPerSec) * 1000) / 1000,
        rejectedBySignatureCheck: fake.rejected.length,
      },
    };
  } finally {
    await fake.close();
  }
}
