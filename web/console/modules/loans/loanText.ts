/** Plain helpers of the lending page: due-time presets, masked names, stock grouped by location. */
import type { Loan, LoanItem } from '../../../api/followup';

const HOUR = 3_600_000;

/** Due-time choices when lending; `default` leaves it to the server (trolley 2 h, others 3 days). */
export const DUE_PRESETS = ['default', 'h1', 'h2', 'h4', 'd1', 'd3', 'd7'] as const;
export type DuePreset = (typeof DUE_PRESETS)[number];

const PRESET_MS: Record<Exclude<DuePreset, 'default'>, number> = {
  h1: HOUR,
  h2: 2 * HOUR,
  h4: 4 * HOUR,
  d1: 24 * HOUR,
  d3: 3 * 24 * HOUR,
  d7: 7 * 24 * HOUR,
};

/** The due time to send for a preset (ISO), or undefined for the server's default. */
export function dueAtOf(preset: DuePreset, now = Date.now()): string | undefined {
  if (preset === 'default') return undefined;
  return new Date(now + PRESET_MS[preset]).toISOString();
}

/** Whether a name or phone is shown masked (张*丰, 138****5678). */
export function isMasked(text: string): boolean {
  return text.includes('*');
}

/** Items grouped by where they are kept, entrances first (in their order), the technical room last. */
export function byLocation(items: LoanItem[]): { location: string; entrance: boolean; items: LoanItem[] }[] {
  const groups = new Map<string, { location: string; entrance: boolean; items: LoanItem[] }>();
  for (const i of items) {
    if (!i.active) continue;
    const g = groups.get(i.location) ?? { location: i.location, entrance: !!i.entranceId, items: [] };
    g.items.push(i);
    groups.set(i.location, g);
  }
  return [...groups.values()].sort(
    (a, b) => Number(b.entrance) - Number(a.entrance) || a.location.localeCompare(b.location, 'zh-CN'),
  );
}

/** The state a loan shows: returned (with its condition), overdue, or open. */
export function loanState(
  l: Pick<Loan, 'status' | 'overdue' | 'condition'>,
): 'open' | 'overdue' | 'ok' | 'damaged' | 'lost' {
  if (l.status === 'returned') return l.condition ?? 'ok';
  return l.overdue || l.status === 'overdue' ? 'overdue' : 'open';
}
