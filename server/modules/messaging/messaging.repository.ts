import {
  type Expression,
  type ExpressionBuilder,
  type Insertable,
  type Kysely,
  PostgresAdapter,
  type SqlBool,
} from 'kysely';
import type { DB } from '../../db/schema.js';
import { toIso } from '../../lib/dates.js';
import type {
  MessageProvidersTable,
  MessageRow,
  MessagesTable,
  MessageTemplatesTable,
  ProviderRow,
  TemplateRow,
} from './messaging.table.js';

// Every SQL statement of the messaging module. Functions take `db` (a Kysely or a Transaction).

const INSERT_CHUNK = 400;

export function isPostgres(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Inserts outbox rows; a row whose (estate_id, idem_key) exists is skipped. Returns how many were new. */
export async function insertMessages(db: Kysely<DB>, rows: Insertable<MessagesTable>[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    const r = await db
      .insertInto('messages')
      .values(rows.slice(i, i + INSERT_CHUNK))
      .onConflict((oc) => oc.columns(['estate_id', 'idem_key']).doNothing())
      .executeTakeFirst();
    inserted += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/** Due: queued and its time has come, or `sending` with an expired lease (a crashed worker). */
function due(now: string) {
  return (eb: ExpressionBuilder<DB, 'messages'>): Expression<SqlBool> =>
    eb.or([
      eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)]),
      eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)]),
    ]);
}

/**
 * Claims up to `limit` due messages for one worker: one atomic UPDATE sets `sending`, a lease
 * and the worker's claim token, and returns the rows. PostgreSQL: the candidate rows are
 * selected FOR UPDATE SKIP LOCKED, so concurrent workers take disjoint sets and the outer
 * WHERE re-checks each row after any concurrent change; SQLite has a single writer, so the
 * same statement without the locking clause is atomic.
 */
export async function claimDue(
  db: Kysely<DB>,
  opts: { now: Date; leaseUntil: Date; token: string; limit: number },
): Promise<MessageRow[]> {
  const now = opts.now.toISOString();
  const pg = isPostgres(db);
  const candidates = db
    .selectFrom('messages')
    .select('id')
    .where(due(now))
    .orderBy('next_attempt_at')
    .limit(opts.limit)
    .$call((q) => (pg ? q.forUpdate().skipLocked() : q));
  const rows = await db
    .updateTable('messages')
    .set({
      status: 'sending',
      lease_until: opts.leaseUntil.toISOString(),
      claim_token: opts.token,
      updated_at: now,
    })
    .where('id', 'in', candidates)
    .where(due(now))
    .returningAll()
    .execute();
  // RETURNING has no order on PostgreSQL: send in queue order (due time, then id = enqueue order).
  const at = (r: MessageRow) => toIso(r.next_attempt_at)!;
  return rows.sort((a, b) => at(a).localeCompare(at(b)) || a.id.localeCompare(b.id));
}

/**
 * A write by the worker holding the claim: applied only while its token is still on the row, so
 * a worker whose lease expired (and was reclaimed) cannot overwrite the new claimant's state.
 */
export async function updateClaimed(
  db: Kysely<DB>,
  row: Pick<MessageRow, 'estate_id' | 'id'>,
  token: string,
  patch: Partial<{
    status: string;
    reason: string | null;
    not_before: string | null;
    next_attempt_at: string;
    lease_until: string | null;
    claim_token: string | null;
    provider_message_id: string;
    last_error: string | null;
    sent_at: string;
    updated_at: string;
  }>,
  opts: { incrementAttempts?: boolean } = {},
): Promise<boolean> {
  const r = await db
    .updateTable('messages')
    .set((eb) => ({
      ...patch,
      ...(opts.incrementAttempts ? { attempts: eb('attempts', '+', 1) } : {}),
    }))
    .where('estate_id', '=', row.estate_id)
    .where('id', '=', row.id)
    .where('status', '=', 'sending')
    .where('claim_token', '=', token)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function getMessage(db: Kysely<DB>, id: string) {
  return db.selectFrom('messages').selectAll().where('id', '=', id).executeTakeFirst();
}

export function getMessageByKey(db: Kysely<DB>, estateId: string, key: string) {
  return db
    .selectFrom('messages')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('idem_key', '=', key)
    .executeTakeFirst();
}

export function listMessages(
  db: Kysely<DB>,
  f: {
    estateId: string;
    status?: string;
    purpose?: string;
    householdId?: string;
    channel?: string;
    /** Campaign ids are ULIDs (no LIKE wildcards; the contract only admits [0-9A-Za-z-]). */
    campaignId?: string;
    afterId?: string;
    limit: number;
  },
) {
  let q = db.selectFrom('messages').selectAll().where('estate_id', '=', f.estateId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.purpose) q = q.where('purpose', '=', f.purpose);
  if (f.householdId) q = q.where('household_id', '=', f.householdId);
  if (f.channel) q = q.where('channel', '=', f.channel);
  // The unique (estate_id, idem_key) index serves this prefix match.
  if (f.campaignId) q = q.where('idem_key', 'like', `campaign:${f.campaignId}:%`);
  if (f.afterId) q = q.where('id', '<', f.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** Messages an address received since an instant (the daily cap), other than `exceptId`. */
export async function sentCountSince(
  db: Kysely<DB>,
  estateId: string,
  address: string,
  since: Date,
  exceptId: string,
): Promise<number> {
  const r = await db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('estate_id', '=', estateId)
    .where('address', '=', address)
    .where('sent_at', '>=', since.toISOString())
    .where('status', 'in', ['sent', 'delivered'])
    .where('id', '!=', exceptId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** The latest opt-in/opt-out event that applies to a recipient (member-level or household-wide). */
export async function latestOptEvent(
  db: Kysely<DB>,
  estateId: string,
  householdId: string,
  memberId: string | null,
  purpose: string,
): Promise<{ granted: boolean; at: string } | undefined> {
  const r = await db
    .selectFrom('message_opt_outs')
    .select(['granted', 'at'])
    .where('estate_id', '=', estateId)
    .where('household_id', '=', householdId)
    .where('purpose', '=', purpose)
    .where((eb) =>
      memberId
        ? eb.or([eb('member_id', 'is', null), eb('member_id', '=', memberId)])
        : eb('member_id', 'is', null),
    )
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? { granted: Number(r.granted) === 1, at: toIso(r.at)! } : undefined;
}

/** When the latest active (not withdrawn) consent for a purpose was granted, if any. */
export async function latestActiveConsent(
  db: Kysely<DB>,
  estateId: string,
  householdId: string,
  memberId: string | null,
  purpose: string,
): Promise<string | undefined> {
  const r = await db
    .selectFrom('consents')
    .select('granted_at')
    .where('estate_id', '=', estateId)
    .where('household_id', '=', householdId)
    .where('purpose', '=', purpose)
    .where('withdrawn_at', 'is', null)
    .where((eb) =>
      memberId
        ? eb.or([eb('member_id', 'is', null), eb('member_id', '=', memberId)])
        : eb('member_id', 'is', null),
    )
    .orderBy('granted_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? toIso(r.granted_at)! : undefined;
}

export async function insertOptEvent(
  db: Kysely<DB>,
  e: {
    estate_id: string;
    id: string;
    household_id: string;
    member_id: string | null;
    purpose: string;
    granted: number;
    channel: string | null;
    source: string;
    at: string;
    recorded_by: string;
  },
) {
  await db.insertInto('message_opt_outs').values(e).execute();
}

/** An opt-out takes effect at once: queued messages of the recipient and purpose are suppressed. */
export async function suppressQueued(
  db: Kysely<DB>,
  f: { estateId: string; householdId: string; memberId: string | null; purpose: string; now: string },
): Promise<number> {
  let q = db
    .updateTable('messages')
    .set({ status: 'suppressed', reason: 'opted_out', updated_at: f.now })
    .where('estate_id', '=', f.estateId)
    .where('household_id', '=', f.householdId)
    .where('purpose', '=', f.purpose)
    .where('status', '=', 'queued');
  if (f.memberId) q = q.where('member_id', '=', f.memberId);
  const r = await q.executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function estateZones(db: Kysely<DB>, estateIds: string[]): Promise<Map<string, string>> {
  if (!estateIds.length) return new Map();
  const rows = await db
    .selectFrom('estates')
    .select(['id', 'time_zone'])
    .where('id', 'in', estateIds)
    .execute();
  return new Map(rows.map((r) => [r.id, r.time_zone]));
}

export function memberOf(db: Kysely<DB>, estateId: string, householdId: string, memberId: string) {
  return db
    .selectFrom('members')
    .select(['id', 'phone', 'household_id'])
    .where('estate_id', '=', estateId)
    .where('household_id', '=', householdId)
    .where('id', '=', memberId)
    .executeTakeFirst();
}

/** Phones and e-mail addresses of members of an estate by id (one query per call; callers chunk the ids). */
export function addressesOf(db: Kysely<DB>, estateId: string, memberIds: string[]) {
  if (!memberIds.length) return Promise.resolve([]);
  return db
    .selectFrom('members')
    .select(['id', 'phone', 'email', 'household_id'])
    .where('estate_id', '=', estateId)
    .where('id', 'in', memberIds)
    .execute();
}

// Templates

export function getTemplate(
  db: Kysely<DB>,
  estateId: string,
  code: string,
): Promise<TemplateRow | undefined> {
  return db
    .selectFrom('message_templates')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export function listTemplates(db: Kysely<DB>, estateId: string): Promise<TemplateRow[]> {
  return db
    .selectFrom('message_templates')
    .selectAll()
    .where('estate_id', '=', estateId)
    .orderBy('code')
    .execute();
}

export async function upsertTemplate(db: Kysely<DB>, row: Insertable<MessageTemplatesTable>): Promise<void> {
  await db
    .insertInto('message_templates')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['estate_id', 'code']).doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        purpose: eb.ref('excluded.purpose'),
        text_zh: eb.ref('excluded.text_zh'),
        text_en: eb.ref('excluded.text_en'),
        param_names: eb.ref('excluded.param_names'),
        provider_templates: eb.ref('excluded.provider_templates'),
        updated_at: eb.ref('excluded.updated_at'),
        version: eb('message_templates.version', '+', 1),
      })),
    )
    .execute();
}

// Providers

export function getProvider(
  db: Kysely<DB>,
  estateId: string,
  channel: string,
): Promise<ProviderRow | undefined> {
  return db
    .selectFrom('message_providers')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('channel', '=', channel)
    .executeTakeFirst();
}

export function listProviders(db: Kysely<DB>, estateId: string): Promise<ProviderRow[]> {
  return db
    .selectFrom('message_providers')
    .selectAll()
    .where('estate_id', '=', estateId)
    .orderBy('channel')
    .execute();
}

export async function upsertProvider(db: Kysely<DB>, row: Insertable<MessageProvidersTable>): Promise<void> {
  await db
    .insertInto('message_providers')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['estate_id', 'channel']).doUpdateSet((eb) => ({
        enabled: eb.ref('excluded.enabled'),
        sign_name: eb.ref('excluded.sign_name'),
        settings: eb.ref('excluded.settings'),
        secrets_enc: eb.ref('excluded.secrets_enc'),
        updated_at: eb.ref('excluded.updated_at'),
        updated_by: eb.ref('excluded.updated_by'),
        version: eb('message_providers.version', '+', 1),
      })),
    )
    .execute();
}

// Birthdays (kept only with the member's agreement to birthday greetings)

export function birthdaysOf(db: Kysely<DB>, estateId: string, householdId: string) {
  return db
    .selectFrom('member_birthdays')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('household_id', '=', householdId)
    .orderBy('member_id')
    .execute();
}

export async function upsertBirthday(
  db: Kysely<DB>,
  row: {
    estate_id: string;
    member_id: string;
    household_id: string;
    month_day: string;
    granted_by_name: string;
    recorded_at: string;
    recorded_by: string;
  },
): Promise<void> {
  await db
    .insertInto('member_birthdays')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['estate_id', 'member_id']).doUpdateSet((eb) => ({
        month_day: eb.ref('excluded.month_day'),
        granted_by_name: eb.ref('excluded.granted_by_name'),
        recorded_at: eb.ref('excluded.recorded_at'),
        recorded_by: eb.ref('excluded.recorded_by'),
      })),
    )
    .execute();
}

/** Deletes the birthday of one member, or of the whole household when memberId is null. */
export async function deleteBirthdays(
  db: Kysely<DB>,
  estateId: string,
  householdId: string,
  memberId: string | null,
): Promise<number> {
  let q = db
    .deleteFrom('member_birthdays')
    .where('estate_id', '=', estateId)
    .where('household_id', '=', householdId);
  if (memberId) q = q.where('member_id', '=', memberId);
  const r = await q.executeTakeFirst();
  return Number(r.numDeletedRows);
}

// Delivery receipts and replies

/**
 * A delivery report: the message (by our id, else by the provider's id on that channel) moves
 * from sent to delivered or failed. A repeated report changes nothing more. Returns rows changed.
 */
export async function applyReceipt(
  db: Kysely<DB>,
  r: {
    estateId: string;
    channel: string;
    messageId?: string;
    providerMessageId?: string;
    status: 'delivered' | 'failed';
    error: string | null;
    at: string;
  },
): Promise<number> {
  if (!r.messageId && !r.providerMessageId) return 0;
  let q = db
    .updateTable('messages')
    .set({
      status: r.status,
      delivered_at: r.at,
      updated_at: r.at,
      ...(r.error ? { last_error: r.error } : {}),
    })
    .where('estate_id', '=', r.estateId)
    .where('channel', '=', r.channel)
    .where('status', '=', 'sent');
  q = r.messageId
    ? q.where('id', '=', r.messageId)
    : q.where('provider_message_id', '=', r.providerMessageId!);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows);
}

/** Members of an estate with a phone number. */
export function membersByPhone(db: Kysely<DB>, estateId: string, phone: string) {
  return db
    .selectFrom('members')
    .select(['id', 'household_id'])
    .where('estate_id', '=', estateId)
    .where('phone', '=', phone)
    .execute();
}
