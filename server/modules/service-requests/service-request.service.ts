import type { Kysely, Updateable } from 'kysely';
import {
  type AssigneeSuggestion,
  type CatalogEntry,
  type CompleteBody,
  type CreateServiceRequestBody,
  type ListServiceRequestsQuery,
  REQUEST_STATUSES,
  type ServiceFigures,
  type ServiceRequest,
  type ServiceRequestDetail,
} from '../../../contract/service-requests.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { fromJson, toIso, toJson } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, can, inScope, requireCap, requireEstate } from '../auth/index.js';
import { ACTION_NAMES, ServiceRequestErrors, STATUS_NAMES } from './service-request.errors.js';
import { computeFigures } from './service-request.figures.js';
import { toCatalogEntry, toEvent, toServiceRequest } from './service-request.mapper.js';
import * as repo from './service-request.repository.js';
import { careFlagsOf, decideCharge, dueTimes, materialCost } from './service-request.rules.js';
import { type OnDutyLookup, rankAssignees } from './service-request.suggest.js';
import type { ServiceRequestsTable } from './service-request.table.js';

export type ServiceRequestService = ReturnType<typeof createServiceRequestService>;

export interface ServiceRequestDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  /**
   * Called after a completion is committed (the supervision card and follow-ups of the ratings
   * module). A failure here never fails the completion: a sweep job catches up.
   */
  onCompleted?: (requestId: string) => Promise<unknown>;
  /** The duty roster: suggestions put whoever is on duty now first. */
  roster?: OnDutyLookup;
}

type Action = 'assign' | 'accept' | 'start' | 'complete' | 'cancel';

function stateConflict(status: string, action: Action) {
  const s = STATUS_NAMES[status] ?? { zh: status, en: status };
  const a = ACTION_NAMES[action]!;
  return ServiceRequestErrors.make(
    'REQUEST_STATE_CONFLICT',
    { stateZh: s.zh, state: s.en, actionZh: a.zh, action: a.en },
    { status, action },
  );
}

/**
 * Service requests: the catalog of an estate, requests any staff member takes first (E4), dispatch
 * to the responsible team, and the work. Every state change is one conditional UPDATE (status and
 * version), so concurrent changes cannot both win; each writes a timeline event and an audit event
 * in the same transaction. Requests outside the actor's estates, or (for non-dispatchers) outside
 * their team and not taken by or assigned to them, are 404.
 */
export function createServiceRequestService(deps: ServiceRequestDeps) {
  const { db, clock, audit } = deps;

  async function timeZone(estateId: string): Promise<string> {
    const tz = await repo.estateTimeZone(db, estateId);
    if (!tz) throw CommonErrors.make('NOT_FOUND');
    return tz;
  }

  async function teamsOf(actor: Actor) {
    return (await repo.teamsOf(db, actor.id)).filter((t) => inScope(actor, t.estateId));
  }

  function inTeam(teams: { estateId: string; teamCode: string }[], row: repo.RequestRow) {
    return teams.some((t) => t.estateId === row.estate_id && t.teamCode === row.team_code);
  }

  /** Loads a request the actor may see; 404 otherwise (existence is not revealed). */
  async function load(actor: Actor, id: string): Promise<repo.RequestRow> {
    requireCap(actor, 'request.create');
    const row = await repo.findRequest(db, id);
    if (!row) throw ServiceRequestErrors.make('SERVICE_REQUEST_NOT_FOUND');
    if (!inScope(actor, row.estate_id))
      throw ServiceRequestErrors.make('SERVICE_REQUEST_NOT_FOUND').asDenial();
    if (can(actor, 'request.dispatch')) return row;
    if (row.taken_by === actor.id || row.assignee_id === actor.id) return row;
    if (inTeam(await teamsOf(actor), row)) return row;
    throw ServiceRequestErrors.make('SERVICE_REQUEST_NOT_FOUND').asDenial();
  }

  async function detail(row: repo.RequestRow): Promise<ServiceRequestDetail> {
    const events = await repo.listEvents(db, row.estate_id, row.id);
    return { ...toServiceRequest(row), timeline: events.map(toEvent) };
  }

  /**
   * Applies a state change if the request is still in one of `from` at the version read (and,
   * when given, still has `assignee`): of two concurrent changes exactly one wins, the other
   * gets 409 naming the state it found. Writes the timeline and audit events with it.
   */
  async function change(
    actor: Actor,
    row: repo.RequestRow,
    action: Action,
    c: {
      from: readonly string[];
      to: string;
      set?: Updateable<ServiceRequestsTable>;
      expectedVersion?: number;
      assignee?: string | null;
      details?: Record<string, unknown>;
    },
  ): Promise<ServiceRequestDetail> {
    if (!c.from.includes(row.status)) throw stateConflict(row.status, action);
    const version = Number(row.version);
    if (c.expectedVersion !== undefined && c.expectedVersion !== version)
      throw CommonErrors.make('VERSION_CONFLICT', { current: version });
    const now = clock.now().toISOString();
    await db.transaction().execute(async (trx) => {
      const won = await repo.transition(
        trx,
        { estateId: row.estate_id, id: row.id, from: c.from, version, assignee: c.assignee },
        { ...c.set, status: c.to, updated_at: now, updated_by: actor.id },
      );
      if (!won) {
        const cur = await repo.findRequest(trx, row.id);
        if (!cur) throw ServiceRequestErrors.make('SERVICE_REQUEST_NOT_FOUND');
        if (!c.from.includes(cur.status)) throw stateConflict(cur.status, action);
        if (c.assignee !== undefined && cur.assignee_id !== c.assignee)
          throw ServiceRequestErrors.make('REQUEST_ASSIGNED_TO_OTHER', { assignee: cur.assignee_name ?? '' });
        throw CommonErrors.make('VERSION_CONFLICT', { current: cur.version });
      }
      await repo.insertEvent(trx, {
        estate_id: row.estate_id,
        id: newId(),
        request_id: row.id,
        at: now,
        kind: action === 'assign' ? 'assigned' : c.to,
        from_status: row.status,
        to_status: c.to,
        actor_id: actor.id,
        actor_name: actor.displayName,
        details: c.details ? toJson(c.details) : null,
      });
      await audit.record(
        {
          actor,
          action: `service_request.${action}`,
          estateId: row.estate_id,
          targetType: 'service_request',
          targetId: row.id,
          details: { from: row.status, to: c.to, catalogCode: row.catalog_code, ...c.details },
        },
        trx,
      );
    });
    return detail((await repo.findRequest(db, row.id))!);
  }

  async function catalogOf(row: repo.RequestRow): Promise<CatalogEntry> {
    const entry = await repo.findCatalog(db, row.estate_id, row.catalog_id);
    if (!entry) throw ServiceRequestErrors.make('CATALOG_ENTRY_NOT_FOUND');
    return toCatalogEntry(entry);
  }

  /** Only the assignee does the work once accepted. */
  function requireAssignee(actor: Actor, row: repo.RequestRow) {
    if (row.assignee_id !== actor.id) throw ServiceRequestErrors.make('REQUEST_NOT_ASSIGNEE').asDenial();
  }

  return {
    /**
     * The estate's service catalog. Staff see every entry (or one visibility); a resident only
     * ever receives entries visible to residents: the internal free list and spare-part lending
     * are done but not promised publicly (不对外承诺).
     */
    async listCatalog(
      actor: Actor,
      estateId: string,
      f: { visibility?: 'residents' | 'internal'; includeInactive?: boolean } = {},
    ): Promise<CatalogEntry[]> {
      const resident = actor.role === 'resident';
      if (!resident) requireCap(actor, 'request.create');
      requireEstate(actor, estateId);
      await timeZone(estateId);
      const rows = await repo.listCatalog(
        db,
        estateId,
        resident
          ? { visibility: 'residents' }
          : { visibility: f.visibility, includeInactive: f.includeInactive },
      );
      return rows.filter((r) => !resident || r.visibility === 'residents').map(toCatalogEntry);
    },

    /** Takes a request (E4): the taker is recorded and stays answerable until the team accepts. */
    async create(actor: Actor, input: CreateServiceRequestBody): Promise<ServiceRequestDetail> {
      requireCap(actor, 'request.create');
      requireEstate(actor, input.estateId);
      await timeZone(input.estateId); // 404 for an estate that does not exist
      const entryRow = await repo.findCatalog(db, input.estateId, input.catalogId);
      if (!entryRow)
        throw ServiceRequestErrors.make('CATALOG_ENTRY_NOT_FOUND', undefined, { field: 'catalogId' });
      if (Number(entryRow.active) !== 1)
        throw ServiceRequestErrors.make('CATALOG_ENTRY_INACTIVE', undefined, { field: 'catalogId' });
      const entry = toCatalogEntry(entryRow);
      let household: { id: string; room_code: string; care_flags: unknown } | undefined;
      if (input.householdId) {
        household = await repo.findHousehold(db, input.estateId, input.householdId);
        if (!household)
          throw ServiceRequestErrors.make('REQUEST_HOUSEHOLD_NOT_IN_ESTATE', undefined, {
            field: 'householdId',
          });
      } else if (!input.location) {
        throw CommonErrors.make(
          'VALIDATION_FAILED',
          { summary: 'householdId or location' },
          { field: 'householdId', reason: 'a request is for a household or a place' },
        );
      }
      const care = careFlagsOf(fromJson<string[]>(household?.care_flags, []));
      const now = clock.now();
      const due = dueTimes(now, entry.targets, input.priority);
      const id = newId();
      const at = now.toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertRequest(trx, {
          estate_id: input.estateId,
          id,
          household_id: household?.id ?? null,
          room_code: household?.room_code ?? null,
          location: input.location || null,
          catalog_id: entry.id,
          catalog_code: entry.code,
          service_name_zh: entry.name,
          service_name_en: entry.nameEn,
          team_code: entry.team,
          priority: input.priority,
          description: input.description,
          channel: input.channel,
          taken_by: actor.id,
          taken_by_name: actor.displayName,
          status: 'new',
          assignee_id: null,
          assignee_name: null,
          care: care.length ? 1 : 0,
          care_flags: toJson(care),
          response_due_at: due.responseDueAt.toISOString(),
          completion_due_at: due.completionDueAt.toISOString(),
          due_at: due.responseDueAt.toISOString(),
          version: 1,
          created_at: at,
          updated_at: at,
          created_by: actor.id,
          updated_by: actor.id,
        });
        await repo.insertEvent(trx, {
          estate_id: input.estateId,
          id: newId(),
          request_id: id,
          at,
          kind: 'created',
          from_status: null,
          to_status: 'new',
          actor_id: actor.id,
          actor_name: actor.displayName,
          details: toJson({ channel: input.channel, priority: input.priority, catalogCode: entry.code }),
        });
        await audit.record(
          {
            actor,
            action: 'service_request.create',
            estateId: input.estateId,
            targetType: 'service_request',
            targetId: id,
            details: { catalogCode: entry.code, channel: input.channel, priority: input.priority },
          },
          trx,
        );
      });
      return detail((await repo.findRequest(db, id))!);
    },

    /**
     * A team queue (dispatchers see every team), "my jobs" (`assignee=me`), or a household's
     * requests; care-flagged first (T7), then by the next due time. Non-dispatchers see their
     * team's requests and those they took or were assigned.
     */
    async list(actor: Actor, q: ListServiceRequestsQuery): Promise<Page<ServiceRequest>> {
      requireCap(actor, 'request.create');
      if (q.estateId) requireEstate(actor, q.estateId);
      let statuses: string[] | undefined;
      if (q.status) {
        statuses = q.status.split(',').flatMap((s) => (s === 'open' ? [...repo.OPEN_STATUSES] : [s]));
        const bad = statuses.find((s) => !(REQUEST_STATUSES as readonly string[]).includes(s));
        if (bad)
          throw CommonErrors.make('VALIDATION_FAILED', { summary: `status ${bad}` }, { field: 'status' });
      }
      const c = decodeCursor(q.cursor);
      const after =
        c && c.length === 3 ? { care: Number(c[0]), dueAt: String(c[1]), id: String(c[2]) } : undefined;
      const rows = await repo.listRequests(db, {
        estateIds: q.estateId ? [q.estateId] : actor.allEstates ? 'all' : actor.estateIds,
        statuses,
        team: q.team,
        assigneeId: q.assignee === 'me' ? actor.id : q.assignee,
        householdId: q.householdId,
        visibleTo: can(actor, 'request.dispatch')
          ? undefined
          : { actorId: actor.id, teams: await teamsOf(actor) },
        after,
        limit: q.limit,
      });
      return toPage(rows, q.limit, (r) => [Number(r.care), toIso(r.due_at)!, r.id], toServiceRequest);
    },

    /** A request with its timeline. */
    async get(actor: Actor, id: string): Promise<ServiceRequestDetail> {
      return detail(await load(actor, id));
    },

    /** Team members ranked for a job: on duty now, then skill match, then open load. */
    async suggestAssignees(actor: Actor, id: string): Promise<AssigneeSuggestion[]> {
      requireCap(actor, 'request.dispatch');
      const row = await load(actor, id);
      return rankAssignees(db, deps.roster, row, await catalogOf(row), clock.now());
    },

    /** Assigns (or reassigns, before acceptance) a job to a member of the responsible team. */
    async assign(actor: Actor, id: string, input: { assigneeId: string; version?: number }) {
      requireCap(actor, 'request.dispatch');
      const row = await load(actor, id);
      if (!['new', 'assigned'].includes(row.status)) throw stateConflict(row.status, 'assign');
      const member = (await repo.teamMembers(db, row.estate_id, row.team_code)).find(
        (m) => m.id === input.assigneeId,
      );
      if (!member)
        throw ServiceRequestErrors.make('ASSIGNEE_NOT_IN_TEAM', undefined, { field: 'assigneeId' });
      return change(actor, row, 'assign', {
        from: ['new', 'assigned'],
        to: 'assigned',
        expectedVersion: input.version,
        set: {
          assignee_id: member.id,
          assignee_name: member.display_name,
          assigned_at: clock.now().toISOString(),
        },
        details: {
          assigneeId: member.id,
          assigneeName: member.display_name,
          previousAssigneeId: row.assignee_id,
        },
      });
    },

    /**
     * Accepts a job: the assignee, or any member of the responsible team taking an unassigned
     * one. Two people accepting at once: one wins, the other gets 409.
     */
    async accept(actor: Actor, id: string, input: { version?: number } = {}) {
      requireCap(actor, 'request.work');
      const row = await load(actor, id);
      if (!['new', 'assigned'].includes(row.status)) throw stateConflict(row.status, 'accept');
      if (row.assignee_id !== actor.id) {
        if (!inTeam(await teamsOf(actor), row))
          throw ServiceRequestErrors.make('REQUEST_NOT_IN_TEAM').asDenial();
        if (row.assignee_id)
          throw ServiceRequestErrors.make('REQUEST_ASSIGNED_TO_OTHER', { assignee: row.assignee_name ?? '' });
      }
      return change(actor, row, 'accept', {
        from: ['new', 'assigned'],
        to: 'accepted',
        expectedVersion: input.version,
        assignee: row.assignee_id,
        set: {
          assignee_id: actor.id,
          assignee_name: actor.displayName,
          accepted_at: clock.now().toISOString(),
          due_at: toIso(row.completion_due_at)!,
        },
      });
    },

    /** The assignee starts the work on site. */
    async start(actor: Actor, id: string, input: { version?: number } = {}) {
      requireCap(actor, 'request.work');
      const row = await load(actor, id);
      if (row.status !== 'accepted') throw stateConflict(row.status, 'start');
      requireAssignee(actor, row);
      return change(actor, row, 'start', {
        from: ['accepted'],
        to: 'in_progress',
        expectedVersion: input.version,
        assignee: actor.id,
        set: { started_at: clock.now().toISOString() },
      });
    },

    /**
     * The assignee completes the job with notes, materials and time spent. A free entry, or a
     * free rule that matches (e.g. urgent + night + materials under the limit), makes it free
     * with the reason recorded; otherwise the charge given, or the fixed price plus materials.
     */
    async complete(actor: Actor, id: string, input: CompleteBody) {
      requireCap(actor, 'request.work');
      const row = await load(actor, id);
      if (!['accepted', 'in_progress'].includes(row.status)) throw stateConflict(row.status, 'complete');
      requireAssignee(actor, row);
      const entry = await catalogOf(row);
      const materialFen = materialCost(input.materials);
      const takenAt = new Date(toIso(row.created_at)!);
      const charge = decideCharge(
        entry,
        { priority: row.priority, takenAt, timeZone: await timeZone(row.estate_id), materialFen },
        input.charge,
      );
      const now = clock.now().toISOString();
      const done = await change(actor, row, 'complete', {
        from: ['accepted', 'in_progress'],
        to: 'completed',
        expectedVersion: input.version,
        assignee: actor.id,
        set: {
          notes: input.notes,
          materials: toJson(input.materials),
          material_cost_fen: materialFen,
          minutes_spent: input.minutesSpent,
          charge_kind: charge.kind,
          charged_fen: charge.chargedFen,
          free_basis: charge.freeBasis,
          free_reason: charge.freeReason,
          started_at: toIso(row.started_at) ?? now,
          completed_at: now,
        },
        details: {
          charge: charge.kind,
          chargedFen: charge.chargedFen,
          freeBasis: charge.freeBasis,
          materialCostFen: materialFen,
        },
      });
      await deps.onCompleted?.(row.id).catch(() => undefined);
      return done;
    },

    /**
     * Cancels an open request with a reason: the taker while the team has not accepted it yet
     * (they are still answerable for it), a dispatcher at any time before completion.
     */
    async cancel(actor: Actor, id: string, input: { reason: string; version?: number }) {
      requireCap(actor, 'request.create');
      const row = await load(actor, id);
      const open = repo.OPEN_STATUSES as readonly string[];
      if (!open.includes(row.status)) throw stateConflict(row.status, 'cancel');
      const dispatcher = can(actor, 'request.dispatch');
      const takerBeforeAccept = row.taken_by === actor.id && ['new', 'assigned'].includes(row.status);
      if (!dispatcher && !takerBeforeAccept)
        throw ServiceRequestErrors.make('REQUEST_CANCEL_NOT_ALLOWED').asDenial();
      return change(actor, row, 'cancel', {
        from: dispatcher ? open : ['new', 'assigned'],
        to: 'cancelled',
        expectedVersion: input.version,
        set: { cancelled_at: clock.now().toISOString(), cancelled_by: actor.id, cancel_reason: input.reason },
        details: { reason: input.reason },
      });
    },

    /**
     * KPI figures of requests created in [from, to) in an estate, optionally of a team or a
     * person. For system code (the KPI board checks the actor's scope before calling).
     */
    async figures(
      estateId: string,
      from: Date,
      to: Date,
      f: { team?: string; assigneeId?: string } = {},
    ): Promise<ServiceFigures> {
      const rows = await repo.requestsCreatedBetween(db, estateId, from.toISOString(), to.toISOString(), f);
      return computeFigures(rows);
    },
  };
}
