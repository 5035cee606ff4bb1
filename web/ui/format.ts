/** Display formatting shared by the web apps. */
import dayjs from 'dayjs';

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
