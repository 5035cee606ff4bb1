import type { Kysely } from 'kysely';
import { createEstate, type TestEstate } from '../../../../test/helpers/factories.js';
import { createTestDb } from '../../../../test/helpers/test-db.js';
import { type Container, createContainer } from '../../../container.js';
import type { Database } from '../../../db/database.js';
import type { DB } from '../../../db/schema.js';
import { FixedClock } from '../../../lib/clock.js';
import { type Actor, systemActor } from '../../auth/index.js';
import { DevChannel } from '../local-channels.js';
import type { MessagingService } from '../messaging.service.js';

export const SECRET_KEY = 'test-secret-key-for-provider-secrets';

/** A database, the container's household and consent services, and a messaging service on a fixed clock. */
export interface MessagingFixture {
  database: Database;
  db: Kysely<DB>;
  c: Container;
  clock: FixedClock;
  estate: TestEstate;
  sys: Actor;
  dev: DevChannel;
  messaging: MessagingService;
  /** A household with members (phones 1380000000n) and optional consents per purpose. */
  household(
    room: number,
    phones: string[],
    consents?: string[],
  ): Promise<{ id: string; memberIds: string[] }>;
  template(
    code: string,
    purpose: string,
    providers?: Record<string, { code: string; status: string }>,
  ): Promise<void>;
  close(): Promise<void>;
}

export async function messagingFixture(
  now: string,
  opts: { secretKey?: string | undefined } = {},
): Promise<MessagingFixture> {
  const database = await createTestDb();
  const db = database.db;
  const clock = new FixedClock(new Date(now));
  const dev = new DevChannel();
  const c = createContainer({
    db,
    clock,
    auth: { ipMaxFailures: 1000 },
    secretKey: 'secretKey' in opts ? opts.secretKey : SECRET_KEY,
    messaging: { devChannel: dev },
  });
  const estate = await createEstate(db, `m${Math.random().toString(36).slice(2, 8)}`, {
    buildings: 1,
    floors: 3,
  });
  const sys = systemActor([estate.id]);
  const messaging = c.messaging;
  return {
    database,
    db,
    c,
    clock,
    estate,
    sys,
    dev,
    messaging,
    async household(room, phones, consents = []) {
      const h = await c.households.create(sys, {
        estateId: estate.id,
        roomId: estate.roomIds[room]!,
        occupancy: 'owner_occupied',
        members: phones.map((phone, i) => ({ name: `住户${room}-${i}`, role: 'owner' as const, phone })),
      });
      for (const purpose of consents)
        await c.consents.record(sys, h.id, {
          purpose: purpose as 'greetings',
          grantedByName: '住户',
          method: 'paper_form',
          noticeVersion: '2026-01',
        });
      return { id: h.id, memberIds: h.members.map((m) => m.id) };
    },
    async template(code, purpose, providers = {}) {
      await messaging.upsertTemplate(sys, estate.id, code, {
        name: code,
        purpose: purpose as 'greetings',
        textZh: '{name}您好，祝您节日快乐。拒收请回复R',
        textEn: 'Dear {name}, happy holidays.',
        paramNames: ['name'],
        providerTemplates: providers,
      });
    },
    close: () => database.close(),
  };
}
