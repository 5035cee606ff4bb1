import type { Kysely } from 'kysely';
import type {
  AddDutyExceptionBody,
  DutyException,
  DutyRoster,
  DutyRosterQuery,
  OnDutyList,
  OnDutyQuery,
  PutDutyShiftsBody,
  RosterMember,
} from '../../../contract/roster.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { addDays, fromJson, toJson } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, requireCap, requireEstate } from '../auth/index.js';
import { RosterErrors } from './roster.errors.js';
import { datedOf, patternOf, toDutyException, toDutyShift } from './roster.mapper.js';
import * as repo from './roster.repository.js';
import {
  coverageBySlot,
  type DatedException,
  firstOverlap,
  localParts,
  mondayOf,
  type PatternShift,
  shiftAt,
  toClock,
  toMinutes,
} from './roster.rules.js';

export type RosterService = ReturnType<typeof createRosterService>;

export interface RosterDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
}

type StaffRow = Awaited<ReturnType<typeof repo.listStaff>>[number];

/**
 * The duty roster (值班表): a weekly pattern per staff member and dated leave or extra shifts.
 * Everyone with `staff.read` reads it; dispatchers and managers (`request.dispatch`) edit it.
 * Who is on duty is computed in the estate's time zone; an overnight shift belongs to the day
 * it starts on, so leave on that day takes the whole night off.
 */
export function createRosterService(deps: RosterDeps) {
  const { db, clock, audit } = deps;

  async function timeZone(estateId: string): Promise<string> {
    const tz = await repo.estateTimeZone(db, estateId);
    if (!tz) throw CommonErrors.make('NOT_FOUND');
    return tz;
  }

  async function staffMember(estateId: string, accountId: string): Promise<StaffRow> {
    const [row] = await repo.listStaff(db, estateId, { accountIds: [accountId] });
    if (!row) throw RosterErrors.make('ROSTER_STAFF_NOT_FOUND', undefined, { field: 'accountId' });
    return row;
  }

  /** Patterns and exceptions around local days [fromDay, toDay) of some people, by account. */
  async function rosterOf(estateId: string, accountIds: string[], fromDay: string, toDay: string) {
    const [patterns, exceptions] = await Promise.all([
      repo.listPatterns(db, estateId, accountIds),
      // The day before: its overnight shifts and leave reach into the first day.
      repo.listExceptions(db, estateId, addDays(fromDay, -1), toDay, accountIds),
    ]);
    const byId = new Map(patterns.map((p) => [p.account_id, p]));
    const exc = new Map<string, repo.ExceptionRow[]>();
    for (const e of exceptions) exc.set(e.account_id, [...(exc.get(e.account_id) ?? []), e]);
    return { byId, exc };
  }

  /** The people of `accountIds` on duty at a local instant, with the shift covering it. */
  async function onDutyAt(estateId: string, accountIds: string[], day: string, minute: number) {
    const { byId, exc } = await rosterOf(estateId, accountIds, day, addDays(day, 1));
    const out = new Map<string, { from: string; to: string; extra: boolean }>();
    for (const id of accountIds) {
      const s = shiftAt(day, minute, patternOf(byId.get(id)), (exc.get(id) ?? []).map(datedOf));
      if (s) out.set(id, s);
    }
    return { out, known: byId.size > 0 || exc.size > 0 };
  }

  return {
    /**
     * The roster of a week (Monday first) per team: each member's weekly pattern and version,
     * the week's leave and extra shifts, and who is on duty now.
     */
    async getRoster(actor: Actor, estateId: string, q: DutyRosterQuery): Promise<DutyRoster> {
      requireCap(actor, 'staff.read');
      requireEstate(actor, estateId);
      const tz = await timeZone(estateId);
      const now = clock.now();
      const here = localParts(now, tz);
      const weekStart = mondayOf(q.week ?? here.day);
      const [teams, staff] = await Promise.all([
        repo.listTeams(db, estateId),
        repo.listStaff(db, estateId, { team: q.team }),
      ]);
      const ids = staff.map((s) => s.id);
      const [week, current] = await Promise.all([
        rosterOf(estateId, ids, weekStart, addDays(weekStart, 7)),
        onDutyAt(estateId, ids, here.day, here.minute),
      ]);
      const member = (s: StaffRow): RosterMember => ({
        accountId: s.id,
        displayName: s.display_name,
        role: s.role,
        position: s.position,
        skills: fromJson<unknown[]>(s.skills, []).map(String),
        version: week.byId.has(s.id) ? Number(week.byId.get(s.id)!.version) : 0,
        shifts: patternOf(week.byId.get(s.id)).map(toDutyShift),
        exceptions: (week.exc.get(s.id) ?? []).filter((e) => e.day >= weekStart).map(toDutyException),
        onDutyNow: current.out.has(s.id),
      });
      return {
        estateId,
        timeZone: tz,
        weekStart,
        now: now.toISOString(),
        teams: teams
          .filter((t) => !q.team || t.code === q.team)
          .map((t) => ({
            code: t.code as DutyRoster['teams'][number]['code'],
            name: t.name,
            nameEn: t.name_en,
            members: staff.filter((s) => s.team_code === t.code).map(member),
          })),
      };
    },

    /**
     * Replaces a staff member's weekly pattern. `version` is the pattern's version as read (0
     * when they have none yet); a stale one gets 412 so two editors cannot both win.
     */
    async putShifts(actor: Actor, estateId: string, accountId: string, body: PutDutyShiftsBody) {
      requireCap(actor, 'request.dispatch');
      requireEstate(actor, estateId);
      await timeZone(estateId);
      const person = await staffMember(estateId, accountId);
      if (body.version === undefined) throw CommonErrors.make('VERSION_REQUIRED');
      const shifts: PatternShift[] = body.shifts
        .map((s) => ({ weekday: s.weekday, start: toMinutes(s.start), end: toMinutes(s.end) }))
        .map((s) => (s.start === 1440 ? { ...s, start: 0 } : s));
      const bad = firstOverlap(shifts);
      if (bad >= 0)
        throw RosterErrors.make('ROSTER_SHIFT_OVERLAP', { n: bad + 1 }, { field: `shifts.${bad}` });
      shifts.sort((a, b) => a.weekday - b.weekday || a.start - b.start);
      const at = clock.now().toISOString();
      const current = await repo.findPattern(db, estateId, accountId);
      const currentVersion = current ? Number(current.version) : 0;
      if (body.version !== currentVersion)
        throw CommonErrors.make('VERSION_CONFLICT', { current: currentVersion });
      await db.transaction().execute(async (trx) => {
        const won = current
          ? await repo.replacePattern(
              trx,
              { estateId, accountId, version: currentVersion },
              { shifts: toJson(shifts), updated_at: at, updated_by: actor.id },
            )
          : await repo.insertPattern(trx, {
              estate_id: estateId,
              account_id: accountId,
              shifts: toJson(shifts),
              version: 1,
              created_at: at,
              updated_at: at,
              created_by: actor.id,
              updated_by: actor.id,
            });
        if (!won) {
          const cur = await repo.findPattern(trx, estateId, accountId);
          throw CommonErrors.make('VERSION_CONFLICT', { current: cur ? Number(cur.version) : 0 });
        }
        await audit.record(
          {
            actor,
            action: 'duty_roster.replace_shifts',
            estateId,
            targetType: 'account',
            targetId: accountId,
            details: {
              name: person.display_name,
              from: patternOf(current).map(toDutyShift),
              to: shifts.map(toDutyShift),
            },
          },
          trx,
        );
      });
      const row = (await repo.findPattern(db, estateId, accountId))!;
      return { accountId, version: Number(row.version), shifts: patternOf(row).map(toDutyShift) };
    },

    /** Adds leave (whole day or a time range) or an extra shift on a local date. */
    async addException(actor: Actor, estateId: string, body: AddDutyExceptionBody): Promise<DutyException> {
      requireCap(actor, 'request.dispatch');
      requireEstate(actor, estateId);
      await timeZone(estateId);
      const person = await staffMember(estateId, body.accountId);
      const hasStart = body.start !== undefined;
      const hasEnd = body.end !== undefined;
      if (body.kind === 'extra' && !(hasStart && hasEnd))
        throw RosterErrors.make('DUTY_EXTRA_TIMES_REQUIRED', undefined, {
          field: hasStart ? 'end' : 'start',
        });
      if (body.kind === 'leave' && hasStart !== hasEnd)
        throw RosterErrors.make('DUTY_LEAVE_TIMES_INCOMPLETE', undefined, {
          field: hasStart ? 'end' : 'start',
        });
      const id = newId();
      const at = clock.now().toISOString();
      const start = body.start === undefined ? null : toMinutes(body.start) % 1440;
      const end = body.end === undefined ? null : toMinutes(body.end);
      await db.transaction().execute(async (trx) => {
        await repo.insertException(trx, {
          estate_id: estateId,
          id,
          account_id: body.accountId,
          day: body.date,
          kind: body.kind,
          start_minute: start,
          end_minute: end,
          note: body.note || null,
          created_at: at,
          created_by: actor.id,
        });
        await audit.record(
          {
            actor,
            action: `duty_roster.add_${body.kind}`,
            estateId,
            targetType: 'account',
            targetId: body.accountId,
            details: { name: person.display_name, date: body.date, start: body.start, end: body.end },
          },
          trx,
        );
      });
      return toDutyException((await repo.findException(db, estateId, id))!);
    },

    /** Removes a leave or extra shift entered by mistake. */
    async deleteException(actor: Actor, estateId: string, id: string): Promise<void> {
      requireCap(actor, 'request.dispatch');
      requireEstate(actor, estateId);
      const row = await repo.findException(db, estateId, id);
      if (!row) throw RosterErrors.make('DUTY_EXCEPTION_NOT_FOUND');
      await db.transaction().execute(async (trx) => {
        if (!(await repo.deleteException(trx, estateId, id)))
          throw RosterErrors.make('DUTY_EXCEPTION_NOT_FOUND');
        await audit.record(
          {
            actor,
            action: `duty_roster.delete_${row.kind}`,
            estateId,
            targetType: 'account',
            targetId: row.account_id,
            details: {
              date: row.day,
              start: row.start_minute === null ? null : toClock(Number(row.start_minute)),
              end: row.end_minute === null ? null : toClock(Number(row.end_minute)),
            },
          },
          trx,
        );
      });
    },

    /** Who is on duty at an instant (default now) in the estate's time zone, optionally one team. */
    async listOnDuty(actor: Actor, estateId: string, q: OnDutyQuery): Promise<OnDutyList> {
      requireCap(actor, 'staff.read');
      requireEstate(actor, estateId);
      const tz = await timeZone(estateId);
      const at = q.at ? new Date(q.at) : clock.now();
      const here = localParts(at, tz);
      const staff = await repo.listStaff(db, estateId, { team: q.team });
      const { out } = await onDutyAt(
        estateId,
        staff.map((s) => s.id),
        here.day,
        here.minute,
      );
      return {
        at: at.toISOString(),
        timeZone: tz,
        localDate: here.day,
        localTime: toClock(here.minute),
        items: staff
          .filter((s) => out.has(s.id))
          .map((s) => ({
            accountId: s.id,
            displayName: s.display_name,
            role: s.role,
            team: (s.team_code as OnDutyList['items'][number]['team']) ?? null,
            position: s.position,
            ...out.get(s.id)!,
          })),
      };
    },

    /**
     * For system code (assignment suggestions): which of `accountIds` are on duty at `at`, or
     * null when none of them has a roster (nothing is known, so nobody is marked either way).
     */
    async onDutyAmong(estateId: string, accountIds: string[], at: Date): Promise<Set<string> | null> {
      const tz = await repo.estateTimeZone(db, estateId);
      if (!tz || !accountIds.length) return null;
      const here = localParts(at, tz);
      const { out, known } = await onDutyAt(estateId, accountIds, here.day, here.minute);
      return known ? new Set(out.keys()) : null;
    },

    /**
     * For system code (demand peaks): staff of a team on duty per weekday × hour (168 numbers,
     * Monday 00:00 first), averaged over the local days of [from, to) with leave and extra
     * shifts as they were; null when nobody in the team has a weekly pattern.
     */
    async coverage(estateId: string, team: string, from: Date, to: Date): Promise<number[] | null> {
      const tz = await repo.estateTimeZone(db, estateId);
      if (!tz) return null;
      const staff = await repo.listStaff(db, estateId, { team });
      const fromDay = localParts(from, tz).day;
      const toDay = addDays(localParts(to, tz).day, 1);
      const { byId, exc } = await rosterOf(
        estateId,
        staff.map((s) => s.id),
        fromDay,
        toDay,
      );
      if (![...byId.values()].some((p) => patternOf(p).length)) return null;
      // Whole weeks only: the period ends today, so drop the days that would count twice.
      const days = Math.round((to.getTime() - from.getTime()) / 86_400_000);
      const start = addDays(toDay, -Math.max(1, days));
      return coverageBySlot(
        staff.map((s) => ({
          pattern: patternOf(byId.get(s.id)),
          exceptions: (exc.get(s.id) ?? []).map(datedOf) as DatedException[],
        })),
        start,
        toDay,
      );
    },
  };
}
