import type { Kysely } from 'kysely';
import type {
  AddPlateOverrideBody,
  CalendarDay,
  CalendarEntry,
  DeleteHolidayResult,
  HolidayList,
  PlateOverride,
  PlateRestriction,
  PlateRule,
  PlateRuleBody,
  UpsertHolidayBody,
  YearStatus,
} from '../../../contract/calendar.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { addDays, localDate, toJson } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, requireCap } from '../auth/index.js';
import { CalendarErrors } from './calendar.errors.js';
import { ruleJson, toCalendarEntry, toPlateOverride, toPlateRule, toRuleModel } from './calendar.mapper.js';
import * as repo from './calendar.repository.js';
import { seedCalendar } from './calendar.seed.js';
import { dayKindOf, weekdayOf } from './days.js';
import { lunarInfo } from './lunar.js';
import { isPlateRestricted, restrictionFor } from './plate-rules.js';

export type CalendarService = ReturnType<typeof createCalendarService>;

/** The city asked for when none is named. */
export const DEFAULT_CITY = 'beijing';

const NEW_CITY_CODE = /^[a-z][a-z0-9-]{1,31}$/;

/**
 * The Chinese calendar (lunar date, festivals, solar terms, official holidays from our own
 * table) and plate tail-number restriction per city. Reads need `estate.read` (any staff);
 * editing holidays and rules needs `calendar.manage` (admins). The actor-free methods
 * (`describeDay`, `restrictionOn`) serve the board and the scheduler.
 */
export function createCalendarService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  /** Where "today" is decided (the product's estates are in China). */
  timeZone?: string;
}) {
  const { db, clock } = deps;
  const timeZone = deps.timeZone ?? 'Asia/Shanghai';

  // Seed once per process on first use (idempotent; main.ts may also seed at start).
  let seeding: Promise<unknown> | undefined;
  function ready(): Promise<unknown> {
    seeding ??= seedCalendar(db, clock.now()).catch((e) => {
      seeding = undefined;
      throw e;
    });
    return seeding;
  }

  const today = () => localDate(clock.now(), timeZone);

  async function yearStatus(year: number): Promise<YearStatus> {
    await ready();
    const c = await repo.countDays(db, `${year}-01-01`, `${year}-12-31`);
    return { year, entered: c.holidays > 0, ...c };
  }

  async function resolveRule(city: string | undefined) {
    const key = (city ?? DEFAULT_CITY).trim();
    const lower = key.toLowerCase();
    const rules = await repo.listRules(db);
    const row = rules.find(
      (r) =>
        r.city === lower ||
        r.name === key ||
        `${r.name}市` === key ||
        (r.name_en ?? '').toLowerCase() === lower,
    );
    return row;
  }

  async function ruleOrThrow(city: string) {
    await ready();
    const row = await resolveRule(city);
    if (!row) throw CalendarErrors.make('PLATE_RULE_NOT_FOUND', { city });
    return row;
  }

  return {
    /** Today's date (YYYY-MM-DD) in the calendar's time zone. */
    today,

    /** Seeds the holiday table and default rules now (idempotent; also done on first use). */
    ready,

    /** Whether a year's official schedule is entered (any holiday row), with counts. */
    yearStatus,

    /** Everything about a date: lunar date, festivals, solar term, kind of day (no actor: board, jobs). */
    async describeDay(date: string): Promise<CalendarDay> {
      await ready();
      const info = lunarInfo(date);
      const row = await repo.findDay(db, date);
      const entry = row ? { kind: row.kind as 'holiday' | 'workday', name: row.name } : null;
      const dayKind = dayKindOf(date, entry);
      const now = today();
      const nextYear = Number(now.slice(0, 4)) + 1;
      const named = row && (dayKind === 'holiday' || dayKind === 'makeup_workday');
      const [thisYear, next] = await Promise.all([
        yearStatus(Number(date.slice(0, 4))),
        Number(now.slice(5, 7)) >= 11 ? yearStatus(nextYear) : null,
      ]);
      return {
        date,
        weekday: weekdayOf(date),
        ...info,
        dayKind,
        holidayName: named ? row.name : null,
        holidayNameEn: named ? (row.name_en ?? null) : null,
        scheduleEntered: thisYear.entered,
        nextYear,
        nextYearScheduleMissing: next ? !next.entered : false,
      };
    },

    /** getCalendarDay: a date (default today) for any staff member. */
    async getDay(actor: Actor, date?: string): Promise<CalendarDay> {
      requireCap(actor, 'estate.read');
      return this.describeDay(date ?? today());
    },

    /** listHolidays: the holidays and make-up workdays of a year (default this year). */
    async listHolidays(actor: Actor, year?: number): Promise<HolidayList> {
      requireCap(actor, 'estate.read');
      const y = year ?? Number(today().slice(0, 4));
      const [status, rows] = await Promise.all([
        yearStatus(y),
        repo.listDays(db, `${y}-01-01`, `${y}-12-31`),
      ]);
      return { ...status, items: rows.map(toCalendarEntry) };
    },

    /**
     * upsertHoliday (admins): enters or corrects a date as a holiday or make-up workday. A
     * stale `version` / If-Match gets 412. Changing an official (library) entry keeps the
     * official values so that deleting the change restores them.
     */
    async upsertHoliday(
      actor: Actor,
      date: string,
      input: UpsertHolidayBody,
      ifMatch?: number,
    ): Promise<CalendarEntry> {
      requireCap(actor, 'calendar.manage');
      await ready();
      const expected = input.version ?? ifMatch;
      const nameEn = input.nameEn ?? null;
      const at = clock.now().toISOString();
      return db.transaction().execute(async (trx) => {
        const row = await repo.findDay(trx, date);
        if (!row) {
          if (expected !== undefined) throw CommonErrors.make('VERSION_CONFLICT', { current: 0 });
          const inserted = await repo.insertDaysIfMissing(trx, [
            {
              date,
              kind: input.kind,
              name: input.name,
              name_en: nameEn,
              source: 'admin',
              library_kind: null,
              library_name: null,
              library_name_en: null,
              created_at: at,
              updated_at: at,
              updated_by: actor.id,
            },
          ]);
          if (!inserted) throw CommonErrors.make('VERSION_CONFLICT', { current: 1 });
        } else {
          const version = Number(row.version);
          if (expected !== undefined && expected !== version)
            throw CommonErrors.make('VERSION_CONFLICT', { current: version });
          if (row.kind === input.kind && row.name === input.name && (row.name_en ?? null) === nameEn)
            return toCalendarEntry(row);
          // The official values: the row's own while it is the library's, else those kept aside.
          const lib =
            row.source === 'library'
              ? { kind: row.kind, name: row.name, nameEn: row.name_en }
              : row.library_kind
                ? { kind: row.library_kind, name: row.library_name ?? '', nameEn: row.library_name_en }
                : null;
          const backToOfficial =
            lib && lib.kind === input.kind && lib.name === input.name && (lib.nameEn ?? null) === nameEn;
          const n = await repo.updateDay(
            trx,
            date,
            {
              kind: input.kind,
              name: input.name,
              name_en: nameEn,
              source: backToOfficial ? 'library' : 'admin',
              library_kind: backToOfficial ? null : (lib?.kind ?? null),
              library_name: backToOfficial ? null : (lib?.name ?? null),
              library_name_en: backToOfficial ? null : (lib?.nameEn ?? null),
              version: version + 1,
              updated_at: at,
              updated_by: actor.id,
            },
            version,
          );
          if (n !== 1) throw CommonErrors.make('VERSION_CONFLICT', { current: '?' });
        }
        await deps.audit.record(
          {
            actor,
            action: 'calendar.day.upsert',
            targetType: 'calendar_day',
            targetId: date,
            details: {
              kind: input.kind,
              name: input.name,
              previous: row ? { kind: row.kind, name: row.name, source: row.source } : null,
            },
          },
          trx,
        );
        return toCalendarEntry(await repo.findDay(trx, date));
      });
    },

    /**
     * deleteHoliday (admins): removes an admin-entered date, or reverts an admin's change of
     * an official date to the official values. Official dates themselves cannot be deleted.
     */
    async deleteHoliday(actor: Actor, date: string): Promise<DeleteHolidayResult> {
      requireCap(actor, 'calendar.manage');
      await ready();
      const at = clock.now().toISOString();
      return db.transaction().execute(async (trx) => {
        const row = await repo.findDay(trx, date);
        if (!row) throw CalendarErrors.make('CALENDAR_DAY_NOT_FOUND', { date });
        if (row.source === 'library') throw CalendarErrors.make('CALENDAR_DAY_OFFICIAL', { date });
        const version = Number(row.version);
        let result: DeleteHolidayResult;
        if (row.library_kind) {
          const n = await repo.updateDay(
            trx,
            date,
            {
              kind: row.library_kind,
              name: row.library_name ?? row.name,
              name_en: row.library_name_en,
              source: 'library',
              library_kind: null,
              library_name: null,
              library_name_en: null,
              version: version + 1,
              updated_at: at,
              updated_by: actor.id,
            },
            version,
          );
          if (n !== 1) throw CommonErrors.make('VERSION_CONFLICT', { current: '?' });
          result = { date, result: 'reverted', entry: toCalendarEntry(await repo.findDay(trx, date)) };
        } else {
          if ((await repo.deleteDay(trx, date, version)) !== 1)
            throw CommonErrors.make('VERSION_CONFLICT', { current: '?' });
          result = { date, result: 'deleted', entry: null };
        }
        await deps.audit.record(
          {
            actor,
            action: 'calendar.day.delete',
            targetType: 'calendar_day',
            targetId: date,
            details: { result: result.result, previous: { kind: row.kind, name: row.name } },
          },
          trx,
        );
        return result;
      });
    },

    /**
     * The restriction of a city (code or name; default Beijing) on a date, and for a plate when
     * given (no actor: board and reminder jobs).
     */
    async restrictionOn(city: string | undefined, date: string, plate?: string): Promise<PlateRestriction> {
      const row = await ruleOrThrow(city ?? DEFAULT_CITY);
      const [override, day] = await Promise.all([
        repo.findOverride(db, row.city, date),
        repo.findDay(db, date),
      ]);
      const rule = toRuleModel(row, override ? [override] : []);
      const dayKind = dayKindOf(
        date,
        day ? { kind: day.kind as 'holiday' | 'workday', name: day.name } : null,
      );
      const r = restrictionFor(rule, date, {
        dayKind,
        holidayName: day?.name ?? null,
        holidayNameEn: day?.name_en ?? null,
      });
      return {
        city: rule.city,
        cityName: rule.name,
        cityNameEn: rule.nameEn,
        ...r,
        ruleVersion: Number(row.version),
        plate: plate ? { plate, ...isPlateRestricted(plate, r, rule) } : null,
      };
    },

    /** getPlateRestriction: for any staff member; date defaults to today. */
    async getRestriction(
      actor: Actor,
      q: { city?: string; date?: string; plate?: string },
    ): Promise<PlateRestriction> {
      requireCap(actor, 'estate.read');
      return this.restrictionOn(q.city, q.date ?? today(), q.plate);
    },

    /** listPlateRules: every city's rule with its overrides from 30 days ago on. */
    async listPlateRules(actor: Actor): Promise<PlateRule[]> {
      requireCap(actor, 'estate.read');
      await ready();
      const [rules, overrides] = await Promise.all([
        repo.listRules(db),
        repo.listOverrides(db, addDays(today(), -30)),
      ]);
      return rules.map((r) =>
        toPlateRule(
          r,
          overrides.filter((o) => o.city === r.city),
        ),
      );
    },

    /**
     * updatePlateRule (admins): replaces a city's rule. An existing rule needs the edited
     * version (body.version or If-Match; 428 without, 412 when stale). An unknown city given
     * by a lowercase code (lanzhou) is created.
     */
    async updatePlateRule(
      actor: Actor,
      city: string,
      input: PlateRuleBody,
      ifMatch?: number,
    ): Promise<PlateRule> {
      requireCap(actor, 'calendar.manage');
      await ready();
      const existing = await resolveRule(city);
      const expected = input.version ?? ifMatch;
      const at = clock.now().toISOString();
      const json = toJson(
        ruleJson({
          ...input,
          nameEn: input.nameEn ?? null,
          localPrefix: input.localPrefix ?? null,
          areaEn: input.areaEn ?? null,
          validTo: input.validTo ?? null,
          notes: input.notes ?? null,
        }),
      );
      const code = existing?.city ?? city.trim().toLowerCase();
      await db.transaction().execute(async (trx) => {
        if (existing) {
          if (expected === undefined) throw CommonErrors.make('VERSION_REQUIRED');
          if (expected !== Number(existing.version))
            throw CommonErrors.make('VERSION_CONFLICT', { current: existing.version });
          const n = await repo.updateRule(trx, code, expected, {
            name: input.name,
            name_en: input.nameEn ?? null,
            rule: json,
            valid_from: input.validFrom,
            valid_to: input.validTo ?? null,
            source: 'admin',
            updated_at: at,
            updated_by: actor.id,
          });
          if (n !== 1) throw CommonErrors.make('VERSION_CONFLICT', { current: '?' });
        } else {
          if (!NEW_CITY_CODE.test(code)) throw CalendarErrors.make('PLATE_CITY_CODE_INVALID', { city });
          if (expected !== undefined) throw CommonErrors.make('VERSION_CONFLICT', { current: 0 });
          await repo.insertRule(trx, {
            city: code,
            name: input.name,
            name_en: input.nameEn ?? null,
            rule: json,
            valid_from: input.validFrom,
            valid_to: input.validTo ?? null,
            source: 'admin',
            created_at: at,
            updated_at: at,
            updated_by: actor.id,
          });
        }
        await deps.audit.record(
          {
            actor,
            action: existing ? 'plate_rule.update' : 'plate_rule.create',
            targetType: 'plate_rule',
            targetId: code,
            details: { name: input.name, mapping: input.mapping.kind, version: expected ?? null },
          },
          trx,
        );
      });
      const row = (await repo.findRule(db, code))!;
      return toPlateRule(row, await repo.listOverrides(db, addDays(today(), -30), [code]));
    },

    /** addPlateOverride (admins): a one-off arrangement for a date (409 when the date has one). */
    async addPlateOverride(actor: Actor, city: string, input: AddPlateOverrideBody): Promise<PlateOverride> {
      requireCap(actor, 'calendar.manage');
      const rule = await ruleOrThrow(city);
      const numbers = input.numbers;
      const mode = Array.isArray(numbers) ? 'digits' : numbers;
      const digits = Array.isArray(numbers) ? [...new Set(numbers)].sort((a, b) => a - b) : [];
      await db.transaction().execute(async (trx) => {
        const inserted = await repo.insertOverride(trx, {
          city: rule.city,
          date: input.date,
          mode,
          digits: toJson(digits),
          reason: input.reason,
          reason_en: input.reasonEn ?? null,
          created_at: clock.now().toISOString(),
          created_by: actor.id,
        });
        if (!inserted)
          throw CalendarErrors.make('PLATE_OVERRIDE_EXISTS', { city: rule.name, date: input.date });
        await deps.audit.record(
          {
            actor,
            action: 'plate_override.add',
            targetType: 'plate_rule',
            targetId: rule.city,
            details: { date: input.date, mode, digits, reason: input.reason },
          },
          trx,
        );
      });
      return toPlateOverride((await repo.findOverride(db, rule.city, input.date))!);
    },

    /** deletePlateOverride (admins): removes the one-off arrangement of a date. */
    async deletePlateOverride(actor: Actor, city: string, date: string): Promise<void> {
      requireCap(actor, 'calendar.manage');
      const rule = await ruleOrThrow(city);
      await db.transaction().execute(async (trx) => {
        const prev = await repo.findOverride(trx, rule.city, date);
        if (!prev || (await repo.deleteOverride(trx, rule.city, date)) !== 1)
          throw CalendarErrors.make('PLATE_OVERRIDE_NOT_FOUND', { city: rule.name, date });
        await deps.audit.record(
          {
            actor,
            action: 'plate_override.delete',
            targetType: 'plate_rule',
            targetId: rule.city,
            details: { date, mode: prev.mode, reason: prev.reason },
          },
          trx,
        );
      });
    },
  };
}
