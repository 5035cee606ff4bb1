/** Date helpers: timestamps are UTC ISO strings in the database; business dates in the estate's zone. */

/** Normalizes what a driver returns for a timestamp (Date from pg, string from SQLite) to ISO. */
export function toIso(v: Date | string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  return (v instanceof Date ? v : new Date(v)).toISOString();
}

/** One formatter per time zone: making an Intl.DateTimeFormat costs far more than using one. */
const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = zoneFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    zoneFormatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock of an instant in a time zone, as the formatter writes it. */
function wallClock(at: Date, timeZone: string) {
  const w = { year: '', month: '', day: '', hour: '0', minute: '0', second: '0' };
  for (const p of zoneFormatter(timeZone).formatToParts(at)) {
    if (p.type in w) w[p.type as keyof typeof w] = p.value;
  }
  return w;
}

export interface ZonedParts {
  /** YYYY-MM-DD */
  date: string;
  hour: number;
  minute: number;
}

/** The wall-clock date, hour and minute of an instant in a time zone (RangeError for a bad zone). */
export function zonedParts(at: Date, timeZone: string): ZonedParts {
  const w = wallClock(at, timeZone);
  return { date: `${w.year}-${w.month}-${w.day}`, hour: Number(w.hour) % 24, minute: Number(w.minute) };
}

/** The calendar date (YYYY-MM-DD) of an instant in a time zone. */
export function localDate(at: Date, timeZone = 'Asia/Shanghai'): string {
  return zonedParts(at, timeZone).date;
}

/** The hour (0–23) of an instant in a time zone. */
export function localHour(at: Date, timeZone: string): number {
  return zonedParts(at, timeZone).hour;
}

/** Offset of a time zone from UTC at an instant, in milliseconds (Asia/Shanghai: +8 h). */
function offsetMs(at: Date, timeZone: string): number {
  const w = wallClock(at, timeZone);
  const n = (k: keyof typeof w) => Number(w[k]);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return asUtc - Math.floor(at.getTime() / 1000) * 1000;
}

/**
 * The instant whose wall clock in `timeZone` reads `wall` (a UTC timestamp standing for a local
 * date and time). A second pass settles times whose offset differs from the guess's (DST changes).
 */
function fromWallClock(wall: number, timeZone: string): Date {
  const first = wall - offsetMs(new Date(wall), timeZone);
  return new Date(wall - offsetMs(new Date(first), timeZone));
}

/** The instant a business date (YYYY-MM-DD) begins in a time zone. */
export function startOfLocalDay(date: string, timeZone = 'Asia/Shanghai'): Date {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return fromWallClock(Date.UTC(y, m - 1, d), timeZone);
}

/** The instant of a local wall-clock time (date YYYY-MM-DD, whole hour) in a time zone. */
export function zonedInstant(date: string, hour: number, timeZone: string): Date {
  return fromWallClock(Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`), timeZone);
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date `n` days after `date` (YYYY-MM-DD; negative: before). Plain UTC arithmetic, no DST. */
export function addDays(date: string, n: number): string {
  const m = DATE.exec(date);
  if (!m) throw new Error(`not a date: ${date}`);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n)).toISOString().slice(0, 10);
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
