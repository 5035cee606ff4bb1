import type { Kysely } from 'kysely';
import type { UpdateHouseholdBody } from '../../../contract/households.js';
import { PURPOSE_OF_CATEGORY } from '../../../contract/households.js';
import type {
  CreateVisitBody,
  CreateVisitResult,
  ListVisitsQuery,
  Visit,
  VisitSuggestion,
} from '../../../contract/visits.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { fromJson, localDate, toJson } from '../../lib/dates.js';
import { AppError, CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { decodeCursor, encodeCursor, type Page } from '../../lib/pagination.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, can, inScope, requireCap, requireEstate } from '../auth/index.js';
import type { HouseholdService } from '../households/index.js';
import { VisitErrors } from './visit.errors.js';
import { toVisit } from './visit.mapper.js';
import * as repo from './visit.repository.js';
import { rankSuggestions } from './visit.suggest.js';

export type VisitService = ReturnType<typeof createVisitService>;

export interface VisitDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  /** Archive reads and edits go through the household service: scope, version, history, audit. */
  households: Pick<HouseholdService, 'load' | 'update'>;
}

type WriteBack = Visit['writeBack'];
type WriteBackInput = NonNullable<CreateVisitBody['writeBack']>;

/** Clock skew a phone may have: a visit time up to this far ahead of the server is accepted. */
const FUTURE_SLACK_MS = 5 * 60_000;
/** The archive keeps at most this many hobbies, skills or tags (the archive form's limit). */
const LIST_MAX = 30;
const WRITE_BACK_ATTEMPTS = 3;

const LIST_FIELDS = [
  ['hobbies', 'hobbies'],
  ['skills', 'skills'],
  ['tags', 'tags'],
] as const;

/** Stored list ∪ learned words, stored order first, no duplicates, capped at the archive limit. */
function union(stored: string[], learned: string[]): string[] {
  const out = [...stored];
  for (const w of learned) {
    const word = w.trim();
    if (word && !out.includes(word) && out.length < LIST_MAX) out.push(word);
  }
  return out;
}

function iso(v: Date | string): string {
  return (v instanceof Date ? v : new Date(v)).toISOString();
}

/**
 * Home visits (走访): the visit form (客户走访表) recorded by butlers, the culture specialist,
 * squad leaders, supervisors and managers, and home safety checks (S2) recorded by guards; what was learned is merged into the household
 * archive; suggestions of whom to visit next; counts for the commitments (E1, S4, S2, C3).
 */
export function createVisitService(deps: VisitDeps) {
  const { db, clock, audit, households } = deps;

  async function withProblems(rows: repo.VisitRow[]): Promise<Visit[]> {
    const estateIds = [...new Set(rows.map((r) => r.estate_id))];
    const problems = await repo.problemsOf(
      db,
      estateIds,
      rows.map((r) => r.id),
    );
    return rows.map((r) => toVisit(r, problems));
  }

  /**
   * Merges what was learned into the archive through households.update (so the archive's
   * history names the visitor and the change is audited). Retries when someone else edits the
   * archive at the same moment; never fails the visit itself.
   */
  async function writeBack(
    actor: Actor,
    householdId: string,
    wb: WriteBackInput | undefined,
  ): Promise<WriteBack> {
    const asked =
      !!wb && (!!wb.hobbies?.length || !!wb.skills?.length || !!wb.tags?.length || !!wb.familyStructure);
    if (!wb || !asked) return { status: 'not_requested', fields: [], householdVersion: null };
    if (!can(actor, 'household.edit')) return { status: 'not_permitted', fields: [], householdVersion: null };
    for (let attempt = 1; attempt <= WRITE_BACK_ATTEMPTS; attempt++) {
      const row = await households.load(actor, householdId);
      const patch: UpdateHouseholdBody = { version: Number(row.version) };
      const fields: string[] = [];
      for (const [key, column] of LIST_FIELDS) {
        const learned = wb[key];
        if (!learned?.length) continue;
        const stored = fromJson<string[]>(row[column], []);
        const merged = union(stored, learned);
        if (merged.length !== stored.length) {
          patch[key] = merged;
          fields.push(key);
        }
      }
      if (wb.familyStructure && wb.familyStructure !== row.family_structure) {
        patch.familyStructure = wb.familyStructure;
        fields.push('familyStructure');
      }
      if (!fields.length) return { status: 'unchanged', fields, householdVersion: Number(row.version) };
      try {
        const h = await households.update(actor, householdId, patch);
        return { status: 'applied', fields, householdVersion: h.version };
      } catch (e) {
        if (e instanceof AppError && e.code === 'VERSION_CONFLICT' && attempt < WRITE_BACK_ATTEMPTS) continue;
        if (e instanceof AppError && e.status < 500 && e.status !== 404)
          return { status: 'conflict', fields: [], householdVersion: null };
        throw e;
      }
    }
    return { status: 'conflict', fields: [], householdVersion: null };
  }

  async function sensitiveFollowUp(
    actor: Actor,
    estateId: string,
    householdId: string,
    input: CreateVisitBody,
  ) {
    const categories = [...new Set(input.sensitiveLearned ?? [])];
    return Promise.all(
      categories.map(async (category) => {
        const purpose = PURPOSE_OF_CATEGORY[category];
        const consentActive = await repo.hasActiveConsent(db, estateId, householdId, purpose);
        const canWrite = can(actor, 'sensitive.write');
        const next: CreateVisitResult['sensitiveFollowUp'][number]['next'] = !canWrite
          ? 'ask_colleague'
          : consentActive
            ? 'add_fact'
            : can(actor, 'consent.manage')
              ? 'record_consent'
              : 'ask_colleague';
        return {
          category,
          purpose,
          consentActive,
          canWrite,
          next,
          addFactPath: `/api/households/${householdId}/sensitive`,
          consentPath: `/api/households/${householdId}/consents`,
        };
      }),
    );
  }

  return {
    /**
     * Records a visit. The household must be in the actor's scope (404 otherwise). Learned
     * hobbies, skills, tags and family structure are merged into the archive when asked and
     * allowed; sensitive facts are never stored here: the reply says how to record them under
     * the resident's consent (POST /api/households/:id/sensitive).
     */
    async create(actor: Actor, input: CreateVisitBody): Promise<CreateVisitResult> {
      // visit.safety_check (guards) records home safety checks (S2) and nothing else.
      if (!can(actor, 'visit.record')) {
        requireCap(actor, 'visit.safety_check');
        if (input.kind !== 'safety_check')
          throw VisitErrors.make('SAFETY_CHECK_ONLY', undefined, { field: 'kind' }).asDenial();
      }
      const household = await households.load(actor, input.householdId);
      const estateId = household.estate_id;
      const now = clock.now();
      const visitedAt = input.visitedAt ? new Date(input.visitedAt) : now;
      if (visitedAt.getTime() > now.getTime() + FUTURE_SLACK_MS) throw VisitErrors.make('VISIT_IN_FUTURE');
      const wb = await writeBack(actor, household.id, input.writeBack);
      const id = newId();
      const problems = input.problems ?? [];
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('visits')
          .values({
            estate_id: estateId,
            id,
            household_id: household.id,
            visitor_id: actor.id,
            visited_at: visitedAt.toISOString(),
            kind: input.kind,
            met_whom: input.metWhom || null,
            hobbies: toJson(input.hobbies ?? []),
            skills: toJson(input.skills ?? []),
            family_changes: input.familyChanges || null,
            needs: input.needs || null,
            notes: input.notes || null,
            satisfaction: input.satisfaction ?? null,
            flyer_given: input.flyerGiven ? 1 : 0,
            write_back: toJson(wb),
            created_at: now.toISOString(),
            created_by: actor.id,
          })
          .execute();
        if (problems.length)
          await trx
            .insertInto('visit_problems')
            .values(
              problems.map((text, seq) => ({
                estate_id: estateId,
                visit_id: id,
                seq,
                text,
                request_id: null,
              })),
            )
            .execute();
        await audit.record(
          {
            actor,
            action: 'visit.create',
            estateId,
            targetType: 'visit',
            targetId: id,
            details: {
              householdId: household.id,
              kind: input.kind,
              problems: problems.length,
              writeBack: wb.status,
              fields: wb.fields,
            },
          },
          trx,
        );
      });
      const visit = await this.get(actor, id);
      return { ...visit, sensitiveFollowUp: await sensitiveFollowUp(actor, estateId, household.id, input) };
    },

    /** Visits the actor may see, newest first; `visitorId=me` for one's own. */
    async list(actor: Actor, q: ListVisitsQuery): Promise<Page<Visit>> {
      requireCap(actor, 'household.read');
      let estateIds = actor.estateIds;
      if (q.estateId) {
        requireEstate(actor, q.estateId);
        estateIds = [q.estateId];
      }
      if (!estateIds.length) return { items: [], nextCursor: null };
      const c = decodeCursor(q.cursor);
      const rows = await repo.listVisits(db, {
        estateIds,
        householdId: q.householdId,
        visitorId: q.visitorId === 'me' ? actor.id : q.visitorId,
        kind: q.kind,
        from: q.from ? iso(q.from) : undefined,
        to: q.to ? iso(q.to) : undefined,
        before: c && c.length === 2 ? [String(c[0]), String(c[1])] : undefined,
        limit: q.limit,
      });
      const kept = rows.slice(0, q.limit);
      const last = kept[kept.length - 1];
      return {
        items: await withProblems(kept),
        nextCursor: rows.length > q.limit && last ? encodeCursor([iso(last.visited_at), last.id]) : null,
      };
    },

    /** One visit; 404 when it does not exist or lies outside the actor's estates. */
    async get(actor: Actor, id: string): Promise<Visit> {
      requireCap(actor, 'household.read');
      const row = await repo.findVisit(db, id, 'all');
      if (!row) throw VisitErrors.make('VISIT_NOT_FOUND');
      if (!inScope(actor, row.estate_id)) throw VisitErrors.make('VISIT_NOT_FOUND').asDenial();
      return (await withProblems([row]))[0]!;
    },

    /**
     * Households to visit next in an estate, with the reason for each (see rankSuggestions).
     * A butler's list keeps to the buildings they look after. Two queries for the whole estate.
     */
    async suggest(
      actor: Actor,
      estateId: string,
      opts: { limit: number; buildingIds?: string[] },
    ): Promise<{ items: VisitSuggestion[]; buildingIds: string[] | null }> {
      requireCap(actor, 'visit.record');
      requireEstate(actor, estateId);
      const tz = await repo.estateTimeZone(db, estateId);
      if (!tz) throw CommonErrors.make('NOT_FOUND');
      let buildingIds = opts.buildingIds;
      if (actor.role === 'butler') {
        const own = await repo.butlerBuildings(db, estateId, actor.id);
        buildingIds = buildingIds ? buildingIds.filter((b) => own.includes(b)) : own;
      }
      if (buildingIds && !buildingIds.length) return { items: [], buildingIds };
      const [candidates, last] = await Promise.all([
        repo.suggestionCandidates(db, estateId, buildingIds),
        repo.lastVisits(db, estateId),
      ]);
      const lastAt = new Map(last.map((l) => [l.household_id, l.last_at as Date | string]));
      const now = clock.now();
      return {
        items: rankSuggestions(candidates, lastAt, now, localDate(now, tz), opts.limit),
        buildingIds: buildingIds ?? null,
      };
    },

    /** Visits in [from, to) of an estate, of a visitor and of some kinds (KPI board). */
    countVisits(
      estateId: string,
      f: { visitorId?: string; kinds?: string[]; from: Date | string; to: Date | string },
    ): Promise<number> {
      return repo.countVisits(db, estateId, { ...f, from: iso(f.from), to: iso(f.to) });
    },

    /** Visits in [from, to) per visitor (KPI board by person). */
    countVisitsByVisitor(
      estateId: string,
      f: { kinds?: string[]; from: Date | string; to: Date | string },
    ): Promise<Map<string, number>> {
      return repo.countByVisitor(db, estateId, { ...f, from: iso(f.from), to: iso(f.to) });
    },

    /** Distinct households visited in [from, to) with a visit of the given kinds (all when empty). */
    visitedHouseholds(
      estateId: string,
      kinds: string[] | undefined,
      from: Date | string,
      to: Date | string,
    ): Promise<string[]> {
      return repo.visitedHouseholds(db, estateId, { kinds, from: iso(from), to: iso(to) });
    },
  };
}
