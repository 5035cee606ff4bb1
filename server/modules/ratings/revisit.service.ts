import type { Kysely } from 'kysely';
import {
  type CompleteRevisitBody,
  type ListRevisitsQuery,
  MIN_ANALYSIS_CHARS,
  type Revisit,
} from '../../../contract/ratings.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { toIso } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, can, inScope, requireCap, requireEstate } from '../auth/index.js';
import type { FollowupDeadlines } from './rating.deadlines.js';
import { RatingErrors } from './rating.errors.js';
import { toRevisit } from './rating.mapper.js';
import * as repo from './rating.repository.js';
import { hours, missingAnalysis, revisitsOnCompletion } from './rating.rules.js';
import * as rv from './revisit.repository.js';

export interface RevisitDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
}

const FIELD_ZH: Record<string, string> = { analysis: '低分原因分析', adjustment: '改进措施' };

/**
 * Revisits (回访): a low score (T4) gives the team's supervisor a revisit due within 48 hours
 * that needs a written analysis and adjustment; every completed job gets a routine follow-up
 * (T6, 30 days by default); a request taken outside the responsible team gets a follow-up for
 * the taker (E15, E4). The natural key (estate, request, kind) makes every creation idempotent.
 */
export function createRevisitOps(deps: RevisitDeps) {
  const { db, clock, audit } = deps;

  function base(req: repo.RequestForCard, now: string) {
    return {
      estate_id: req.estate_id,
      id: newId(),
      request_id: req.id,
      household_id: req.household_id,
      room_code: req.room_code,
      service_name_zh: req.service_name_zh,
      team_code: req.team_code,
      technician_id: req.assignee_id,
      status: 'open',
      version: 1,
      created_at: now,
      updated_at: now,
      created_by: 'system',
    };
  }

  return {
    /**
     * Routine and front-line follow-ups of a completed request, due by `deadlines` (the plan's
     * T6 and E15 targets on the day of completion); returns how many were created.
     */
    async createFollowUps(
      trx: Kysely<DB>,
      req: repo.RequestForCard,
      afterDays: number | null | undefined,
      deadlines: FollowupDeadlines,
    ): Promise<number> {
      const completedAt = new Date(toIso(req.completed_at)!);
      const takerTeam = await repo.teamOf(trx, req.estate_id, req.taken_by);
      const takerInTeam = takerTeam === req.team_code || req.taken_by === req.assignee_id;
      const now = clock.now().toISOString();
      let created = 0;
      for (const f of revisitsOnCompletion(
        { completedAt, teamCode: req.team_code, takerInTeam, afterDays },
        deadlines,
      )) {
        let owner: { id: string; name: string } | null = null;
        if (f.kind === 'front_line_follow_up') owner = { id: req.taken_by, name: req.taken_by_name };
        else if (req.assignee_id) owner = { id: req.assignee_id, name: req.assignee_name ?? '' };
        else {
          const s = await repo.supervisorOf(trx, req.estate_id, req.team_code);
          owner = s ? { id: s.id, name: s.display_name } : null;
        }
        const won = await rv.insertRevisit(trx, {
          ...base(req, now),
          kind: f.kind,
          card_id: null,
          owner_id: owner?.id ?? null,
          owner_name: owner?.name ?? null,
          reason: f.kind === 'front_line_follow_up' ? 'taken outside the responsible team' : null,
          due_at: f.dueAt.toISOString(),
        });
        if (won) created++;
      }
      return created;
    },

    /**
     * The low-score revisit of a rated card, owned by the team's supervisor, due `dueHours` after
     * the rating (the plan's T4 target on that day, 48 hours by default).
     */
    async createLowScore(
      trx: Kysely<DB>,
      req: repo.RequestForCard,
      cardId: string,
      reason: string,
      dueHours: number,
    ): Promise<boolean> {
      const now = clock.now();
      const s = await repo.supervisorOf(trx, req.estate_id, req.team_code);
      return rv.insertRevisit(trx, {
        ...base(req, now.toISOString()),
        kind: 'low_score',
        card_id: cardId,
        owner_id: s?.id ?? null,
        owner_name: s?.display_name ?? null,
        reason,
        due_at: new Date(now.getTime() + hours(dueHours)).toISOString(),
      });
    },

    /**
     * Revisits by due time. Dispatchers see every revisit of their estates (or one owner's);
     * other staff see their own only.
     */
    async list(actor: Actor, q: ListRevisitsQuery): Promise<Page<Revisit>> {
      requireCap(actor, 'request.work');
      if (q.estateId) requireEstate(actor, q.estateId);
      const dispatcher = can(actor, 'request.dispatch');
      let ownerId = q.owner === 'me' ? actor.id : q.owner;
      if (!dispatcher) {
        if (ownerId && ownerId !== actor.id)
          throw CommonErrors.make('FORBIDDEN', undefined, { field: 'owner' }).asDenial();
        ownerId = actor.id;
      }
      const c = decodeCursor(q.cursor);
      const now = clock.now();
      const rows = await rv.listRevisits(db, {
        estateIds: q.estateId ? [q.estateId] : actor.allEstates ? 'all' : actor.estateIds,
        ownerId,
        status: q.status,
        kind: q.kind,
        now: now.toISOString(),
        after: c && c.length === 2 ? { dueAt: String(c[0]), id: String(c[1]) } : undefined,
        limit: q.limit,
      });
      return toPage(
        rows,
        q.limit,
        (r) => [toIso(r.due_at)!, r.id],
        (r) => toRevisit(r, now),
      );
    },

    /**
     * Closes a revisit with its outcome (the owner or a dispatcher). A low-score revisit also
     * needs the written analysis of the score and the planned adjustment (422 naming what is
     * missing). A revisit already done: 409.
     */
    async complete(actor: Actor, id: string, input: CompleteRevisitBody): Promise<Revisit> {
      requireCap(actor, 'request.work');
      const row = await rv.findRevisit(db, id);
      if (!row) throw RatingErrors.make('REVISIT_NOT_FOUND');
      if (!inScope(actor, row.estate_id)) throw RatingErrors.make('REVISIT_NOT_FOUND').asDenial();
      if (row.owner_id !== actor.id && !can(actor, 'request.dispatch'))
        throw RatingErrors.make('REVISIT_NOT_OWNER').asDenial();
      if (row.status === 'done') throw RatingErrors.make('REVISIT_ALREADY_DONE');
      const version = Number(row.version);
      if (input.version !== undefined && input.version !== version)
        throw CommonErrors.make('VERSION_CONFLICT', { current: version });
      const missing = missingAnalysis(row.kind, input);
      if (missing.length)
        throw RatingErrors.make(
          'ANALYSIS_REQUIRED',
          {
            min: MIN_ANALYSIS_CHARS,
            fields: missing.join(', '),
            fieldsZh: missing.map((f) => FIELD_ZH[f]).join('、'),
          },
          { fields: missing, minLength: MIN_ANALYSIS_CHARS },
        );
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const won = await rv.completeRevisit(
          trx,
          { estateId: row.estate_id, id: row.id, version },
          {
            analysis: row.kind === 'low_score' ? input.analysis!.trim() : input.analysis?.trim() || null,
            adjustment:
              row.kind === 'low_score' ? input.adjustment!.trim() : input.adjustment?.trim() || null,
            outcome: input.outcome,
            completed_at: now,
            completed_by: actor.id,
            completed_by_name: actor.displayName,
            updated_at: now,
          },
        );
        if (!won) {
          const cur = await rv.findRevisit(trx, row.id);
          if (cur?.status === 'done') throw RatingErrors.make('REVISIT_ALREADY_DONE');
          throw CommonErrors.make('VERSION_CONFLICT', { current: cur?.version });
        }
        await audit.record(
          {
            actor,
            action: 'revisit.complete',
            estateId: row.estate_id,
            targetType: 'revisit',
            targetId: row.id,
            details: { kind: row.kind, requestId: row.request_id, onTime: now <= toIso(row.due_at)! },
          },
          trx,
        );
      });
      return toRevisit((await rv.findRevisit(db, row.id))!, clock.now());
    },
  };
}
