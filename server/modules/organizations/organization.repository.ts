import { type Insertable, type Kysely, type Selectable, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { OrganizationContactsTable, OrganizationsTable } from './organization.table.js';

// Every SQL statement of owners' organizations (C4). Functions take a Kysely or a transaction.

type Db = Kysely<DB>;
export type Scope = string[] | 'all';

export type OrganizationRow = Selectable<OrganizationsTable> & {
  manager_name: string | null;
  member_count: number | string | bigint | null;
  last_contact_at: Date | string | null;
  open_follow_ups: number | string | bigint | null;
};
export type ContactRow = Selectable<OrganizationContactsTable> & {
  organization_name: string;
  /** The staff member responsible for the organization (who may keep its log). */
  organization_manager_id: string;
  staff_name: string | null;
};

function orgSelect(db: Db) {
  return db
    .selectFrom('organizations as o')
    .leftJoin('accounts as a', 'a.id', 'o.manager_id')
    .selectAll('o')
    .select((eb) => [
      'a.display_name as manager_name',
      eb
        .selectFrom('organization_members as m')
        .select((e) => e.fn.countAll().as('n'))
        .whereRef('m.estate_id', '=', 'o.estate_id')
        .whereRef('m.organization_id', '=', 'o.id')
        .as('member_count'),
      eb
        .selectFrom('organization_contacts as c')
        .select((e) => e.fn.max('c.contacted_at').as('at'))
        .whereRef('c.estate_id', '=', 'o.estate_id')
        .whereRef('c.organization_id', '=', 'o.id')
        .as('last_contact_at'),
      eb
        .selectFrom('organization_contacts as c')
        .select((e) => e.fn.countAll().as('n'))
        .whereRef('c.estate_id', '=', 'o.estate_id')
        .whereRef('c.organization_id', '=', 'o.id')
        .where('c.follow_up', 'is not', null)
        .where('c.follow_up_done_at', 'is', null)
        .as('open_follow_ups'),
    ]);
}

/** Organizations of an estate by name (active ones only unless asked). */
export function listOrganizations(db: Db, estateId: string, includeInactive: boolean) {
  let q = orgSelect(db).where('o.estate_id', '=', estateId);
  if (!includeInactive) q = q.where('o.active', '=', 1);
  return q.orderBy('o.active', 'desc').orderBy('o.name').execute() as Promise<OrganizationRow[]>;
}

/** One organization by id within the scope (undefined outside it). */
export function findOrganization(db: Db, id: string, scope: Scope) {
  let q = orgSelect(db).where('o.id', '=', id);
  if (scope !== 'all') q = q.where('o.estate_id', 'in', scope.length ? scope : ['-']);
  return q.executeTakeFirst() as Promise<OrganizationRow | undefined>;
}

export function findOrganizationByName(db: Db, estateId: string, name: string) {
  return db
    .selectFrom('organizations')
    .select(['id'])
    .where('estate_id', '=', estateId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export function insertOrganization(db: Db, row: Insertable<OrganizationsTable>) {
  return db.insertInto('organizations').values(row).execute();
}

export { updateAtVersion } from '../../db/versioned.js';

/** Active staff of the estate with this account id (for the responsible staff, contacts, owners). */
export function staffMember(db: Db, estateId: string, accountId: string) {
  return db
    .selectFrom('staff_assignments as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .select(['a.id', 'a.display_name', 'a.role'])
    .where('s.estate_id', '=', estateId)
    .where('s.account_id', '=', accountId)
    .where('a.status', '=', 'active')
    .executeTakeFirst();
}

export function members(db: Db, estateId: string, organizationId: string) {
  return (
    db
      .selectFrom('organization_members as m')
      .innerJoin('households as h', (j) =>
        j.onRef('h.estate_id', '=', 'm.estate_id').onRef('h.id', '=', 'm.household_id'),
      )
      .select(['m.household_id', 'm.role', 'm.joined_at', 'h.room_code', 'h.primary_name', 'h.room_sort'])
      .where('m.estate_id', '=', estateId)
      .where('m.organization_id', '=', organizationId)
      // Office holders (主任, 队长 …) first, then by room.
      .orderBy(sql`case when m.role is null then 1 else 0 end`)
      .orderBy('h.room_sort')
      .orderBy('h.room_code')
      .execute()
  );
}

export function householdInEstate(db: Db, estateId: string, householdId: string) {
  return db
    .selectFrom('households')
    .select(['id', 'room_code'])
    .where('estate_id', '=', estateId)
    .where('id', '=', householdId)
    .executeTakeFirst();
}

/** Adds a member; false when the household already is one (primary key). */
export async function addMember(
  db: Db,
  row: {
    estate_id: string;
    organization_id: string;
    household_id: string;
    role: string | null;
    joined_at: string;
    created_by: string;
  },
): Promise<boolean> {
  const r = await db
    .insertInto('organization_members')
    .values(row)
    .onConflict((oc) => oc.columns(['estate_id', 'organization_id', 'household_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function removeMember(db: Db, estateId: string, organizationId: string, householdId: string) {
  const r = await db
    .deleteFrom('organization_members')
    .where('estate_id', '=', estateId)
    .where('organization_id', '=', organizationId)
    .where('household_id', '=', householdId)
    .executeTakeFirst();
  return Number(r.numDeletedRows) === 1;
}

function contactSelect(db: Db) {
  return db
    .selectFrom('organization_contacts as c')
    .innerJoin('organizations as o', (j) =>
      j.onRef('o.estate_id', '=', 'c.estate_id').onRef('o.id', '=', 'c.organization_id'),
    )
    .leftJoin('accounts as a', 'a.id', 'c.staff_id')
    .selectAll('c')
    .select([
      'o.name as organization_name',
      'o.manager_id as organization_manager_id',
      'a.display_name as staff_name',
    ]);
}

export function insertContact(db: Db, row: Insertable<OrganizationContactsTable>) {
  return db.insertInto('organization_contacts').values(row).execute();
}

export function findContact(db: Db, id: string, scope: Scope) {
  let q = contactSelect(db).where('c.id', '=', id);
  if (scope !== 'all') q = q.where('c.estate_id', 'in', scope.length ? scope : ['-']);
  return q.executeTakeFirst() as Promise<ContactRow | undefined>;
}

/** Contacts of an organization, newest first, keyset-paged on (contacted_at, id). */
export function listContacts(
  db: Db,
  estateId: string,
  organizationId: string,
  f: { openOnly: boolean; before?: [string, string]; limit: number },
) {
  let q = contactSelect(db)
    .where('c.estate_id', '=', estateId)
    .where('c.organization_id', '=', organizationId);
  if (f.openOnly) q = q.where('c.follow_up', 'is not', null).where('c.follow_up_done_at', 'is', null);
  if (f.before) {
    const [at, id] = f.before;
    q = q.where((eb) =>
      eb.or([eb('c.contacted_at', '<', at), eb.and([eb('c.contacted_at', '=', at), eb('c.id', '<', id)])]),
    );
  }
  return q
    .orderBy('c.contacted_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(f.limit + 1)
    .execute() as Promise<ContactRow[]>;
}

/** The latest contact with any organization of the estate (C4 evidence). */
export function latestContact(db: Db, estateId: string) {
  return db
    .selectFrom('organization_contacts as c')
    .innerJoin('organizations as o', (j) =>
      j.onRef('o.estate_id', '=', 'c.estate_id').onRef('o.id', '=', 'c.organization_id'),
    )
    .select(['c.id', 'c.contacted_at', 'o.name'])
    .where('c.estate_id', '=', estateId)
    .orderBy('c.contacted_at', 'desc')
    .orderBy('c.id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export { estateTimeZone } from '../estates/index.js';
