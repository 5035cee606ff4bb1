/** Date helpers: timestamps are UTC ISO strings in the database; business dates in the estate's zone. */

/** Normalizes what a driver returns for a timestamp (Date from pg, string from SQLite) to ISO. */
export function toIso(v: Date | string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  return (v instanceof Date ? v : new Date(v)).toISOString();
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(at);
}

/** Parses a JSON column: pg returns objects for jsonb, SQLite returns text. */
export function fromJson<T>(v: unknown, fallback: T): T {
  if (v === null || v === undefined) return fallback;
  if (typeof v === 'string') {
    try {
      return JSON.parse(v) as T;
    } catch {
      return fallback;
    }
  }
  return v as T;
}

/** Serializes a value for a JSON column (text in SQLite, jsonb in pg: both accept a JSON string). */
export function toJson(v: unknown): string {
  return JSON.stringify(v ?? null);
}
