import type { Kysely } from 'kysely';
import type {
  ServiceFiguresQuery,
  ServiceFiguresReport,
  ServiceFiguresRow,
} from '../../../contract/service-requests.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { localDate, startOfLocalDay } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import { type Actor, requireCap, requireEstate } from '../auth/index.js';
import { ServiceFiguresErrors } from './service-figures.errors.js';
import * as repo from './service-figures.repository.js';
import { computeFigures, type FigureRow } from './service-request.figures.js';
import { estateTimeZone, requestsCreatedBetween } from './service-request.repository.js';

export type ServiceFiguresService = ReturnType<typeof createServiceFiguresService>;

export interface ServiceFiguresDeps {
  db: Kysely<DB>;
  clock: Clock;
}

const DAY = 86_400_000;
const ms = (v: Date | string) => (v instanceof Date ? v : new Date(v)).getTime();
const avg = (xs: number[]) =>
  xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 100) / 100 : null;
const share = (hit: number, n: number) => (n ? Math.round((hit / n) * 1000) / 1000 : null);

type Card = Awaited<ReturnType<typeof repo.cards>>[number];
type Revisit = Awaited<ReturnType<typeof repo.revisits>>[number];
interface Bucket {
  requests: FigureRow[];
  cards: Card[];
  revisits: Revisit[];
}

/** A local day (YYYY-MM-DD) that exists in the calendar, as its UTC midnight in ms; null otherwise. */
function dayMs(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return new Date(t).toISOString().slice(0, 10) === s ? t : null;
}
const dayText = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * The service figures of the KPI board (issue 3): how fast requests are answered and done, the
 * share within the catalog targets, free jobs and their material cost (requests created in the
 * period), the average score of cards submitted in it, the comments whose reply deadline fell in
 * it and was kept, and the revisits due in it done on time — for the estate, per team and per person.
 */
export function createServiceFiguresService(deps: ServiceFiguresDeps) {
  const { db, clock } = deps;

  /** The figures of one group: requests through computeFigures, cards and revisits judged at `now`. */
  function figuresOf(b: Bucket, start: number, end: number, now: number): ServiceFiguresRow {
    const scored = b.cards.filter(
      (c) => c.overall != null && c.submitted_at && ms(c.submitted_at) >= start && ms(c.submitted_at) < end,
    );
    const comments = b.cards.filter((c) => {
      if (!c.comment?.trim() || !c.reply_due_at) return false;
      const due = ms(c.reply_due_at);
      return due >= start && due < end && (due <= now || c.replied_at != null);
    });
    const inTime = comments.filter((c) => c.replied_at && ms(c.replied_at) <= ms(c.reply_due_at!)).length;
    const due = b.revisits.filter((r) => r.status === 'done' || ms(r.due_at) <= now);
    const onTime = due.filter(
      (r) => r.status === 'done' && r.completed_at && ms(r.completed_at) <= ms(r.due_at),
    ).length;
    return {
      ...computeFigures(b.requests),
      avgScore: avg(scored.map((c) => Number(c.overall))),
      ratedCards: scored.length,
      commentsDue: comments.length,
      commentsRepliedInTime: inTime,
      commentRepliedInTimeShare: share(inTime, comments.length),
      revisitsDue: due.length,
      revisitsDoneOnTime: onTime,
      revisitOnTimeShare: share(onTime, due.length),
    };
  }

  function period(q: ServiceFiguresQuery, tz: string) {
    const today = localDate(clock.now(), tz);
    const [y, m] = today.split('-').map(Number) as [number, number];
    const fromText = q.from ?? `${today.slice(0, 8)}01`;
    const toText = q.to ?? dayText(Date.UTC(y, m, 0));
    const from = dayMs(fromText);
    if (from == null)
      throw ServiceFiguresErrors.make('FIGURES_BAD_DATE', { field: 'from' }, { field: 'from' });
    const to = dayMs(toText);
    if (to == null) throw ServiceFiguresErrors.make('FIGURES_BAD_DATE', { field: 'to' }, { field: 'to' });
    if (to < from || (to - from) / DAY + 1 > 366)
      throw ServiceFiguresErrors.make('FIGURES_RANGE', { field: 'to' }, { field: 'to' });
    return {
      from: fromText,
      to: toText,
      start: startOfLocalDay(fromText, tz),
      end: startOfLocalDay(dayText(to + DAY), tz),
    };
  }

  return {
    /** Capability kpi.read; outside the actor's estates → 404. `to` is inclusive. */
    async get(actor: Actor, estateId: string, q: ServiceFiguresQuery): Promise<ServiceFiguresReport> {
      requireCap(actor, 'kpi.read');
      requireEstate(actor, estateId);
      const tz = await estateTimeZone(db, estateId);
      if (tz === undefined) throw CommonErrors.make('NOT_FOUND');
      const p = period(q, tz);
      const f = { team: q.team, assigneeId: q.assignee };
      const [from, to] = [p.start.toISOString(), p.end.toISOString()];
      const [requests, cards, revisits] = await Promise.all([
        requestsCreatedBetween(db, estateId, from, to, f),
        repo.cards(db, estateId, from, to, f),
        repo.revisits(db, estateId, from, to, f),
      ]);
      const [start, end, now] = [p.start.getTime(), p.end.getTime(), clock.now().getTime()];

      const teams = new Map<string, Bucket>();
      const people = new Map<string, Bucket & { name: string | null }>();
      const team = (code: string) => {
        let b = teams.get(code);
        if (!b) {
          b = { requests: [], cards: [], revisits: [] };
          teams.set(code, b);
        }
        return b;
      };
      const person = (id: string | null, name: string | null) => {
        if (!id) return null;
        let b = people.get(id);
        if (!b) {
          b = { requests: [], cards: [], revisits: [], name };
          people.set(id, b);
        }
        b.name ??= name;
        return b;
      };
      for (const r of requests) {
        team(r.team_code).requests.push(r);
        person(r.assignee_id, r.assignee_name)?.requests.push(r);
      }
      for (const c of cards) {
        team(c.team_code).cards.push(c);
        person(c.technician_id, c.technician_name)?.cards.push(c);
      }
      for (const r of revisits) {
        team(r.team_code).revisits.push(r);
        person(r.technician_id, r.technician_name ?? null)?.revisits.push(r);
      }

      return {
        estateId,
        from: p.from,
        to: p.to,
        timeZone: tz,
        ...figuresOf({ requests, cards, revisits }, start, end, now),
        byTeam: [...teams.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([code, b]) => ({ team: code, ...figuresOf(b, start, end, now) })),
        byPerson: [...people.entries()]
          .sort(([, a], [, b]) => (a.name ?? '').localeCompare(b.name ?? '', 'zh-CN'))
          .map(([id, b]) => ({ personId: id, name: b.name, ...figuresOf(b, start, end, now) })),
      };
    },
  };
}
