import type { Generated } from 'kysely';
import type { Json, Ts } from '../../db/schema.js';

/** A staff member's weekly duty pattern in an estate (值班表), replaced as a whole under `version`. */
export interface DutyPatternsTable {
  estate_id: string;
  account_id: string;
  /** `[{ weekday: 1–7, start: minute, end: minute }]`, local time; end ≤ start = overnight. */
  shifts: Json;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  created_by: string | null;
  updated_by: string | null;
}

/** Leave (whole day when the minutes are null, or a time range) or an extra shift on a local date. */
export interface DutyExceptionsTable {
  estate_id: string;
  id: string;
  account_id: string;
  /** Local date YYYY-MM-DD in the estate's time zone. */
  day: string;
  /** leave | extra */
  kind: string;
  start_minute: number | null;
  end_minute: number | null;
  note: string | null;
  created_at: Ts;
  created_by: string | null;
}

declare module '../../db/schema.js' {
  interface DB {
    duty_patterns: DutyPatternsTable;
    duty_exceptions: DutyExceptionsTable;
  }
}
