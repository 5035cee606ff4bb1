import type { Kysely } from 'kysely';
import type {
  Agenda,
  AgendaTask,
  AgendaTickResult,
  CompleteTaskBody,
  KpiBoard,
} from '../../../contract/agenda.js';
import type { PlanMeasure } from '../../../contract/plan.js';
import type { ListServiceRequestsQuery } from '../../../contract/service-requests.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { addDays, fromJson, localDate, startOfLocalDay, toIso, toJson } from '../../lib/dates.js';
import { newId } from '../../lib/ids.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, can, inScope, requireCap, requireEstate, systemActor } from '../auth/index.js';
import type { PlanService } from '../plan/index.js';
import type { ServiceRequestService } from '../service-requests/index.js';
import type { VisitService } from '../visits/index.js';
import { AgendaErrors } from './agenda.errors.js';
import { syncRevisitTasks } from './agenda.followups.js';
import { buildKpiBoard } from './agenda.kpi.js';
import { toTask } from './agenda.mapper.js';
import { spanOf } from './agenda.periods.js';
import * as repo from './agenda.repository.js';
import { evaluate, evidenceOf, runAgendaTick, runAgendaTickAll } from './agenda.tick.js';

export type AgendaService = ReturnType<typeof createAgendaService>;

export interface AgendaDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  plan: Pick<PlanService, 'list'>;
  visits: Pick<VisitService, 'suggest'>;
  serviceRequests: Pick<ServiceRequestService, 'list'>;
}

/** A task another module puts on someone's agenda (a revisit, a seasonal care item …). */
export interface ManualTaskInput {
  estateId: string;
  measureCode: string;
  /** null: a household-scoped task nobody holds yet. */
  assigneeId: string | null;
  /** What the task is about (request id, household id …): part of the natural key. */
  subject: string;
  periodKey: string;
  titleZh: string;
  titleEn: string;
  dueAt: Date;
  commitmentId?: string;
}

/** How many service requests the agenda counts before saying "more". */
const REQUEST_COUNT_CAP = 50;
const RECENT_MISSED_DAYS = 14;

/**
 * The agenda (我的待办): tasks made by the scheduler tick from the plan's commitments, each
 * person's view of today and this week, and the promise-keeping board (承诺兑现).
 * Quota tasks complete themselves: their progress is recounted on every read of the agenda and
 * by every tick, and a task is `done` as soon as the counted visits reach its target.
 */
export function createAgendaService(deps: AgendaDeps) {
  const { db, clock, audit } = deps;

  /** Recounts the open quota and standing tasks of the current period; settles those now met. */
  async function refresh(
    estateId: string,
    tz: string,
    tasks: repo.TaskRow[],
    today: string,
    measures: PlanMeasure[],
  ) {
    const now = clock.now();
    const nowIso = now.toISOString();
    const commitments = new Map<string, string[] | undefined>();
    const live = tasks.filter(
      (t) =>
        t.status === 'open' &&
        (t.kind === 'quota_visits' || t.kind === 'standing_group') &&
        t.period_start <= today &&
        today < t.period_end,
    );
    if (!live.length) return tasks;
    for (const m of measures)
      for (const c of m.commitments)
        if (c.config.kind === 'quota')
          commitments.set(
            c.id,
            c.config.activity === 'safety_check' ? ['safety_check'] : c.config.visitKinds,
          );
    const out = new Map(tasks.map((t) => [t.id, t]));
    for (const t of live) {
      const o = (
        await evaluate(
          db,
          estateId,
          tz,
          t.kind,
          commitments.get(t.commitment_id),
          {
            start: t.period_start,
            end: t.period_end,
          },
          [t.assignee_id],
          now,
        )
      ).get(t.assignee_id);
      const progress = o?.progress ?? 0;
      const evidence = evidenceOf(t.kind, o);
      const met = t.target !== null && progress >= Number(t.target);
      if (met) {
        const doneAt = o?.times[Number(t.target) - 1] ?? nowIso;
        await repo.settleTask(db, estateId, t.id, {
          status: 'done',
          progress,
          evidence,
          done_at: doneAt,
          updated_at: nowIso,
          updated_by: null,
        });
        out.set(t.id, { ...t, status: 'done', progress, evidence, done_at: doneAt });
      } else {
        if (progress !== Number(t.progress)) await repo.setProgress(db, estateId, t.id, progress, evidence);
        out.set(t.id, { ...t, progress, evidence });
      }
    }
    return [...out.values()];
  }

  return {
    /** The scheduler tick for one estate (see runAgendaTick). */
    tick(estateId: string, date?: string): Promise<AgendaTickResult> {
      return runAgendaTick(deps, estateId, date);
    },

    /** The tick for every estate. */
    tickAll(date?: string): Promise<AgendaTickResult[]> {
      return runAgendaTickAll(deps, date);
    },

    /**
     * Someone's agenda on a day: open tasks for today, this week's tasks, overdue ones (open past
     * due, or missed in the last two weeks), the visits still owed with suggested households, and
     * their open service requests. Everyone on the staff reads their own (plan.read); another
     * person's needs agenda.team (403) and must work in one of the viewer's estates (404).
     */
    async getAgenda(
      actor: Actor,
      q: { date?: string; assignee?: string; estateId?: string },
    ): Promise<Agenda> {
      requireCap(actor, 'plan.read');
      const assigneeId = !q.assignee || q.assignee === 'me' ? actor.id : q.assignee;
      const self = assigneeId === actor.id;
      if (!self) requireCap(actor, 'agenda.team');
      if (q.estateId) requireEstate(actor, q.estateId);
      const account = await repo.accountWithEstates(db, assigneeId);
      if (!account || account.role === 'resident') throw AgendaErrors.make('ASSIGNEE_NOT_FOUND').asDenial();
      const shared = account.estateIds.filter((e) => inScope(actor, e));
      let estateId: string | undefined = q.estateId ?? shared[0];
      if (!self && (!estateId || !account.estateIds.includes(estateId)))
        throw AgendaErrors.make('ASSIGNEE_NOT_FOUND').asDenial();
      if (!estateId && self) estateId = actor.estateIds[0];
      if (!estateId) throw AgendaErrors.make('ASSIGNEE_NOT_FOUND');
      const tz = await repo.estateTimeZone(db, estateId);
      if (!tz) throw AgendaErrors.make('ASSIGNEE_NOT_FOUND');

      const date = q.date ?? localDate(clock.now(), tz);
      const week = spanOf('week', date);
      const dayStart = startOfLocalDay(date, tz).toISOString();
      const dayEnd = startOfLocalDay(addDays(date, 1), tz).toISOString();
      const weekStart = startOfLocalDay(week.start, tz).toISOString();
      const weekEnd = startOfLocalDay(week.end, tz).toISOString();
      const since = startOfLocalDay(addDays(date, -RECENT_MISSED_DAYS), tz).toISOString();
      const now = clock.now();
      // Revisits made since the last tick show at once; completed ones are done at once.
      const measures = await deps.plan.list(systemActor([estateId]), estateId);
      await syncRevisitTasks(db, estateId, tz, measures, now, assigneeId);
      const rows = await refresh(
        estateId,
        tz,
        await repo.tasksOf(db, estateId, assigneeId, since),
        date,
        measures,
      );
      // A revisit is due at an hour (48 h after a low score): on the current day it is late
      // from that hour on, not only from the next day.
      const lateFrom = (r: repo.TaskRow) =>
        r.kind === 'revisit' && date === localDate(now, tz) ? now.toISOString() : dayStart;

      const today: AgendaTask[] = [];
      const thisWeek: AgendaTask[] = [];
      const overdue: AgendaTask[] = [];
      for (const r of rows) {
        const due = toIso(r.due_at)!;
        const late = (r.status === 'open' && due < lateFrom(r)) || r.status === 'missed';
        const t = toTask(r, actor.lang, late);
        if (late) overdue.push(t);
        const ongoing = r.status === 'open' && r.period_start <= date;
        if (!late && r.status === 'open' && (ongoing || due < dayEnd)) today.push(t);
        if ((due >= weekStart && due < weekEnd) || (ongoing && !late)) thisWeek.push(t);
      }
      const owed = rows
        .filter((r) => r.kind === 'quota_visits' && r.period_start <= date && date < r.period_end)
        .map((r) => ({
          taskId: r.id,
          measureCode: r.measure_code,
          periodKey: r.period_key,
          done: Number(r.progress),
          target: Number(r.target ?? 0),
          remaining: Math.max(0, Number(r.target ?? 0) - Number(r.progress)),
          dueAt: toIso(r.due_at)!,
        }));

      const stillOwed = owed.some((o) => o.remaining > 0);
      const [suggestions, requests] = await Promise.all([
        stillOwed && can(actor, 'visit.record')
          ? deps.visits.suggest(actor, estateId, { limit: 5 }).then((s) => s.items)
          : Promise.resolve([]),
        deps.serviceRequests.list(actor, {
          estateId,
          status: 'open',
          assignee: assigneeId,
          limit: REQUEST_COUNT_CAP,
        } as ListServiceRequestsQuery),
      ]);
      return {
        estateId,
        assignee: { id: account.id, name: account.display_name, role: account.role },
        date,
        week: { start: week.start, end: week.end },
        today,
        thisWeek,
        overdue,
        owed,
        suggestions,
        requests: {
          open: requests.items.length,
          more: requests.nextCursor !== null,
          items: requests.items.slice(0, 5),
        },
      };
    },

    /**
     * Completes a manual task with its evidence (visit or request ids, a note). Quota, standing
     * and revisit tasks complete themselves (422); a settled task is 409; someone else's task needs
     * agenda.team (403); a task outside the actor's estates is 404.
     */
    async completeTask(actor: Actor, id: string, body: CompleteTaskBody): Promise<AgendaTask> {
      requireCap(actor, 'plan.read');
      const task = await repo.findTask(db, id);
      if (!task) throw AgendaErrors.make('TASK_NOT_FOUND');
      if (!inScope(actor, task.estate_id)) throw AgendaErrors.make('TASK_NOT_FOUND').asDenial();
      if (task.assignee_id !== actor.id) requireCap(actor, 'agenda.team');
      if (task.kind === 'revisit') throw AgendaErrors.make('TASK_FOLLOWS_REVISIT');
      if (task.kind !== 'manual')
        throw AgendaErrors.make('TASK_COMPLETES_ITSELF', { target: task.target ?? 0 });
      if (task.status !== 'open') throw AgendaErrors.make('TASK_NOT_OPEN', { status: task.status });
      const now = clock.now().toISOString();
      const evidence = { ...fromJson<Record<string, unknown>>(task.evidence, {}), ...(body.evidence ?? {}) };
      await db.transaction().execute(async (trx) => {
        const n = await repo.settleTask(trx, task.estate_id, id, {
          status: 'done',
          progress: Number(task.progress),
          evidence: toJson(evidence),
          done_at: now,
          updated_at: now,
          updated_by: actor.id,
        });
        if (!n) throw AgendaErrors.make('TASK_NOT_OPEN', { status: 'done' });
        await audit.record(
          {
            actor,
            action: 'agenda.task.complete',
            estateId: task.estate_id,
            targetType: 'agenda_task',
            targetId: id,
            details: {
              measureCode: task.measure_code,
              periodKey: task.period_key,
              evidence: Object.keys(evidence),
            },
          },
          trx,
        );
      });
      const row = (await repo.findTaskIn(db, task.estate_id, id))!;
      return toTask(row, actor.lang, false);
    },

    /**
     * Puts a manual task on an agenda once (system code: revisits, seasonal care items). The
     * natural key (commitment, assignee, subject, period) makes a repeat a no-op.
     */
    async createTask(input: ManualTaskInput): Promise<{ created: boolean }> {
      const now = clock.now().toISOString();
      const tz = (await repo.estateTimeZone(db, input.estateId)) ?? 'Asia/Shanghai';
      const n = await repo.insertTasks(db, [
        {
          estate_id: input.estateId,
          id: newId(),
          commitment_id: input.commitmentId ?? '',
          measure_code: input.measureCode,
          assignee_id: input.assigneeId ?? '',
          subject: input.subject,
          period_key: input.periodKey,
          // Actionable from the day it is made until the end of its due day.
          period_start: localDate(clock.now(), tz),
          period_end: addDays(localDate(input.dueAt, tz), 1),
          kind: 'manual',
          title_zh: input.titleZh,
          title_en: input.titleEn,
          target: null,
          progress: 0,
          due_at: input.dueAt.toISOString(),
          status: 'open',
          done_at: null,
          evidence: toJson({}),
          version: 1,
          created_at: now,
          updated_at: now,
          updated_by: null,
        },
      ]);
      return { created: n === 1 };
    },

    /** The promise-keeping board (承诺兑现) of an estate for a month or an ISO week. */
    getKpiBoard(actor: Actor, estateId: string, period?: string): Promise<KpiBoard> {
      return buildKpiBoard(deps, actor, estateId, period);
    },
  };
}
