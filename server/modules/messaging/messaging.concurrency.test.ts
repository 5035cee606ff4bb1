import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName } from '../../../test/helpers/test-db.js';
import type { DB } from '../../db/schema.js';
import { createMessagingService, type MessagingService } from './messaging.service.js';
import { type FakeServer, startFakeAliyun } from './testing/fake-sms-servers.js';
import { type MessagingFixture, messagingFixture, SECRET_KEY } from './testing/setup.js';

const NOW = '2026-11-27T02:00:00.000Z';
const COUNT = 60;

let f: MessagingFixture;
let aliyun: FakeServer;
let second: Kysely<DB>;
let other: MessagingService;

beforeAll(async () => {
  f = await messagingFixture(NOW);
  aliyun = await startFakeAliyun({ LTAI5tCONC: 'conc-secret' });
  // On PostgreSQL the second worker is a second process in all but name: its own pool and
  // connections to the same schema. SQLite in memory has one connection: both share it.
  if (engineName === 'postgres') {
    const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(f.db);
    const pool = new pg.Pool({
      connectionString: process.env.TEST_DATABASE_URL,
      max: 5,
      options: `-c search_path=${rows[0]!.s}`,
    });
    second = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  } else second = f.db;
  other = createMessagingService({
    db: second,
    clock: f.clock,
    audit: f.c.audit,
    households: f.c.households,
    secretKey: SECRET_KEY,
  });
  await f.template('notice', 'service_notices', { sms_aliyun: { code: 'SMS_2001', status: 'approved' } });
  await f.messaging.putProvider(f.sys, f.estate.id, 'sms_aliyun', {
    enabled: true,
    signName: '绿园物业',
    endpoint: aliyun.url,
    accessKeyId: 'LTAI5tCONC',
    accessKeySecret: 'conc-secret',
  });
});
afterAll(async () => {
  if (second !== f.db) await second.destroy();
  await aliyun.close();
  await f.close();
});

describe(`two workers on ${engineName}`, () => {
  it('send every message exactly once', async () => {
    const items = Array.from({ length: COUNT }, (_, i) => ({
      estateId: f.estate.id,
      key: `notice:water:${i}`,
      address: `1390000${String(i).padStart(4, '0')}`,
      channel: 'sms_aliyun' as const,
      templateCode: 'notice',
      params: { name: `住户${i}` },
      purpose: 'service_notices' as const,
      createdBy: 'test',
    }));
    // Two processes enqueueing the same campaign insert each key once.
    const [a, b] = await Promise.all([f.messaging.enqueue(items), other.enqueue(items)]);
    expect(a.inserted + b.inserted).toBe(COUNT);

    async function drain(s: MessagingService) {
      let claimed = 0;
      for (;;) {
        const r = await s.dispatchDue(f.clock.now(), { limit: 7 });
        if (!r.claimed) return claimed;
        claimed += r.claimed;
      }
    }
    const [ca, cb] = await Promise.all([drain(f.messaging), drain(other)]);
    expect(ca + cb).toBe(COUNT);
    if (engineName === 'postgres') expect(Math.min(ca, cb)).toBeGreaterThan(0); // both did work

    const outIds = aliyun.accepted.map((x) => x.params.OutId as string);
    expect(outIds).toHaveLength(COUNT);
    expect(new Set(outIds).size).toBe(COUNT);
    const statuses = await f.db
      .selectFrom('messages')
      .select(['status'])
      .where('estate_id', '=', f.estate.id)
      .where('idem_key', 'like', 'notice:water:%')
      .execute();
    expect(statuses.every((s) => s.status === 'sent')).toBe(true);
  });
});
