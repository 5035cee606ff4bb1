import { createRequire } from 'node:module';
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { fromJson, toJson } from '../../lib/dates.js';
import { ruleJson } from './calendar.mapper.js';
import * as repo from './calendar.repository.js';
import type { CalendarDaysTable } from './calendar.table.js';
import { DEFAULT_PLATE_RULES } from './plate-rules.js';

// Seeds our holiday table from chinese-days' data (every year it has: 2004 through 2026 in
// 1.5.7) and the default plate rules. Idempotent and safe to run in several processes at once:
// missing rows are inserted with ON CONFLICT DO NOTHING; rows still as the library/defaults
// left them follow a newer library; rows an admin changed are never overwritten.

/** One official entry from the library. */
export interface LibraryDay {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  nameEn: string;
}

interface ChineseDaysData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

// The State Council notices name these festivals with 节; chinese-days shortens them.
const NOTICE_NAMES: Record<string, string> = { 清明: '清明节', 端午: '端午节', 中秋: '中秋节' };

let cached: LibraryDay[] | undefined;

/** The official holidays and make-up workdays chinese-days knows ("Spring Festival,春节,4" values). */
export function libraryDays(): LibraryDay[] {
  if (cached) return cached;
  // The raw data file of the package: its ESM build cannot be imported by Node, and the data
  // is all we need from it.
  const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as ChineseDaysData;
  const parse = (date: string, v: string, kind: LibraryDay['kind']): LibraryDay => {
    const [en = '', zh = ''] = v.split(',');
    const name = zh.trim() || en.trim();
    return { date, kind, name: NOTICE_NAMES[name] ?? name, nameEn: en.trim() || name };
  };
  cached = [
    ...Object.entries(data.holidays).map(([d, v]) => parse(d, v, 'holiday')),
    ...Object.entries(data.workdays).map(([d, v]) => parse(d, v, 'workday')),
  ].sort((a, b) => a.date.localeCompare(b.date));
  return cached;
}

/** Years the library has official data for. */
export function libraryYears(): number[] {
  return [...new Set(libraryDays().map((d) => Number(d.date.slice(0, 4))))];
}

/** JSON with sorted keys: jsonb reorders keys, so compare values this way. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** What a seed run did. */
export interface SeedReport {
  days: { inserted: number; updated: number };
  rules: { inserted: number; updated: number };
}

/**
 * Seeds the holiday table and the default plate rules (idempotent). Call it at start; the
 * calendar service also runs it once on first use.
 */
export async function seedCalendar(db: Kysely<DB>, now: Date): Promise<SeedReport> {
  const at = now.toISOString();
  const report: SeedReport = { days: { inserted: 0, updated: 0 }, rules: { inserted: 0, updated: 0 } };

  const existing = new Map((await repo.allDays(db)).map((r) => [r.date, r]));
  const missing: Insertable<CalendarDaysTable>[] = [];
  for (const d of libraryDays()) {
    const row = existing.get(d.date);
    if (!row) {
      missing.push({
        date: d.date,
        kind: d.kind,
        name: d.name,
        name_en: d.nameEn,
        source: 'library',
        library_kind: null,
        library_name: null,
        library_name_en: null,
        created_at: at,
        updated_at: at,
        updated_by: null,
      });
      continue;
    }
    const version = Number(row.version);
    if (row.source === 'library') {
      if (row.kind === d.kind && row.name === d.name && row.name_en === d.nameEn) continue;
      report.days.updated += await repo.updateDay(
        db,
        d.date,
        { kind: d.kind, name: d.name, name_en: d.nameEn, version: version + 1, updated_at: at },
        version,
      );
    } else if (
      row.library_kind !== d.kind ||
      row.library_name !== d.name ||
      row.library_name_en !== d.nameEn
    ) {
      // An admin's entry stays; remember what the library says so that deleting it reverts.
      report.days.updated += await repo.updateDay(
        db,
        d.date,
        {
          library_kind: d.kind,
          library_name: d.name,
          library_name_en: d.nameEn,
          version: version + 1,
          updated_at: at,
        },
        version,
      );
    }
  }
  if (missing.length) report.days.inserted = await repo.insertDaysIfMissing(db, missing);

  for (const rule of DEFAULT_PLATE_RULES) {
    const row = await repo.findRule(db, rule.city);
    const json = ruleJson(rule);
    if (!row) {
      const inserted = await repo.insertRuleIfMissing(db, {
        city: rule.city,
        name: rule.name,
        name_en: rule.nameEn,
        rule: toJson(json),
        valid_from: rule.validFrom,
        valid_to: rule.validTo,
        source: 'default',
        created_at: at,
        updated_at: at,
        updated_by: null,
      });
      if (inserted) report.rules.inserted++;
      continue;
    }
    if (row.source !== 'default') continue;
    const same =
      canonical(fromJson(row.rule, {})) === canonical(json) &&
      row.name === rule.name &&
      row.name_en === rule.nameEn &&
      row.valid_from === rule.validFrom &&
      (row.valid_to ?? null) === rule.validTo;
    if (same) continue;
    report.rules.updated += await repo.updateRule(db, rule.city, Number(row.version), {
      name: rule.name,
      name_en: rule.nameEn,
      rule: toJson(json),
      valid_from: rule.validFrom,
      valid_to: rule.validTo,
      updated_at: at,
    });
  }
  return report;
}
