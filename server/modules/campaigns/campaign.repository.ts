import { type Insertable, type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { fromJson, toIso } from '../../lib/dates.js';
import type { CampaignRow, CampaignsTable } from './campaign.table.js';

export async function insertCampaign(db: Kysely<DB>, row: Insertable<CampaignsTable>): Promise<void> {
  await db.insertInto('campaigns').values(row).execute();
}

export function getCampaign(db: Kysely<DB>, id: string): Promise<CampaignRow | undefined> {
  return db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
}

export function listCampaigns(
  db: Kysely<DB>,
  f: { estateId: string; status?: string; afterId?: string; limit: number },
): Promise<CampaignRow[]> {
  let q = db.selectFrom('campaigns').selectAll().where('estate_id', '=', f.estateId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.afterId) q = q.where('id', '<', f.afterId);
  return q
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
}

/** Marks a campaign started; the first caller sets who and when, later callers only add counts. */
export async function markStarted(
  db: Kysely<DB>,
  c: { estateId: string; id: string; audienceCount: number; inserted: number; at: string; by: string },
): Promise<void> {
  await db
    .updateTable('campaigns')
    .set((eb) => ({
      status: 'running',
      audience_count: c.audienceCount,
      enqueued_count: eb('enqueued_count', '+', c.inserted),
      started_at: sql<string>`coalesce(started_at, ${c.at})`,
      started_by: sql<string>`coalesce(started_by, ${c.by})`,
      updated_at: c.at,
      version: eb('version', '+', 1),
    }))
    .where('estate_id', '=', c.estateId)
    .where('id', '=', c.id)
    .where('status', 'in', ['draft', 'running'])
    .execute();
}

export async function markDone(db: Kysely<DB>, estateId: string, id: string, at: string): Promise<void> {
  await db
    .updateTable('campaigns')
    .set((eb) => ({ status: 'done', updated_at: at, version: eb('version', '+', 1) }))
    .where('estate_id', '=', estateId)
    .where('id', '=', id)
    .where('status', '=', 'running')
    .execute();
}

/** Outbox messages of a campaign by status. */
export async function progressOf(
  db: Kysely<DB>,
  estateId: string,
  id: string,
): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('messages')
    .select((eb) => ['status', eb.fn.countAll<string | number>().as('n')])
    .where('estate_id', '=', estateId)
    .where('idem_key', 'like', `campaign:${id}:%`)
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export interface AudienceHousehold {
  id: string;
  buildingId: string;
  roomCode: string;
  occupancy: string;
  careFlags: string[];
}

/** Households of the estate in the given buildings (all when none given). */
export async function households(
  db: Kysely<DB>,
  estateId: string,
  buildingIds: string[] | undefined,
): Promise<AudienceHousehold[]> {
  let q = db
    .selectFrom('households')
    .select(['id', 'building_id', 'room_code', 'occupancy', 'care_flags'])
    .where('estate_id', '=', estateId);
  if (buildingIds?.length) q = q.where('building_id', 'in', buildingIds);
  const rows = await q.orderBy('room_sort').orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    buildingId: r.building_id,
    roomCode: r.room_code,
    occupancy: r.occupancy,
    careFlags: fromJson<string[]>(r.care_flags, []),
  }));
}

/** Household ids of the estate that carry any of the tags. */
export async function taggedHouseholds(
  db: Kysely<DB>,
  estateId: string,
  tags: string[],
): Promise<Set<string>> {
  const rows = await db
    .selectFrom('household_tags')
    .select('household_id')
    .where('estate_id', '=', estateId)
    .where('tag', 'in', tags)
    .execute();
  return new Set(rows.map((r) => r.household_id));
}

export function members(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('members')
    .select(['id', 'household_id', 'name', 'phone', 'email', 'sort'])
    .where('estate_id', '=', estateId)
    .orderBy('household_id')
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

export interface WordRow {
  householdId: string;
  memberId: string | null;
  at: string;
  granted: boolean;
}

/** Active (not withdrawn) consents for a purpose in the estate. */
export async function activeConsents(db: Kysely<DB>, estateId: string, purpose: string): Promise<WordRow[]> {
  const rows = await db
    .selectFrom('consents')
    .select(['household_id', 'member_id', 'granted_at'])
    .where('estate_id', '=', estateId)
    .where('purpose', '=', purpose)
    .where('withdrawn_at', 'is', null)
    .execute();
  return rows.map((r) => ({
    householdId: r.household_id,
    memberId: r.member_id,
    at: toIso(r.granted_at)!,
    granted: true,
  }));
}

/** Opt-in / opt-out events for a purpose in the estate, oldest first. */
export async function optEvents(db: Kysely<DB>, estateId: string, purpose: string): Promise<WordRow[]> {
  const rows = await db
    .selectFrom('message_opt_outs')
    .select(['household_id', 'member_id', 'at', 'granted'])
    .where('estate_id', '=', estateId)
    .where('purpose', '=', purpose)
    .orderBy('at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    householdId: r.household_id,
    memberId: r.member_id,
    at: toIso(r.at)!,
    granted: Number(r.granted) === 1,
  }));
}

export function template(db: Kysely<DB>, estateId: string, code: string) {
  return db
    .selectFrom('message_templates')
    .select(['code', 'text_zh', 'text_en'])
    .where('estate_id', '=', estateId)
    .where('code', '=', code)
    .executeTakeFirst();
}

export function estate(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('estates')
    .select(['id', 'name', 'name_en', 'time_zone'])
    .where('id', '=', estateId)
    .executeTakeFirst();
}

export async function buildingIdsOf(db: Kysely<DB>, estateId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('buildings').select('id').where('estate_id', '=', estateId).execute();
  return new Set(rows.map((r) => r.id));
}

/** The butlers responsible for each building of the estate. */
export async function butlersByBuilding(db: Kysely<DB>, estateId: string): Promise<Map<string, string[]>> {
  const rows = await db
    .selectFrom('butler_buildings')
    .select(['building_id', 'account_id'])
    .where('estate_id', '=', estateId)
    .orderBy('account_id')
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.building_id, [...(out.get(r.building_id) ?? []), r.account_id]);
  return out;
}

/** Members whose recorded birthday (MM-DD) is one of `days` (birth dates exist only with consent). */
export async function birthdayMembers(
  db: Kysely<DB>,
  estateId: string,
  days: string[],
): Promise<{ memberId: string; monthDay: string }[]> {
  if (!days.length) return [];
  const rows = await db
    .selectFrom('member_birthdays')
    .select(['member_id', 'month_day'])
    .where('estate_id', '=', estateId)
    .where('month_day', 'in', days)
    .execute();
  return rows.map((r) => ({ memberId: r.member_id, monthDay: r.month_day }));
}

/**
 * Outbox messages by campaign and status for a page of campaigns, in one grouped query (the list
 * shows every row's progress). Keys are `campaign:<id>:<member>`; the CASE names each key's
 * campaign, so ids of any length work on both engines.
 */
export async function progressOfMany(
  db: Kysely<DB>,
  estateId: string,
  ids: string[],
): Promise<Map<string, Record<string, number>>> {
  const out = new Map<string, Record<string, number>>();
  if (!ids.length) return out;
  const campaignOf = sql<string>`case ${sql.join(
    ids.map((id) => sql`when idem_key like ${`campaign:${id}:%`} then ${id}`),
    sql` `,
  )} end`;
  // Grouped outside a subquery: PostgreSQL does not match a parameterised CASE in GROUP BY.
  const keyed = db
    .selectFrom('messages')
    .select([campaignOf.as('campaign_id'), 'status'])
    .where('estate_id', '=', estateId)
    .where((eb) => eb.or(ids.map((id) => eb('idem_key', 'like', `campaign:${id}:%`))))
    .as('m');
  const rows = await db
    .selectFrom(keyed)
    .select((eb) => ['m.campaign_id', 'm.status', eb.fn.countAll<string | number>().as('n')])
    .groupBy(['m.campaign_id', 'm.status'])
    .execute();
  for (const r of rows) {
    const counts = out.get(r.campaign_id) ?? {};
    counts[r.status] = Number(r.n);
    out.set(r.campaign_id, counts);
  }
  return out;
}

/**
 * Cancels a draft or running campaign (at `version` when given). Returns false when its status
 * or version changed meanwhile.
 */
export async function markCancelled(
  db: Kysely<DB>,
  c: { estateId: string; id: string; version: number; at: string },
): Promise<boolean> {
  const r = await db
    .updateTable('campaigns')
    .set((eb) => ({ status: 'cancelled', updated_at: c.at, version: eb('version', '+', 1) }))
    .where('estate_id', '=', c.estateId)
    .where('id', '=', c.id)
    .where('version', '=', c.version)
    .where('status', 'in', ['draft', 'running'])
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Suppresses the campaign's still-queued messages (reason `cancelled`); sent ones stay as they are. */
export async function suppressQueuedOf(
  db: Kysely<DB>,
  c: { estateId: string; id: string; at: string },
): Promise<number> {
  const r = await db
    .updateTable('messages')
    .set({ status: 'suppressed', reason: 'cancelled', updated_at: c.at })
    .where('estate_id', '=', c.estateId)
    .where('idem_key', 'like', `campaign:${c.id}:%`)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}
