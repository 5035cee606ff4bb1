import type { Kysely } from 'kysely';
import type { KpiBoard, KpiRow } from '../../../contract/agenda.js';
import type { Commitment, PlanMeasure } from '../../../contract/plan.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { addDays, localDate, startOfLocalDay, toIso } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import { type Actor, requireCap, requireEstate, systemActor } from '../auth/index.js';
import { ORGANIZATION_EVIDENCE } from '../organizations/index.js';
import { type PlanService, targetFor } from '../plan/index.js';
import { AgendaErrors } from './agenda.errors.js';
import { followupCommitments, followupFigures, revisitLoader } from './agenda.followups.js';
import { type PeriodSpan, parseBoardPeriod, periodsWithin, spanOf, weeksEnding } from './agenda.periods.js';
import * as repo from './agenda.repository.js';

export interface KpiDeps {
  db: Kysely<DB>;
  clock: Clock;
  plan: Pick<PlanService, 'list'>;
}

const EVIDENCE_CAP = 200;
const PERSON_EVIDENCE_CAP = 50;
const TREND_WEEKS = 12;
/** Measures whose work leaves a visit record even without a machine-checked commitment. */
const VISIT_EVIDENCE: Record<string, 'any' | 'flyer'> = { C2: 'flyer', C3: 'any', E3: 'any' };

type Staff = Awaited<ReturnType<typeof repo.staffOf>>[number];
type VisitRow = Awaited<ReturnType<typeof repo.visitRows>>[number];
type Span = PeriodSpan & { from: number; to: number };

const ratio = (met: number, owed: number) => (owed ? Math.round((met / owed) * 1000) / 1000 : null);
const ms = (v: Date | string) => (v instanceof Date ? v : new Date(v)).getTime();

function emptyRow(m: PlanMeasure, c: Commitment | null): KpiRow {
  const cfg = c?.config;
  return {
    measureId: m.id,
    measureCode: m.code,
    textZh: m.textZh,
    textEn: m.textEn,
    team: m.team,
    stage: m.stage,
    commitmentId: c?.id ?? null,
    commitmentCode: c?.code ?? null,
    kind: c?.kind ?? null,
    period: cfg?.period ?? null,
    per: cfg && cfg.kind !== 'event_followup' ? cfg.per : null,
    unit: c?.unit ?? null,
    status: c ? 'ok' : 'no_commitment',
    reason: null,
    target: null,
    actual: null,
    owed: null,
    met: null,
    compliance: null,
    periods: [],
    byTeam: [],
    byPerson: [],
    trend: null,
    evidence: { type: null, ids: [], truncated: false },
    latestEvidence: null,
  };
}

function capped(ids: string[], cap = EVIDENCE_CAP) {
  return { ids: ids.slice(0, cap), truncated: ids.length > cap };
}

/**
 * Per-person figures of one commitment over some periods: `countOf(person, span)` gives what
 * counted for the person in the period (visit ids, group members).
 */
function personFigures(
  row: KpiRow,
  c: Commitment,
  people: Staff[],
  periods: Span[],
  today: string,
  countOf: (person: string, span: Span) => string[],
  evidenceType: 'visit' | 'household',
): KpiRow {
  if (!people.length)
    return { ...row, status: 'no_data', reason: 'Nobody in the estate holds the roles of this commitment' };
  if (!periods.length) return { ...row, status: 'no_data', reason: 'The period has not started' };
  const perPerson = new Map(people.map((p) => [p.id, { owed: 0, met: 0, ids: new Set<string>() }]));
  let lastTarget: number | null = null;
  row.periods = periods.map((span) => {
    const target = targetFor(c, span.start);
    lastTarget = target;
    let met = 0;
    for (const p of people) {
      const ids = countOf(p.id, span);
      const f = perPerson.get(p.id)!;
      for (const id of ids) f.ids.add(id);
      if (!target) continue;
      f.owed++;
      if (ids.length >= target) {
        f.met++;
        met++;
      }
    }
    const owed = target ? people.length : 0;
    return {
      key: span.key,
      start: span.start,
      end: span.end,
      target,
      owed,
      met,
      compliance: ratio(met, owed),
      inProgress: span.end > today,
    };
  });
  const owed = row.periods.reduce((n, p) => n + p.owed, 0);
  const met = row.periods.reduce((n, p) => n + p.met, 0);
  const all = [...perPerson.values()].flatMap((f) => [...f.ids]);
  const teams = new Map<string | null, { owed: number; met: number }>();
  row.byPerson = people.map((p) => {
    const f = perPerson.get(p.id)!;
    const t = teams.get(p.team) ?? { owed: 0, met: 0 };
    t.owed += f.owed;
    t.met += f.met;
    teams.set(p.team, t);
    return {
      accountId: p.id,
      name: p.display_name,
      role: p.role,
      team: p.team,
      target: lastTarget,
      actual: f.ids.size,
      owed: f.owed,
      met: f.met,
      compliance: ratio(f.met, f.owed),
      evidenceIds: [...f.ids].slice(0, PERSON_EVIDENCE_CAP),
    };
  });
  row.byTeam = [...teams].map(([team, t]) => ({ team, ...t, compliance: ratio(t.met, t.owed) }));
  return {
    ...row,
    target: lastTarget,
    actual: all.length,
    owed,
    met,
    compliance: ratio(met, owed),
    evidence: { type: evidenceType, ...capped(all) },
  };
}

/**
 * The promise-keeping board (承诺兑现) of an estate for a month or an ISO week, computed live
 * from the records (it does not depend on the tick having run). Per-person quotas (E1, S4) and
 * standing targets (S5): the share of person-periods that met the target of their period; S2:
 * the share of lived-in households with a safety check this half-year; event follow-ups (T4,
 * T6, E15): the share of revisits due in the period that were done on time (agenda.followups). About ten aggregate queries whatever the estate's size.
 */
export async function buildKpiBoard(
  deps: KpiDeps,
  actor: Actor,
  estateId: string,
  key?: string,
): Promise<KpiBoard> {
  const { db, clock } = deps;
  requireCap(actor, 'kpi.read');
  requireEstate(actor, estateId);
  const tz = await repo.estateTimeZone(db, estateId);
  if (!tz) throw CommonErrors.make('NOT_FOUND');
  const now = clock.now();
  const today = localDate(now, tz);
  const board = key ? parseBoardPeriod(key) : spanOf('month', today);
  if (!board) throw AgendaErrors.make('INVALID_PERIOD', { value: key }, { field: 'period' });
  const instant = (d: string) => startOfLocalDay(d, tz).getTime();
  const withInstants = (s: PeriodSpan): Span => ({ ...s, from: instant(s.start), to: instant(s.end) });
  const lastDay = [addDays(board.end, -1), today].sort()[0]!;
  const trendWeeks = weeksEnding(lastDay, TREND_WEEKS).map(withInstants);

  const [measures, staff] = await Promise.all([
    deps.plan.list(systemActor([estateId]), estateId),
    repo.staffOf(db, estateId),
  ]);
  const active = measures.filter((m) => m.status === 'active');

  // One visit query for every per-person quota: the board's periods and the 12-week trend.
  const quotaRoles = new Set<string>();
  let from = Math.min(instant(board.start), trendWeeks[0]!.from);
  let to = instant(board.end);
  for (const m of active)
    for (const c of m.commitments)
      if (c.active && c.config.kind === 'quota' && c.config.per === 'person') {
        for (const r of c.config.roles) quotaRoles.add(r);
        for (const s of periodsWithin(c.config.period, board)) {
          from = Math.min(from, instant(s.start));
          to = Math.max(to, instant(s.end));
        }
      }
  const quotaPeople = staff.filter((s) => quotaRoles.has(s.role)).map((s) => s.id);
  const needs = (code: string, kind: string) =>
    active.some((m) =>
      m.commitments.some(
        (c) =>
          c.active &&
          c.config.kind === kind &&
          (code === '*' || ('per' in c.config && c.config.per === code)),
      ),
    );
  const bare = active.filter((m) => !m.commitments.some((c) => c.active)).map((m) => VISIT_EVIDENCE[m.code]);
  const [visits, members, occupied, latestAny, latestFlyer] = await Promise.all([
    quotaPeople.length
      ? repo.visitRows(db, estateId, {
          from: new Date(from).toISOString(),
          to: new Date(to).toISOString(),
          visitorIds: quotaPeople,
        })
      : Promise.resolve([] as VisitRow[]),
    needs('*', 'standing') ? repo.loyalMembers(db, estateId, now.toISOString()) : Promise.resolve([]),
    needs('household', 'quota') ? repo.occupiedHouseholds(db, estateId) : Promise.resolve(0),
    bare.includes('any') ? repo.latestVisit(db, estateId) : Promise.resolve(undefined),
    bare.includes('flyer') ? repo.latestVisit(db, estateId, true) : Promise.resolve(undefined),
  ]);
  const followups = followupCommitments(active);
  const dueRevisits = revisitLoader(db, estateId, followups, {
    from: Math.min(instant(board.start), trendWeeks[0]!.from),
    to: Math.max(instant(board.end), trendWeeks[trendWeeks.length - 1]!.to),
  });
  const visitsOf = new Map<string, VisitRow[]>();
  for (const v of visits) visitsOf.set(v.visitor_id, [...(visitsOf.get(v.visitor_id) ?? []), v]);

  const rows: KpiRow[] = [];
  for (const m of active) {
    const commitments = m.commitments.filter((c) => c.active);
    if (!commitments.length) {
      const row = emptyRow(m, null);
      const ev = VISIT_EVIDENCE[m.code];
      if (ev) {
        const v = ev === 'flyer' ? latestFlyer : latestAny;
        if (v) row.latestEvidence = { type: 'visit', id: v.id, at: toIso(v.visited_at as Date | string)! };
      }
      // Evidence kept by other modules (C4 organization contacts, C7 care plan): organizations.evidence.ts.
      const source = ORGANIZATION_EVIDENCE[m.code];
      if (source) row.latestEvidence = await source(db, estateId, { today, lang: actor.lang });
      rows.push(row);
      continue;
    }
    for (const c of commitments) {
      const cfg = c.config;
      const row = emptyRow(m, c);
      const periods = periodsWithin(cfg.period, board)
        .filter((s) => s.start <= today)
        .map(withInstants);
      if (cfg.kind === 'quota' && cfg.per === 'person') {
        const kinds = cfg.activity === 'safety_check' ? ['safety_check'] : cfg.visitKinds;
        const people = staff.filter((s) => (cfg.roles as string[]).includes(s.role));
        const countOf = (person: string, span: Span) =>
          (visitsOf.get(person) ?? [])
            .filter(
              (v) =>
                (!kinds?.length || kinds.includes(v.kind)) &&
                ms(v.visited_at as Date | string) >= span.from &&
                ms(v.visited_at as Date | string) < span.to,
            )
            .map((v) => v.id);
        const r = personFigures(row, c, people, periods, today, countOf, 'visit');
        if (cfg.period === 'week' && r.status === 'ok')
          r.trend = trendWeeks.map((w) => {
            const target = targetFor(c, w.start);
            const met = target ? people.filter((p) => countOf(p.id, w).length >= target).length : 0;
            return {
              key: w.key,
              start: w.start,
              target,
              compliance: target ? ratio(met, people.length) : null,
            };
          });
        rows.push(r);
      } else if (cfg.kind === 'standing') {
        const people = staff.filter((s) => (cfg.roles as string[]).includes(s.role));
        const countOf = (person: string, span: Span) =>
          members
            .filter(
              (x) =>
                x.leader_id === person && ms(x.added_at as Date | string) < Math.min(span.to, now.getTime()),
            )
            .map((x) => x.household_id);
        rows.push(personFigures(row, c, people, periods, today, countOf, 'household'));
      } else if (cfg.kind === 'quota') {
        rows.push(await householdQuota(db, estateId, row, c, periods, occupied, today, staff));
      } else {
        // Follow-ups (T4, T6, E15): measured on the revisits; see agenda.followups.ts.
        const f = followups.find((x) => x.commitment.id === c.id);
        rows.push(
          f
            ? followupFigures({
                ...{
                  row,
                  commitment: c,
                  revisitKinds: f.revisitKinds,
                  periods,
                  trendWeeks,
                  today,
                  now,
                  staff,
                },
                board: withInstants(board),
                revisits: await dueRevisits(),
                evidenceCap: EVIDENCE_CAP,
              })
            : { ...row, status: 'no_data', reason: 'No records measure this follow-up yet' },
        );
      }
    }
  }

  const personal = rows.filter((r) => r.status === 'ok' && r.per === 'person');
  const kept = personal.reduce((n, r) => n + (r.met ?? 0), 0);
  const total = personal.reduce((n, r) => n + (r.owed ?? 0), 0);
  const isWeek = board.key.includes('W');
  const en = actor.lang === 'en';
  return {
    estateId,
    period: board,
    generatedAt: now.toISOString(),
    headline: {
      kept,
      total,
      text: en
        ? `Promises kept this ${isWeek ? 'week' : 'month'}: ${kept} of ${total}`
        : `${isWeek ? '本周' : '本月'}承诺兑现 ${kept} / ${total}`,
      definition:
        'Each responsible person and period of a per-person commitment (E1 weekly visits, S4 monthly advisory visit, S5 loyal group) is one promise; kept when the target of its period was reached. Periods in progress count as not yet kept until reached.',
    },
    rows,
  };
}

/** A per-household quota (S2): the share of lived-in households that got it in the period. */
async function householdQuota(
  db: Kysely<DB>,
  estateId: string,
  row: KpiRow,
  c: Commitment,
  periods: Span[],
  occupied: number,
  today: string,
  staff: Staff[],
): Promise<KpiRow> {
  const cfg = c.config;
  if (cfg.kind !== 'quota') return row;
  if (!periods.length) return { ...row, status: 'no_data', reason: 'The period has not started' };
  if (!occupied) return { ...row, status: 'no_data', reason: 'No lived-in households in the estate' };
  const kinds = cfg.activity === 'safety_check' ? ['safety_check'] : cfg.visitKinds;
  const byVisitor = new Map<string, number>();
  const ids: string[] = [];
  let actual = 0;
  let lastTarget: number | null = null;
  row.periods = [];
  for (const span of periods) {
    const target = targetFor(c, span.start);
    lastTarget = target;
    const f = await repo.householdQuotaFigures(db, estateId, {
      from: new Date(span.from).toISOString(),
      to: new Date(span.to).toISOString(),
      kinds,
      target: Math.max(1, target ?? 1),
      evidenceCap: EVIDENCE_CAP,
    });
    for (const v of f.byVisitor) {
      byVisitor.set(v.visitorId, (byVisitor.get(v.visitorId) ?? 0) + v.n);
      actual += v.n;
    }
    ids.push(...f.ids);
    const met = target ? Math.min(occupied, f.households) : 0;
    const owed = target ? occupied : 0;
    row.periods.push({
      key: span.key,
      start: span.start,
      end: span.end,
      target,
      owed,
      met,
      compliance: ratio(met, owed),
      inProgress: span.end > today,
    });
  }
  const owed = row.periods.reduce((n, p) => n + p.owed, 0);
  const met = row.periods.reduce((n, p) => n + p.met, 0);
  const names = new Map(staff.map((s) => [s.id, s]));
  row.byPerson = [...byVisitor].map(([id, n]) => ({
    accountId: id,
    name: names.get(id)?.display_name ?? id,
    role: names.get(id)?.role ?? '',
    team: names.get(id)?.team ?? null,
    target: null,
    actual: n,
    owed: 0,
    met: 0,
    compliance: null,
    evidenceIds: [],
  }));
  return {
    ...row,
    target: lastTarget,
    actual,
    owed,
    met,
    compliance: ratio(met, owed),
    evidence: { type: 'visit', ...capped(ids) },
  };
}
