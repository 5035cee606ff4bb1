import type { Kysely } from 'kysely';
import type { AgendaTickResult } from '../../../contract/agenda.js';
import type { Commitment, Period, PlanMeasure } from '../../../contract/plan.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { localDate, startOfLocalDay, toIso, toJson } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { systemActor } from '../auth/index.js';
import type { PlanService } from '../plan/index.js';
import { targetFor } from '../plan/index.js';
import { syncRevisitTasks } from './agenda.followups.js';
import { type PeriodSpan, spanOf } from './agenda.periods.js';
import * as repo from './agenda.repository.js';

export interface TickDeps {
  db: Kysely<DB>;
  clock: Clock;
  plan: Pick<PlanService, 'list'>;
}

/** A commitment the tick turns into one task per responsible person per period. */
export interface PersonCommitment {
  measure: PlanMeasure;
  commitment: Commitment;
  kind: 'quota_visits' | 'standing_group';
  period: Period;
  roles: string[];
  /** Visit kinds that count (undefined: every kind). */
  visitKinds?: string[];
}

/**
 * Per-person commitments of the active measures: quotas per person (E1, S4) and standing
 * targets (S5). Per-household quotas (S2) are not tasks: one task per household and half-year
 * would bury the agenda; the KPI board measures them. Event follow-ups become one task per
 * revisit (agenda.followups.ts).
 */
export function personCommitments(measures: PlanMeasure[]): PersonCommitment[] {
  const out: PersonCommitment[] = [];
  for (const measure of measures) {
    if (measure.status !== 'active') continue;
    for (const commitment of measure.commitments) {
      const cfg = commitment.config;
      if (!commitment.active || cfg.kind === 'event_followup' || cfg.per !== 'person') continue;
      if (cfg.kind === 'quota')
        out.push({
          measure,
          commitment,
          kind: 'quota_visits',
          period: cfg.period,
          roles: cfg.roles,
          visitKinds: cfg.activity === 'safety_check' ? ['safety_check'] : cfg.visitKinds,
        });
      else if (cfg.kind === 'standing')
        out.push({ measure, commitment, kind: 'standing_group', period: cfg.period, roles: cfg.roles });
    }
  }
  return out;
}

const PERIOD_WORDS: Record<Period, [string, string]> = {
  week: ['本周', 'this week'],
  month: ['本月', 'this month'],
  quarter: ['本季度', 'this quarter'],
  half_year: ['本半年', 'this half-year'],
  year: ['本年', 'this year'],
};

/** The task title in both languages, e.g. 本周走访 2 户（E1）. */
export function taskTitle(pc: PersonCommitment, target: number): { zh: string; en: string } {
  const [zh, en] = PERIOD_WORDS[pc.period];
  const code = pc.measure.code;
  if (pc.kind === 'standing_group')
    return {
      zh: `保持 ${target} 户忠诚客户群（${code}）`,
      en: `Keep a loyal group of ${target} households (${code})`,
    };
  const advisory = pc.visitKinds?.length === 1 && pc.visitKinds[0] === 'advisory';
  const safety = pc.visitKinds?.length === 1 && pc.visitKinds[0] === 'safety_check';
  const what = advisory
    ? ['顾问团走访', 'advisory visit']
    : safety
      ? ['安全检查', 'safety check']
      : ['走访', 'visit'];
  const noun = target === 1 ? 'household' : 'households';
  return {
    zh: `${zh}${what[0]} ${target} 户（${code}）`,
    en: `${what[1]![0]!.toUpperCase()}${what[1]!.slice(1)} ${target} ${noun} ${en} (${code})`,
  };
}

/** What counted toward a task: per assignee, the number, the evidence and when it was reached. */
export interface Outcome {
  progress: number;
  ids: string[];
  /** When the target-th item happened (visits), for done_at. */
  times: string[];
}

/** Counts, per person, what each commitment counts in one period: one query per period. */
export async function evaluate(
  db: Kysely<DB>,
  estateId: string,
  tz: string,
  kind: string,
  visitKinds: string[] | undefined,
  span: Pick<PeriodSpan, 'start' | 'end'>,
  people: string[],
  now: Date,
): Promise<Map<string, Outcome>> {
  const out = new Map<string, Outcome>();
  const from = startOfLocalDay(span.start, tz).toISOString();
  const endAt = startOfLocalDay(span.end, tz);
  const to = (endAt < now ? endAt : now).toISOString();
  if (kind === 'standing_group') {
    const rows = await repo.loyalMembers(db, estateId, to);
    for (const r of rows) {
      const o = out.get(r.leader_id) ?? { progress: 0, ids: [], times: [] };
      o.progress++;
      o.ids.push(r.household_id);
      out.set(r.leader_id, o);
    }
    return out;
  }
  const rows = await repo.visitRows(db, estateId, {
    from,
    to: endAt.toISOString(),
    kinds: visitKinds,
    visitorIds: people,
  });
  for (const r of rows) {
    const o = out.get(r.visitor_id) ?? { progress: 0, ids: [], times: [] };
    o.progress++;
    o.ids.push(r.id);
    o.times.push(toIso(r.visited_at as Date | string)!);
    out.set(r.visitor_id, o);
  }
  return out;
}

export function evidenceOf(kind: string, o: Outcome | undefined): string {
  if (kind === 'standing_group') return toJson({ householdIds: o?.ids ?? [] });
  return toJson({ visitIds: o?.ids ?? [] });
}

/**
 * The scheduler tick for one estate on a business date (default: today in the estate's zone):
 * 1. ensures one task per responsible person for the current period of every per-person
 *    commitment (E1, S4, S5), with the target that applies to the period (insert ON CONFLICT DO
 *    NOTHING on the natural key: two ticks, or two processes, make each task once);
 * 2. closes open tasks of ended periods as `done` or `missed` against their target;
 * 3. completes current tasks whose target is already reached;
 * 4. puts open revisits (T4, T6, E15) on their owners' agendas and completes the tasks of
 *    completed revisits (see syncRevisitTasks).
 * Safe to run any number of times; reports what it changed.
 */
export async function runAgendaTick(
  deps: TickDeps,
  estateId: string,
  date?: string,
): Promise<AgendaTickResult> {
  const { db, clock } = deps;
  const tz = await repo.estateTimeZone(db, estateId);
  if (!tz) throw CommonErrors.make('NOT_FOUND');
  const now = clock.now();
  const nowIso = now.toISOString();
  const today = date ?? localDate(now, tz);
  const [measures, staff] = await Promise.all([
    deps.plan.list(systemActor([estateId]), estateId),
    repo.staffOf(db, estateId),
  ]);
  const commitments = personCommitments(measures);

  const rows: repo.NewTask[] = [];
  for (const pc of commitments) {
    const span = spanOf(pc.period, today);
    const target = targetFor(pc.commitment, span.start);
    if (!target) continue; // no target (or 0): nothing is owed this period
    const title = taskTitle(pc, target);
    const dueAt = new Date(startOfLocalDay(span.end, tz).getTime() - 1000).toISOString();
    for (const s of staff) {
      if (!pc.roles.includes(s.role)) continue;
      rows.push({
        estate_id: estateId,
        id: newId(),
        commitment_id: pc.commitment.id,
        measure_code: pc.measure.code,
        assignee_id: s.id,
        subject: '',
        period_key: span.key,
        period_start: span.start,
        period_end: span.end,
        kind: pc.kind,
        title_zh: title.zh,
        title_en: title.en,
        target,
        progress: 0,
        due_at: dueAt,
        status: 'open',
        done_at: null,
        evidence: toJson(pc.kind === 'standing_group' ? { householdIds: [] } : { visitIds: [] }),
        version: 1,
        created_at: nowIso,
        updated_at: nowIso,
        updated_by: null,
      });
    }
  }
  const created = await repo.insertTasks(db, rows);

  // Evaluate open tasks whose period has started: one query per (commitment, period).
  const byId = new Map(commitments.map((pc) => [pc.commitment.id, pc]));
  const open = await repo.openTasksStartedBy(db, estateId, today);
  const groups = new Map<string, repo.TaskRow[]>();
  for (const t of open) {
    const k = `${t.commitment_id}|${t.period_key}`;
    groups.set(k, [...(groups.get(k) ?? []), t]);
  }
  let closed = 0;
  let missed = 0;
  let completed = 0;
  for (const tasks of groups.values()) {
    const first = tasks[0]!;
    const pc = byId.get(first.commitment_id);
    const span = { start: first.period_start, end: first.period_end };
    const ended = first.period_end <= today;
    const outcomes = await evaluate(
      db,
      estateId,
      tz,
      first.kind,
      pc?.visitKinds,
      span,
      tasks.map((t) => t.assignee_id),
      now,
    );
    await db.transaction().execute(async (trx) => {
      for (const t of tasks) {
        const o = outcomes.get(t.assignee_id);
        const progress = o?.progress ?? 0;
        // The target that applied to the period (a later edit never reaches back).
        const target = pc ? (targetFor(pc.commitment, t.period_start) ?? t.target) : t.target;
        const met = target !== null && progress >= Number(target);
        const evidence = evidenceOf(t.kind, o);
        if (met || ended) {
          const reached = met && o?.times.length ? (o.times[Number(target) - 1] ?? nowIso) : nowIso;
          const n = await repo.settleTask(trx, estateId, t.id, {
            status: met ? 'done' : 'missed',
            progress,
            target,
            evidence,
            done_at: met ? reached : null,
            updated_at: nowIso,
            updated_by: null,
          });
          if (!n) continue; // another tick settled it first
          if (!met) missed++;
          else if (ended) closed++;
          else completed++;
        } else if (progress !== Number(t.progress)) {
          await repo.setProgress(trx, estateId, t.id, progress, evidence);
        }
      }
    });
  }
  // Revisits due (T4, T6, E15) onto their owners' agendas; revisit tasks done with their revisit.
  const revisits = await syncRevisitTasks(db, estateId, tz, measures, now);
  return {
    estateId,
    date: today,
    created: created + revisits.created,
    closed,
    missed,
    completed: completed + revisits.completed,
  };
}

/** The tick for every estate, each on its own business date. */
export async function runAgendaTickAll(deps: TickDeps, date?: string): Promise<AgendaTickResult[]> {
  const out: AgendaTickResult[] = [];
  for (const e of await repo.allEstates(deps.db)) out.push(await runAgendaTick(deps, e.id, date));
  return out;
}
