/** Calendar quarters of the seasonal care plan (C7), as `YYYY-Qn` keys over local dates. */

/** The quarter of a local date: 2026-11-27 → 2026-Q4. */
export function quarterOf(date: string): string {
  const y = date.slice(0, 4);
  const m = Number(date.slice(5, 7));
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** First day and the first day after a quarter: 2026-Q4 → 2026-10-01, 2027-01-01. */
export function quarterSpan(quarter: string): { start: string; end: string } {
  const { year, q } = parse(quarter);
  const start = `${year}-${String((q - 1) * 3 + 1).padStart(2, '0')}-01`;
  const end = q === 4 ? `${year + 1}-01-01` : `${year}-${String(q * 3 + 1).padStart(2, '0')}-01`;
  return { start, end };
}

/** The quarter `n` quarters after (negative: before) the given one. */
export function shiftQuarter(quarter: string, n: number): string {
  const { year, q } = parse(quarter);
  const idx = year * 4 + (q - 1) + n;
  return `${Math.floor(idx / 4)}-Q${(idx % 4) + 1}`;
}

/**
 * The same place in another quarter: the same month of the quarter and the same day, clamped to
 * the month's last day (11-15 in Q4 → 02-15 in Q1; 12-31 → 03-31; 08-31 in Q3 → 11-30 in Q4).
 */
export function moveIntoQuarter(date: string, from: string, to: string): string {
  const monthInQuarter = Number(date.slice(5, 7)) - Number(quarterSpan(from).start.slice(5, 7));
  const target = quarterSpan(to).start;
  const year = Number(target.slice(0, 4));
  const month = Number(target.slice(5, 7)) + monthInQuarter;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), lastDay);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function parse(quarter: string) {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new Error(`Not a quarter: ${quarter}`);
  return { year: Number(m[1]), q: Number(m[2]) };
}
