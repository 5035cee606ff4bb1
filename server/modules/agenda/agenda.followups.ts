import type { Kysely } from 'kysely';
import type { KpiRow } from '../../../contract/agenda.js';
import type { Commitment, PlanMeasure } from '../../../contract/plan.js';
import type { DB } from '../../db/schema.js';
import { addDays, localDate, toIso, toJson } from '../../lib/dates.js';
import { newId } from '../../lib/ids.js';
import { targetFor } from '../plan/index.js';
import { type PeriodSpan, spanOf } from './agenda.periods.js';
import * as repo from './agenda.repository.js';

// Event-triggered follow-ups (T4, T6, E15) of the plan, measured on the revisits (回访) the
// ratings module keeps: which revisit answers which commitment, the revisit tasks on the owner's
// agenda, and the follow-up figures of the KPI board.

/** The plan's follow-up trigger each kind of revisit answers. */
export const TRIGGER_OF_REVISIT: Record<string, string> = {
  low_score: 'low_score', // T4: revisit within 48 h of a low score
  routine_30d: 'job_completed', // T6: revisit a month after a completed repair
  front_line_follow_up: 'help_given', // E15: follow up whoever was helped
};

/** An `after` follow-up (T6) shows on the agenda this many days before it is due. */
const AFTER_LEAD_DAYS = 7;
const DAY = 86_400_000;

export interface FollowupCommitment {
  measure: PlanMeasure;
  commitment: Commitment;
  /** Revisit kinds that count for it. */
  revisitKinds: string[];
}

/** Active follow-up commitments of active measures that revisits answer. */
export function followupCommitments(measures: PlanMeasure[]): FollowupCommitment[] {
  const out: FollowupCommitment[] = [];
  for (const measure of measures) {
    if (measure.status !== 'active') continue;
    for (const commitment of measure.commitments) {
      const cfg = commitment.config;
      if (!commitment.active || cfg.kind !== 'event_followup') continue;
      const revisitKinds = Object.keys(TRIGGER_OF_REVISIT).filter(
        (k) => TRIGGER_OF_REVISIT[k] === cfg.trigger,
      );
      if (revisitKinds.length) out.push({ measure, commitment, revisitKinds });
    }
  }
  return out;
}

/** Days a follow-up may be done past the revisit's due time without counting as late. */
function graceMs(c: Commitment): number {
  const cfg = c.config;
  return cfg.kind === 'event_followup' && cfg.timing === 'after' ? (cfg.graceDays ?? 0) * DAY : 0;
}

const TITLES: Record<string, [string, string]> = {
  low_score: ['低分回访', 'Low-score revisit'],
  routine_30d: ['维修满月回访', 'One-month revisit after the repair'],
  front_line_follow_up: ['帮助后回访', 'Follow-up of the help given'],
};

type OpenRevisit = Awaited<ReturnType<typeof repo.openRevisits>>[number];

/** The task title in both languages: 低分回访 3-2-501 水龙头维修（T4）. */
export function revisitTitle(r: Pick<OpenRevisit, 'kind' | 'room_code' | 'service_name_zh'>, code: string) {
  const [zh, en] = TITLES[r.kind] ?? ['回访', 'Revisit'];
  const room = r.room_code ?? '';
  return {
    zh: `${zh} ${room} ${r.service_name_zh}（${code}）`.replace(/\s+/g, ' '),
    en: `${en}${room ? `: ${room}` : ''} (${code})`,
  };
}

/**
 * Keeps revisit tasks in step with the revisits (the ratings module's records): an open revisit
 * with an owner gets one task on the owner's agenda (natural key: commitment, owner, revisit id,
 * period of its due date; insert ON CONFLICT DO NOTHING, so two ticks or two processes make it
 * once); a task whose revisit was completed is done with the revisit as its evidence, at the
 * revisit's completion time; a task whose revisit passed to another owner is removed (the new
 * owner gets theirs). With `ownerId`, only that person's (the agenda read).
 */
export async function syncRevisitTasks(
  db: Kysely<DB>,
  estateId: string,
  tz: string,
  measures: PlanMeasure[],
  now: Date,
  ownerId?: string,
): Promise<{ created: number; completed: number }> {
  const byKind = new Map<string, FollowupCommitment>();
  for (const f of followupCommitments(measures))
    for (const k of f.revisitKinds) if (!byKind.has(k)) byKind.set(k, f);
  const [open, tasks] = await Promise.all([
    repo.openRevisits(db, estateId, ownerId),
    repo.openRevisitTasks(db, estateId, ownerId),
  ]);
  const openById = new Map(open.map((r) => [r.id, r]));
  const held = new Set(tasks.map((t) => `${t.subject}|${t.assignee_id}`));
  const nowIso = now.toISOString();

  // Tasks whose revisit is no longer open for their assignee: completed, or passed on.
  const stale = tasks.filter((t) => openById.get(t.subject)?.owner_id !== t.assignee_id);
  let completed = 0;
  if (stale.length) {
    const current = new Map(
      (
        await repo.revisitsByIds(
          db,
          estateId,
          stale.map((t) => t.subject),
        )
      ).map((r) => [r.id, r]),
    );
    const drop: string[] = [];
    for (const t of stale) {
      const r = current.get(t.subject);
      if (r?.status === 'done') {
        const n = await repo.settleTask(db, estateId, t.id, {
          status: 'done',
          progress: 1,
          evidence: typeof t.evidence === 'string' ? t.evidence : toJson(t.evidence),
          done_at: toIso(r.completed_at as Date | string | null) ?? nowIso,
          updated_at: nowIso,
          updated_by: null,
        });
        completed += n;
      } else if (!r || r.owner_id !== t.assignee_id) drop.push(t.id);
    }
    await repo.dropRevisitTasks(db, estateId, drop);
  }

  const rows: repo.NewTask[] = [];
  for (const r of open) {
    const f = byKind.get(r.kind);
    if (!f || !r.owner_id || held.has(`${r.id}|${r.owner_id}`)) continue;
    const cfg = f.commitment.config;
    if (cfg.kind !== 'event_followup') continue;
    const due = new Date(toIso(r.due_at as Date | string)!);
    const dueDay = localDate(due, tz);
    const created = localDate(new Date(toIso(r.created_at as Date | string)!), tz);
    // From the event on (within); from a week before the due day (after: T6's month later).
    const lead = cfg.timing === 'after' ? addDays(dueDay, -AFTER_LEAD_DAYS) : created;
    const start = [[lead, created].sort()[1]!, dueDay].sort()[0]!;
    const title = revisitTitle(r, f.measure.code);
    rows.push({
      estate_id: estateId,
      id: newId(),
      commitment_id: f.commitment.id,
      measure_code: f.measure.code,
      assignee_id: r.owner_id,
      subject: r.id,
      period_key: spanOf(cfg.period, dueDay).key,
      period_start: start,
      period_end: addDays(dueDay, 1),
      kind: 'revisit',
      title_zh: title.zh,
      title_en: title.en,
      target: null,
      progress: 0,
      due_at: due.toISOString(),
      status: 'open',
      done_at: null,
      evidence: toJson({ revisitIds: [r.id], requestIds: [r.request_id] }),
      version: 1,
      created_at: nowIso,
      updated_at: nowIso,
      updated_by: null,
    });
  }
  const created = await repo.insertTasks(db, rows);
  return { created, completed };
}

type DueRevisit = Awaited<ReturnType<typeof repo.revisitsDue>>[number];
type Span = PeriodSpan & { from: number; to: number };

const ratio = (met: number, owed: number) => (owed ? Math.round((met / owed) * 1000) / 1000 : null);
const ms = (v: unknown) => (v instanceof Date ? v : new Date(v as string)).getTime();

/** A revisit's standing at `now`: on time, late (done late or overdue), or not yet decided. */
/** A revisit with its due and completion instants parsed once. */
type Timed = DueRevisit & { due: number; doneAt: number | null };

function verdict(r: Timed, grace: number, now: number): 'on_time' | 'late' | 'pending' {
  const deadline = r.due + grace;
  if (r.status === 'done') return r.doneAt !== null && r.doneAt <= deadline ? 'on_time' : 'late';
  return now > deadline ? 'late' : 'pending';
}

function tally(list: Timed[], grace: number, now: number) {
  let owed = 0;
  let met = 0;
  for (const r of list) {
    const v = verdict(r, grace, now);
    if (v === 'pending') continue;
    owed++;
    if (v === 'on_time') met++;
  }
  return { owed, met, compliance: ratio(met, owed) };
}

export interface FollowupInput {
  row: KpiRow;
  commitment: Commitment;
  /** Revisit kinds that answer the commitment. */
  revisitKinds: string[];
  board: Span;
  /** The commitment's periods the board covers, started by today. */
  periods: Span[];
  trendWeeks: Span[];
  today: string;
  now: Date;
  /** Revisits due in the window of the board and the trend (every follow-up kind). */
  revisits: DueRevisit[];
  staff: { id: string; display_name: string; role: string; team: string | null }[];
  evidenceCap: number;
}

/**
 * The figures of a follow-up commitment (T4, T6, E15) from the revisits due in the board period:
 * a revisit is kept when it was completed by its due time (plus the commitment's grace days for
 * `after` follow-ups) and missed when it was completed later or is still open past that time;
 * one still open before its due time is not decided yet and not counted. Compliance = kept /
 * decided, by team (the revisit's team) and by person (its owner), with a 12-week trend.
 */
export function followupFigures(f: FollowupInput): KpiRow {
  const { row, commitment: c, board, today } = f;
  const now = f.now.getTime();
  const grace = graceMs(c);
  const mine: Timed[] = f.revisits
    .filter((r) => f.revisitKinds.includes(r.kind))
    .map((r) => ({ ...r, due: ms(r.due_at), doneAt: r.completed_at ? ms(r.completed_at) : null }));
  const within = (s: { from: number; to: number }) => mine.filter((r) => r.due >= s.from && r.due < s.to);
  if (!f.periods.length) return { ...row, status: 'no_data', reason: 'The period has not started' };
  let target: number | null = null;
  row.periods = f.periods.map((span) => {
    target = targetFor(c, span.start);
    // Counted by the period of the due date, within the board (a week board shows that week).
    const t = tally(
      within({ from: Math.max(span.from, board.from), to: Math.min(span.to, board.to) }),
      grace,
      now,
    );
    return { key: span.key, start: span.start, end: span.end, target, ...t, inProgress: span.end > today };
  });
  const inBoard = within(board);
  const all = tally(inBoard, grace, now);
  const teams = new Map<string | null, Timed[]>();
  const owners = new Map<string, Timed[]>();
  for (const r of inBoard) {
    teams.set(r.team_code, [...(teams.get(r.team_code) ?? []), r]);
    const o = r.owner_id ?? '';
    owners.set(o, [...(owners.get(o) ?? []), r]);
  }
  const names = new Map(f.staff.map((s) => [s.id, s]));
  row.byTeam = [...teams].map(([team, list]) => ({ team, ...tally(list, grace, now) }));
  row.byPerson = [...owners]
    .filter(([id]) => id)
    .map(([id, list]) => ({
      accountId: id,
      name: names.get(id)?.display_name ?? list[0]!.owner_name ?? id,
      role: names.get(id)?.role ?? '',
      team: names.get(id)?.team ?? null,
      target,
      actual: list.filter((r) => r.status === 'done').length,
      ...tally(list, grace, now),
      evidenceIds: list.map((r) => r.id).slice(0, 50),
    }));
  row.trend = f.trendWeeks.map((w) => ({
    key: w.key,
    start: w.start,
    target: targetFor(c, w.start),
    compliance: tally(within(w), grace, now).compliance,
  }));
  const ids = inBoard.map((r) => r.id);
  return {
    ...row,
    status: 'ok',
    target,
    actual: inBoard.filter((r) => r.status === 'done').length,
    owed: all.owed,
    met: all.met,
    compliance: all.compliance,
    evidence: { type: 'revisit', ids: ids.slice(0, f.evidenceCap), truncated: ids.length > f.evidenceCap },
  };
}

/**
 * One query for the revisits of every follow-up commitment on the board, made only when the
 * board has such a commitment, and at most once.
 */
export function revisitLoader(
  db: Kysely<DB>,
  estateId: string,
  followups: FollowupCommitment[],
  window: { from: number; to: number },
): () => Promise<DueRevisit[]> {
  let loaded: Promise<DueRevisit[]> | undefined;
  const kinds = [...new Set(followups.flatMap((f) => f.revisitKinds))];
  return () => {
    loaded ??= repo.revisitsDue(
      db,
      estateId,
      kinds,
      new Date(window.from).toISOString(),
      new Date(window.to).toISOString(),
    );
    return loaded;
  };
}
