import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { Clock } from '../lib/clock.js';
import { fromJson } from '../lib/dates.js';
import { defineErrors } from '../lib/errors.js';

export const IdempotencyErrors = defineErrors({
  IDEMPOTENCY_KEY_INVALID: {
    status: 400,
    message: {
      'zh-CN': 'Idempotency-Key 应为1–255个可见字符',
      en: 'Idempotency-Key must be 1–255 visible characters',
    },
  },
  IDEMPOTENCY_KEY_REUSED: {
    status: 422,
    message: {
      'zh-CN': '该 Idempotency-Key 已用于另一个不同的请求',
      en: 'This Idempotency-Key was already used for a different request',
    },
  },
  IDEMPOTENCY_IN_FLIGHT: {
    status: 409,
    message: {
      'zh-CN': '相同的请求正在处理中，请稍后再试',
      en: 'The same request is still being processed; try again shortly',
    },
  },
});

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const KEY = /^[\x21-\x7e]{1,255}$/;

declare module 'fastify' {
  interface FastifyRequest {
    idempotency?: { key: string; accountId: string };
  }
}

function requestHash(req: FastifyRequest): string {
  const body =
    typeof req.body === 'string' || Buffer.isBuffer(req.body)
      ? String(req.body)
      : JSON.stringify(req.body ?? null);
  return createHash('sha256').update(`${req.method} ${req.url}\n${body}`).digest('hex');
}

/**
 * Client writes accept an `Idempotency-Key` header (Stripe / IETF draft semantics): the first
 * response is stored and replayed for a retry with the same key and payload; the same key with
 * another payload is a 422, and a retry while the first is still running a 409. Keys are per
 * account and pruned after 24 hours.
 */
export default fp(async function idempotency(app: FastifyInstance, opts: { db: Kysely<DB>; clock: Clock }) {
  const { db, clock } = opts;

  app.addHook('preHandler', async (req: FastifyRequest, reply: FastifyReply) => {
    const key = req.headers['idempotency-key'];
    if (key === undefined || !WRITE.has(req.method) || !req.url.startsWith('/api/') || !req.maybeActor)
      return;
    if (typeof key !== 'string' || !KEY.test(key)) throw IdempotencyErrors.make('IDEMPOTENCY_KEY_INVALID');
    const accountId = req.maybeActor.id;
    const hash = requestHash(req);
    const existing = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('key', '=', key)
      .executeTakeFirst();
    if (!existing) {
      try {
        await db
          .insertInto('idempotency_keys')
          .values({
            key,
            account_id: accountId,
            request_hash: hash,
            status: 0,
            response: 'null',
            created_at: clock.now().toISOString(),
          })
          .execute();
        req.idempotency = { key, accountId };
        return;
      } catch {
        // Another process inserted the same key between our read and write: treat as in flight.
        throw IdempotencyErrors.make('IDEMPOTENCY_IN_FLIGHT');
      }
    }
    if (existing.status === 0) throw IdempotencyErrors.make('IDEMPOTENCY_IN_FLIGHT');
    if (existing.request_hash !== hash) throw IdempotencyErrors.make('IDEMPOTENCY_KEY_REUSED');
    reply.header('Idempotent-Replayed', 'true');
    return reply
      .code(existing.status)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(fromJson(existing.response, null)));
  });

  app.addHook('onSend', async (req: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const i = req.idempotency;
    if (!i) return payload;
    const text =
      typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    await db
      .updateTable('idempotency_keys')
      .set({ status: reply.statusCode, response: JSON.stringify(body) })
      .where('account_id', '=', i.accountId)
      .where('key', '=', i.key)
      .execute();
    req.idempotency = undefined;
    return payload;
  });

  // A request that failed before a response was produced must not leave the key "in flight".
  app.addHook('onResponse', async (req: FastifyRequest) => {
    const i = req.idempotency;
    if (!i) return;
    await db
      .deleteFrom('idempotency_keys')
      .where('account_id', '=', i.accountId)
      .where('key', '=', i.key)
      .where('status', '=', 0)
      .execute();
  });
});

/** Removes keys older than 24 hours (scheduler). */
export async function pruneIdempotencyKeys(db: Kysely<DB>, now: Date): Promise<number> {
  const r = await db
    .deleteFrom('idempotency_keys')
    .where('created_at', '<', new Date(now.getTime() - 24 * 3_600_000).toISOString())
    .executeTakeFirst();
  return Number(r.numDeletedRows);
}
