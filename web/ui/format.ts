/** Display formatting shared by the web apps. */
import dayjs, { type Dayjs } from 'dayjs';

/**
 * The time zone instants are shown in: the working estate's (set by the console shell), so a
 * due time of 23:59 in Beijing reads 23:59 on every staff member's screen, whatever the zone of
 * the browser. Undefined: the browser's own zone.
 */
let displayTimeZone: string | undefined;

/** Sets the zone used by formatDateTime / formatDate for instants (the console's estate). */
export function setDisplayTimeZone(timeZone: string | undefined): void {
  displayTimeZone = timeZone;
}

export function getDisplayTimeZone(): string | undefined {
  return displayTimeZone;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `YYYY-MM-DD` and `HH:mm` of an instant in a time zone. */
export function partsInZone(at: Date, timeZone: string): { date: string; time: string } {
  let f = formatters.get(timeZone);
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
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return { date: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** The date (YYYY-MM-DD) of an instant, by default now, in a time zone (the estate's when not given). */
export function todayIn(timeZone = displayTimeZone, at: Date = new Date()): string {
  try {
    if (timeZone) return partsInZone(at, timeZone).date;
  } catch {
    // an unknown zone name: fall back to the browser's
  }
  return dayjs(at).format('YYYY-MM-DD');
}

/** Adds days to a YYYY-MM-DD date. */
export function addDays(date: string, days: number): string {
  if (!date) return '';
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * The instant (ISO) of a wall-clock time `HH:mm` on a date in a zone: a campaign scheduled for
 * 09:00 estate time on a festival day is 01:00Z in Shanghai whatever the browser's zone.
 */
export function zonedIso(date: string, time: string, timeZone = displayTimeZone ?? 'Asia/Shanghai'): string {
  const guess = new Date(`${date}T${time}:00Z`);
  const local = partsInZone(guess, timeZone); // what the zone shows at that UTC instant
  const shown = Date.parse(`${local.date}T${local.time}:00Z`);
  return new Date(guess.getTime() - (shown - guess.getTime())).toISOString();
}

/**
 * Date-time pickers work in the browser's zone; these two make them show and mean the estate's
 * wall clock. `nowInZone()` is "now" as the estate's clock reads it, for a picker's initial value;
 * `pickedInstant(d)` is the instant a picked wall-clock value means in the estate.
 */
export function nowInZone(timeZone = displayTimeZone): Dayjs {
  if (!timeZone) return dayjs();
  const p = partsInZone(new Date(), timeZone);
  return dayjs(`${p.date}T${p.time}`);
}

export function pickedInstant(d: Dayjs, timeZone = displayTimeZone): string {
  return timeZone ? zonedIso(d.format('YYYY-MM-DD'), d.format('HH:mm'), timeZone) : d.toISOString();
}

/** True for a full instant (`2026-03-05T06:30:00.000Z`), false for a calendar date (`2026-03-05`). */
function isInstant(iso: string): boolean {
  return iso.includes('T');
}

/** 2026-03-05 14:30 in the estate's time zone (see setDisplayTimeZone), or '—' when empty. */
export function formatDateTime(iso: string | null | undefined, timeZone = displayTimeZone): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  if (!d.isValid()) return iso;
  if (timeZone && isInstant(iso)) {
    try {
      const p = partsInZone(d.toDate(), timeZone);
      return `${p.date} ${p.time}`;
    } catch {
      // an unknown zone name: fall back to the browser's
    }
  }
  return d.format('YYYY-MM-DD HH:mm');
}

/** 2026-03-05 (an instant's day in the estate's time zone), or '—' when empty. */
export function formatDate(iso: string | null | undefined, timeZone = displayTimeZone): string {
  if (!iso) return '—';
  const d = dayjs(iso);
  if (!d.isValid()) return iso;
  if (timeZone && isInstant(iso)) {
    try {
      return partsInZone(d.toDate(), timeZone).date;
    } catch {
      // an unknown zone name: fall back to the browser's
    }
  }
  return d.format('YYYY-MM-DD');
}

/** The estate's name in the UI language (English name when there is one). */
export function estateName(e: { name: string; nameEn?: string | null } | undefined, lang: string): string {
  if (!e) return '';
  return lang === 'en' && e.nameEn ? e.nameEn : e.name;
}
