import type { Kysely, Updateable } from 'kysely';
import type {
  CarePlan,
  CarePlanItem,
  CopyCarePlanBody,
  CopyCarePlanResult,
  CreateCarePlanItemBody,
  UpdateCarePlanItemBody,
} from '../../../contract/organizations.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { localDate } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, can, requireCap, requireEstate } from '../auth/index.js';
import { toCareItem } from './care-plan.mapper.js';
import { moveIntoQuarter, quarterOf, quarterSpan } from './care-plan.quarter.js';
import * as repo from './care-plan.repository.js';
import { OrganizationErrors } from './organization.errors.js';
import { estateTimeZone, staffMember, updateAtVersion } from './organization.repository.js';
import type { CarePlanItemsTable } from './organization.table.js';

export type CarePlanService = ReturnType<typeof createCarePlanService>;

export interface CarePlanDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
}

/** Fields an item's owner may change without plan.manage: marking it done. */
const OWNER_FIELDS = new Set(['version', 'done', 'doneOn', 'doneNote']);

/**
 * The seasonal care plan table (C7): per estate and quarter, small things to do for residents
 * (for whom, who does it, by when) and whether they were done. Every staff member reads it
 * (plan.read); managers plan it (plan.manage); an item's owner marks it done.
 */
export function createCarePlanService(deps: CarePlanDeps) {
  const { db, clock, audit } = deps;

  async function estate(actor: Actor, estateId: string) {
    requireCap(actor, 'plan.read');
    requireEstate(actor, estateId);
    const tz = await estateTimeZone(db, estateId);
    if (!tz) throw CommonErrors.make('NOT_FOUND');
    return { tz, today: localDate(clock.now(), tz) };
  }

  async function plan(estateId: string, quarter: string, today: string): Promise<CarePlan> {
    const rows = await repo.listItems(db, estateId, quarter);
    const items = rows.map((r) => toCareItem(r, today));
    const span = quarterSpan(quarter);
    return {
      estateId,
      quarter,
      start: span.start,
      end: span.end,
      current: quarterOf(today) === quarter,
      total: items.length,
      done: items.filter((i) => i.done).length,
      overdue: items.filter((i) => i.overdue).length,
      items,
    };
  }

  function withinQuarter(dueDate: string, quarter: string) {
    const { start, end } = quarterSpan(quarter);
    if (dueDate < start || dueDate >= end)
      throw OrganizationErrors.make('DUE_DATE_OUTSIDE_QUARTER', { dueDate, quarter }, { field: 'dueDate' });
  }

  async function owner(estateId: string, ownerId: string) {
    if (!(await staffMember(db, estateId, ownerId)))
      throw OrganizationErrors.make('STAFF_NOT_IN_ESTATE', { field: 'ownerId' }, { field: 'ownerId' });
  }

  return {
    /** listCarePlanItems: one quarter (default: the current one in the estate's time zone). */
    async get(actor: Actor, estateId: string, quarter?: string): Promise<CarePlan> {
      const { today } = await estate(actor, estateId);
      return plan(estateId, quarter ?? quarterOf(today), today);
    },

    /** createCarePlanItem (plan.manage): the due date must fall within the quarter. */
    async create(actor: Actor, estateId: string, input: CreateCarePlanItemBody): Promise<CarePlanItem> {
      requireCap(actor, 'plan.manage');
      const { today } = await estate(actor, estateId);
      withinQuarter(input.dueDate, input.quarter);
      await owner(estateId, input.ownerId);
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertItem(trx, {
          estate_id: estateId,
          id,
          quarter: input.quarter,
          title: input.title,
          audience: input.audience,
          audience_note: input.audienceNote || null,
          owner_id: input.ownerId,
          due_date: input.dueDate,
          done_on: null,
          done_at: null,
          done_by: null,
          done_note: null,
          copied_from: null,
          created_at: at,
          updated_at: at,
          created_by: actor.id,
        });
        await audit.record(
          {
            actor,
            action: 'care_plan.create',
            estateId,
            targetType: 'care_plan_item',
            targetId: id,
            details: { quarter: input.quarter, audience: input.audience, ownerId: input.ownerId },
          },
          trx,
        );
      });
      return toCareItem((await repo.findItem(db, id, [estateId]))!, today);
    },

    /**
     * updateCarePlanItem: managers edit anything; the item's owner only marks it done or not done
     * (doneOn defaults to today and cannot be later). Needs the version (body or If-Match).
     */
    async update(
      actor: Actor,
      id: string,
      input: UpdateCarePlanItemBody,
      ifMatch?: number,
    ): Promise<CarePlanItem> {
      requireCap(actor, 'plan.read');
      const row = await repo.findItem(db, id, actor.allEstates ? 'all' : actor.estateIds);
      if (!row) throw OrganizationErrors.make('CARE_ITEM_NOT_FOUND');
      const estateId = row.estate_id;
      const { today } = await estate(actor, estateId);
      const manages = can(actor, 'plan.manage');
      const ownerOnly = Object.keys(input).every((k) => OWNER_FIELDS.has(k));
      if (!manages && !(actor.id === row.owner_id && ownerOnly))
        throw OrganizationErrors.make('NOT_ITEM_OWNER').asDenial();
      const version = input.version ?? ifMatch;
      if (version === undefined) throw CommonErrors.make('VERSION_REQUIRED');
      if (input.dueDate !== undefined) withinQuarter(input.dueDate, row.quarter);
      if (input.ownerId !== undefined) await owner(estateId, input.ownerId);
      if (input.doneOn !== undefined && input.doneOn > today)
        throw OrganizationErrors.make('DONE_IN_FUTURE', undefined, { field: 'doneOn' });
      const now = clock.now().toISOString();
      const set: Updateable<CarePlanItemsTable> = { updated_at: now };
      if (input.title !== undefined) set.title = input.title;
      if (input.audience !== undefined) set.audience = input.audience;
      if (input.audienceNote !== undefined) set.audience_note = input.audienceNote || null;
      if (input.ownerId !== undefined) set.owner_id = input.ownerId;
      if (input.dueDate !== undefined) set.due_date = input.dueDate;
      const markDone = input.done === true || (input.done === undefined && input.doneOn !== undefined);
      if (markDone) {
        set.done_on = input.doneOn ?? row.done_on ?? today;
        // The moment it was first marked done is kept when only the date or note is corrected.
        if (!row.done_on) {
          set.done_at = now;
          set.done_by = actor.id;
        }
      } else if (input.done === false) {
        set.done_on = null;
        set.done_at = null;
        set.done_by = null;
      }
      if (input.doneNote !== undefined) set.done_note = input.doneNote || null;
      await db.transaction().execute(async (trx) => {
        if (!(await updateAtVersion(trx, 'care_plan_items', { estateId, id, version }, set)))
          throw CommonErrors.make('VERSION_CONFLICT', { current: Number(row.version) });
        await audit.record(
          {
            actor,
            action: 'care_plan.update',
            estateId,
            targetType: 'care_plan_item',
            targetId: id,
            details: { fields: Object.keys(input).filter((k) => k !== 'version'), done: input.done ?? null },
          },
          trx,
        );
      });
      return toCareItem((await repo.findItem(db, id, [estateId]))!, today);
    },

    /**
     * copyCarePlanQuarter (plan.manage): every item of `from` into `to`, not done, with its due
     * date at the same place in the quarter. Running it again copies nothing twice.
     */
    async copy(actor: Actor, estateId: string, input: CopyCarePlanBody): Promise<CopyCarePlanResult> {
      requireCap(actor, 'plan.manage');
      const { today } = await estate(actor, estateId);
      if (input.from === input.to)
        throw OrganizationErrors.make('COPY_SAME_QUARTER', undefined, { field: 'to' });
      const source = await repo.listItems(db, estateId, input.from);
      const at = clock.now().toISOString();
      const copies = source.map((s) => ({
        estate_id: estateId,
        id: newId(),
        quarter: input.to,
        title: s.title,
        audience: s.audience,
        audience_note: s.audience_note,
        owner_id: s.owner_id,
        due_date: moveIntoQuarter(s.due_date, input.from, input.to),
        done_on: null,
        done_at: null,
        done_by: null,
        done_note: null,
        copied_from: s.id,
        created_at: at,
        updated_at: at,
        created_by: actor.id,
      }));
      const copied = await db.transaction().execute(async (trx) => {
        const n = await repo.insertCopies(trx, copies);
        await audit.record(
          {
            actor,
            action: 'care_plan.copy',
            estateId,
            targetType: 'care_plan',
            targetId: input.to,
            details: { from: input.from, to: input.to, copied: n },
          },
          trx,
        );
        return n;
      });
      return { copied, skipped: source.length - copied, plan: await plan(estateId, input.to, today) };
    },
  };
}
