import type { Kysely, Updateable } from 'kysely';
import type {
  AddOrganizationMemberBody,
  CreateOrganizationBody,
  ListOrganizationContactsQuery,
  LogOrganizationContactBody,
  Organization,
  OrganizationContact,
  OrganizationDetail,
  UpdateOrganizationBody,
  UpdateOrganizationContactBody,
} from '../../../contract/organizations.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, can, requireCap, requireEstate } from '../auth/index.js';
import { OrganizationErrors } from './organization.errors.js';
import { toContact, toMember, toOrganization } from './organization.mapper.js';
import * as repo from './organization.repository.js';
import type { OrganizationsTable } from './organization.table.js';

export type OrganizationService = ReturnType<typeof createOrganizationService>;

export interface OrganizationDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
}

/** A contact may be dated a few minutes ahead of the server (a phone's clock). */
const CLOCK_SKEW_MS = 5 * 60_000;

function scopeOf(actor: Actor): repo.Scope {
  return actor.allEstates ? 'all' : actor.estateIds;
}

/**
 * Owners' organizations and associations (C4). Every staff member reads them (plan.read);
 * managers create and edit them (plan.manage); members and the contact log are kept by managers,
 * the staff member responsible for the organization, and the culture specialist (社区文化专员),
 * whose work is the estate's community life.
 */
export function createOrganizationService(deps: OrganizationDeps) {
  const { db, clock, audit } = deps;

  async function load(actor: Actor, id: string) {
    requireCap(actor, 'plan.read');
    const row = await repo.findOrganization(db, id, scopeOf(actor));
    if (!row) throw OrganizationErrors.make('ORGANIZATION_NOT_FOUND');
    return row;
  }

  /** Managers, the responsible staff member and the culture specialist keep the log (403 otherwise). */
  function requireKeeper(actor: Actor, managerId: string) {
    if (can(actor, 'plan.manage') || actor.id === managerId || actor.role === 'culture') return;
    throw OrganizationErrors.make('NOT_RESPONSIBLE').asDenial();
  }

  async function requireStaff(estateId: string, accountId: string, field: string) {
    const s = await repo.staffMember(db, estateId, accountId);
    if (!s) throw OrganizationErrors.make('STAFF_NOT_IN_ESTATE', { field }, { field });
    return s;
  }

  /** The organization with its members; pass the row when it is already loaded. */
  async function detail(
    estateId: string,
    id: string,
    loaded?: repo.OrganizationRow,
  ): Promise<OrganizationDetail> {
    const [row, members] = await Promise.all([
      loaded ?? repo.findOrganization(db, id, [estateId]),
      repo.members(db, estateId, id),
    ]);
    return { ...toOrganization(row!), members: members.map(toMember) };
  }

  function expectedVersion(body: { version?: number }, ifMatch?: number) {
    const v = body.version ?? ifMatch;
    if (v === undefined) throw CommonErrors.make('VERSION_REQUIRED');
    return v;
  }

  return {
    /** Organizations of an estate, with members counted, the latest contact and open follow-ups. */
    async list(actor: Actor, estateId: string, includeInactive = false): Promise<Organization[]> {
      requireCap(actor, 'plan.read');
      requireEstate(actor, estateId);
      return (await repo.listOrganizations(db, estateId, includeInactive)).map(toOrganization);
    },

    /** One organization with its members. */
    async get(actor: Actor, id: string): Promise<OrganizationDetail> {
      const row = await load(actor, id);
      return detail(row.estate_id, id, row);
    },

    /** createOrganization (plan.manage): the responsible staff member must work in the estate. */
    async create(actor: Actor, estateId: string, input: CreateOrganizationBody): Promise<OrganizationDetail> {
      requireCap(actor, 'plan.manage');
      requireEstate(actor, estateId);
      if (!(await repo.estateTimeZone(db, estateId))) throw CommonErrors.make('NOT_FOUND');
      await requireStaff(estateId, input.managerId, 'managerId');
      if (await repo.findOrganizationByName(db, estateId, input.name))
        throw OrganizationErrors.make('ORGANIZATION_NAME_TAKEN', { name: input.name }, { field: 'name' });
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertOrganization(trx, {
          estate_id: estateId,
          id,
          name: input.name,
          kind: input.kind,
          description: input.description || null,
          manager_id: input.managerId,
          meeting_place: input.meetingPlace || null,
          meeting_time: input.meetingTime || null,
          created_at: at,
          updated_at: at,
          created_by: actor.id,
        });
        await audit.record(
          {
            actor,
            action: 'organization.create',
            estateId,
            targetType: 'organization',
            targetId: id,
            details: { kind: input.kind, managerId: input.managerId },
          },
          trx,
        );
      });
      return detail(estateId, id);
    },

    /** updateOrganization (plan.manage): needs the edited version (body or If-Match), 412 when stale. */
    async update(
      actor: Actor,
      id: string,
      input: UpdateOrganizationBody,
      ifMatch?: number,
    ): Promise<OrganizationDetail> {
      const row = await load(actor, id);
      requireCap(actor, 'plan.manage');
      const version = expectedVersion(input, ifMatch);
      const estateId = row.estate_id;
      if (input.managerId) await requireStaff(estateId, input.managerId, 'managerId');
      if (
        input.name &&
        input.name !== row.name &&
        (await repo.findOrganizationByName(db, estateId, input.name))
      )
        throw OrganizationErrors.make('ORGANIZATION_NAME_TAKEN', { name: input.name }, { field: 'name' });
      const set: Updateable<OrganizationsTable> = { updated_at: clock.now().toISOString() };
      if (input.name !== undefined) set.name = input.name;
      if (input.kind !== undefined) set.kind = input.kind;
      if (input.description !== undefined) set.description = input.description || null;
      if (input.meetingPlace !== undefined) set.meeting_place = input.meetingPlace || null;
      if (input.meetingTime !== undefined) set.meeting_time = input.meetingTime || null;
      if (input.managerId !== undefined) set.manager_id = input.managerId;
      if (input.active !== undefined) set.active = input.active ? 1 : 0;
      await db.transaction().execute(async (trx) => {
        if (!(await repo.updateAtVersion(trx, 'organizations', { estateId, id, version }, set)))
          throw CommonErrors.make('VERSION_CONFLICT', { current: Number(row.version) });
        await audit.record(
          {
            actor,
            action: 'organization.update',
            estateId,
            targetType: 'organization',
            targetId: id,
            details: { fields: Object.keys(input).filter((k) => k !== 'version') },
          },
          trx,
        );
      });
      return detail(estateId, id);
    },

    /** addOrganizationMember: a household of the same estate, once (409 when already a member). */
    async addMember(actor: Actor, id: string, input: AddOrganizationMemberBody): Promise<OrganizationDetail> {
      const org = await load(actor, id);
      requireKeeper(actor, org.manager_id);
      const estateId = org.estate_id;
      if (!(await repo.householdInEstate(db, estateId, input.householdId)))
        throw CommonErrors.make('VALIDATION_FAILED', { summary: 'householdId' }, { field: 'householdId' });
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const added = await repo.addMember(trx, {
          estate_id: estateId,
          organization_id: id,
          household_id: input.householdId,
          role: input.role || null,
          joined_at: at,
          created_by: actor.id,
        });
        if (!added)
          throw OrganizationErrors.make('ORGANIZATION_MEMBER_EXISTS', undefined, { field: 'householdId' });
        await audit.record(
          {
            actor,
            action: 'organization.member.add',
            estateId,
            targetType: 'organization',
            targetId: id,
            details: { householdId: input.householdId, role: input.role ?? null },
          },
          trx,
        );
      });
      return detail(estateId, id);
    },

    /** removeOrganizationMember (404 when the household is not a member). */
    async removeMember(actor: Actor, id: string, householdId: string): Promise<OrganizationDetail> {
      const org = await load(actor, id);
      requireKeeper(actor, org.manager_id);
      const estateId = org.estate_id;
      await db.transaction().execute(async (trx) => {
        if (!(await repo.removeMember(trx, estateId, id, householdId)))
          throw OrganizationErrors.make('ORGANIZATION_MEMBER_NOT_FOUND');
        await audit.record(
          {
            actor,
            action: 'organization.member.remove',
            estateId,
            targetType: 'organization',
            targetId: id,
            details: { householdId },
          },
          trx,
        );
      });
      return detail(estateId, id);
    },

    /**
     * logOrganizationContact: when, who from our side (default the caller), channel, summary and
     * an optional follow-up. The latest contact is the C4 evidence on the KPI board.
     */
    async logContact(
      actor: Actor,
      id: string,
      input: LogOrganizationContactBody,
    ): Promise<OrganizationContact> {
      const org = await load(actor, id);
      requireKeeper(actor, org.manager_id);
      const estateId = org.estate_id;
      const now = clock.now();
      const contactedAt = input.contactedAt ? new Date(input.contactedAt) : now;
      if (contactedAt.getTime() > now.getTime() + CLOCK_SKEW_MS)
        throw OrganizationErrors.make('CONTACT_IN_FUTURE', undefined, { field: 'contactedAt' });
      const staffId = input.staffId ?? actor.id;
      if (input.staffId && input.staffId !== actor.id) await requireStaff(estateId, input.staffId, 'staffId');
      const cid = newId();
      const at = now.toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertContact(trx, {
          estate_id: estateId,
          id: cid,
          organization_id: id,
          contacted_at: contactedAt.toISOString(),
          staff_id: staffId,
          channel: input.channel,
          summary: input.summary,
          follow_up: input.followUp || null,
          follow_up_done_at: null,
          follow_up_done_by: null,
          created_at: at,
          updated_at: at,
          created_by: actor.id,
        });
        await audit.record(
          {
            actor,
            action: 'organization.contact.log',
            estateId,
            targetType: 'organization_contact',
            targetId: cid,
            details: { organizationId: id, channel: input.channel, followUp: !!input.followUp },
          },
          trx,
        );
      });
      return toContact((await repo.findContact(db, cid, [estateId]))!);
    },

    /** listOrganizationContacts: newest first; `openFollowUps=true` for follow-ups not yet done. */
    async listContacts(
      actor: Actor,
      id: string,
      q: ListOrganizationContactsQuery,
    ): Promise<Page<OrganizationContact>> {
      const org = await load(actor, id);
      const cursor = decodeCursor(q.cursor);
      if (q.cursor && cursor?.length !== 2)
        throw CommonErrors.make('VALIDATION_FAILED', { summary: 'cursor' }, { field: 'cursor' });
      const rows = await repo.listContacts(db, org.estate_id, id, {
        openOnly: q.openFollowUps === 'true',
        before: cursor ? [String(cursor[0]), String(cursor[1])] : undefined,
        limit: q.limit,
      });
      return toPage(rows, q.limit, (r) => [new Date(r.contacted_at).toISOString(), r.id], toContact);
    },

    /** updateOrganizationContact: mark its follow-up done (or reopen it), with the version. */
    async updateContact(
      actor: Actor,
      contactId: string,
      input: UpdateOrganizationContactBody,
      ifMatch?: number,
    ): Promise<OrganizationContact> {
      requireCap(actor, 'plan.read');
      const c = await repo.findContact(db, contactId, scopeOf(actor));
      if (!c) throw OrganizationErrors.make('ORGANIZATION_CONTACT_NOT_FOUND');
      requireKeeper(actor, c.organization_manager_id);
      const version = expectedVersion(input, ifMatch);
      if (!c.follow_up) throw OrganizationErrors.make('NO_FOLLOW_UP');
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const ok = await repo.updateAtVersion(
          trx,
          'organization_contacts',
          { estateId: c.estate_id, id: contactId, version },
          {
            follow_up_done_at: input.followUpDone ? now : null,
            follow_up_done_by: input.followUpDone ? actor.id : null,
            updated_at: now,
          },
        );
        if (!ok) throw CommonErrors.make('VERSION_CONFLICT', { current: Number(c.version) });
        await audit.record(
          {
            actor,
            action: 'organization.contact.follow_up',
            estateId: c.estate_id,
            targetType: 'organization_contact',
            targetId: contactId,
            details: { done: input.followUpDone },
          },
          trx,
        );
      });
      return toContact((await repo.findContact(db, contactId, [c.estate_id]))!);
    },
  };
}
