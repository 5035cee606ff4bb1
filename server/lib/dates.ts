/** Date helpers: timestamps are UTC ISO strings in the database; business dates in the estate's zone. */

/** Normalizes what a driver returns for a timestamp (Date from pg, string from SQLite) to ISO. */
export function toIso(v: Date | string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  return (v instanceof Date ? v : new Date(v)).toISOString();
}

/** One formatter per time zone: making an Intl.DateTimeFormat costs far more than using one. */
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

export interface ZonedParts {
  /** YYYY-MM-DD */
  date: string;
  hour: number;
  minute: number;
}

/** The wall-clock date, hour and minute of an instant in a time zone (RangeError for a bad zone). */
export function zonedParts(at: Date, timeZone: string): ZonedParts {
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    zoneFormatters.set(timeZone, f);
  }
  let y = '';
  let mo = '';
  let d = '';
  let h = '0';
  let mi = '0';
  for (const p of f.formatToParts(at)) {
    if (p.type === 'year') y = p.value;
    else if (p.type === 'month') mo = p.value;
    else if (p.type === 'day') d = p.value;
    else if (p.type === 'hour') h = p.value;
    else if (p.type === 'minute') mi = p.value;
  }
  return { date: `${y}-${mo}-${d}`, hour: Number(h) % 24, minute: Number(mi) };
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone = 'Asia/Shanghai'): string {
  return zonedParts(at, timeZone).date;
}

/** The hour (0–23) of an instant in a time zone. */
export function localHour(at: Date, timeZone: string): number {
  return zonedParts(at, timeZone).hour;
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
