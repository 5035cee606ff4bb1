import type { CalendarEntry, PlateOverride, PlateRule } from '../../../contract/calendar.js';
import { fromJson, toIso } from '../../lib/dates.js';
import type { PlateOverrideModel, PlateRuleModel } from './plate-rules.js';

type Kind = CalendarEntry['kind'];

/** calendar_days row → API entry. */
export function toCalendarEntry(r: any): CalendarEntry {
  return {
    date: r.date,
    kind: r.kind as Kind,
    name: r.name,
    nameEn: r.name_en ?? null,
    source: r.source === 'admin' ? 'admin' : 'library',
    library: r.library_kind
      ? { kind: r.library_kind as Kind, name: r.library_name ?? '', nameEn: r.library_name_en ?? null }
      : null,
    version: Number(r.version),
    updatedAt: toIso(r.updated_at)!,
    updatedBy: r.updated_by ?? null,
  };
}

/** The JSON part of a rule: everything but the columns (city, names, validity). */
export type RuleJson = Omit<
  PlateRuleModel,
  'city' | 'name' | 'nameEn' | 'validFrom' | 'validTo' | 'overrides'
>;

/** Splits a model into the JSON column. */
export function ruleJson(m: Omit<PlateRuleModel, 'city' | 'overrides'> | RuleJson): RuleJson {
  return {
    plateScope: m.plateScope,
    localPrefix: m.localPrefix ?? null,
    windows: m.windows,
    area: m.area,
    areaEn: m.areaEn ?? null,
    mapping: m.mapping,
    letterPolicy: m.letterPolicy,
    skipWeekends: m.skipWeekends,
    skipHolidays: m.skipHolidays,
    makeupWorkday: m.makeupWorkday,
    exemptions: m.exemptions,
    notes: m.notes ?? null,
  };
}

/** plate_overrides row → the model's override. */
export function toOverrideModel(r: any): PlateOverrideModel {
  return {
    date: r.date,
    numbers: r.mode === 'digits' ? fromJson<number[]>(r.digits, []) : (r.mode as 'none' | 'odd_even'),
    reason: r.reason,
    reasonEn: r.reason_en ?? null,
  };
}

/** plate_rules row (+ its overrides) → the model restrictionFor() evaluates. */
export function toRuleModel(r: any, overrides: any[] = []): PlateRuleModel {
  const j = fromJson<RuleJson>(r.rule, {} as RuleJson);
  return {
    ...ruleJson(j),
    city: r.city,
    name: r.name,
    nameEn: r.name_en ?? null,
    validFrom: r.valid_from,
    validTo: r.valid_to ?? null,
    overrides: overrides.map(toOverrideModel),
  };
}

/** plate_overrides row → API shape. */
export function toPlateOverride(r: any): PlateOverride {
  const m = toOverrideModel(r);
  return {
    city: r.city,
    date: r.date,
    numbers: m.numbers,
    reason: r.reason,
    reasonEn: r.reason_en ?? null,
    createdAt: toIso(r.created_at)!,
    createdBy: r.created_by ?? null,
  };
}

/** plate_rules row (+ overrides rows) → API shape. */
export function toPlateRule(r: any, overrides: any[]): PlateRule {
  const m = toRuleModel(r);
  return {
    city: m.city,
    name: m.name,
    nameEn: m.nameEn,
    plateScope: m.plateScope,
    localPrefix: m.localPrefix,
    validFrom: m.validFrom,
    validTo: m.validTo,
    windows: m.windows,
    area: m.area,
    areaEn: m.areaEn,
    mapping: m.mapping,
    letterPolicy: m.letterPolicy,
    skipWeekends: m.skipWeekends,
    skipHolidays: m.skipHolidays,
    makeupWorkday: m.makeupWorkday,
    exemptions: m.exemptions,
    notes: m.notes,
    source: r.source === 'admin' ? 'admin' : 'default',
    version: Number(r.version),
    updatedAt: toIso(r.updated_at)!,
    updatedBy: r.updated_by ?? null,
    overrides: overrides.map(toPlateOverride),
  };
}
