import type { Generated } from 'kysely';
import type { Json, Ts } from '../../db/schema.js';

/** An official holiday or make-up workday (national; one row per date). */
export interface CalendarDaysTable {
  /** YYYY-MM-DD */
  date: string;
  /** 'holiday' | 'workday' (调休上班) */
  kind: string;
  name: string;
  name_en: string | null;
  /** 'library' (seeded from chinese-days) | 'admin' */
  source: string;
  /** The library's values when an admin changed a library row (null otherwise). */
  library_kind: string | null;
  library_name: string | null;
  library_name_en: string | null;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  updated_by: string | null;
}

/** A city's plate-restriction rule; `rule` holds the model (PlateRuleModel) as JSON. */
export interface PlateRulesTable {
  city: string;
  name: string;
  name_en: string | null;
  rule: Json;
  valid_from: string;
  valid_to: string | null;
  /** 'default' (shipped with the product) | 'admin' */
  source: string;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  updated_by: string | null;
}

/** A one-off change of a city's restriction on one date. */
export interface PlateOverridesTable {
  city: string;
  date: string;
  /** 'digits' | 'none' | 'odd_even' */
  mode: string;
  /** JSON array of digits (empty unless mode is 'digits'). */
  digits: Json;
  reason: string;
  reason_en: string | null;
  created_at: Ts;
  created_by: string | null;
}

declare module '../../db/schema.js' {
  interface DB {
    calendar_days: CalendarDaysTable;
    plate_rules: PlateRulesTable;
    plate_overrides: PlateOverridesTable;
  }
}
