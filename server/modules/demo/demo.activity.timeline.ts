import type { Container } from '../../container.js';
import type { Actor } from '../auth/index.js';
import type { DemoActivitySummary } from './demo.activity.js';
import { mulberry32 } from './demo.random.js';

// The shared frame of the demo activity: its PRNG, time units, calendar helpers and the context
// each activity plans its steps with (who does what, where, and when).

/** The demo estate the activity is seeded in. */
export const ESTATE_CODE = 'lvyuan';
export const WEEKS = 8;
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export interface StaffRow {
  id: string;
  role: string;
  display_name: string;
  username: string | null;
  team: string | null;
}

export interface HouseholdRow {
  id: string;
  building_id: string;
  room_code: string;
  primary_name: string | null;
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function weekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** What every activity plans with: the estate, its staff and households, the calendar and the timeline. */
export interface ActivityContext {
  container: Container;
  db: Container['db'];
  estateId: string;
  rng: Rng;
  /** The seed of the options (the revisit round draws from its own PRNG). */
  seed: number | undefined;
  nowMs: number;
  today: string;
  firstMonday: string;
  /** The instant of a local time on a calendar date. */
  at: (date: string, hour: number, minute?: number) => number;
  /** Runs `run` at `t` (with the clock set to it); steps after now are dropped. */
  schedule: (t: number, run: () => Promise<void>) => void;
  summary: DemoActivitySummary;
  households: HouseholdRow[];
  butlerBuildings: { account_id: string; building_id: string }[];
  catalog: Map<string, string>;
  staffById: Map<string, StaffRow>;
  actorOf: (s: StaffRow) => Actor;
  manager: Actor;
  supervisor: Actor;
  guard: Actor;
  tech: Actor;
  cleaner: Actor;
  butler: Actor;
  squadLeaders: Actor[];
  technicians: Actor[];
  butlers: Actor[];
  guards: Actor[];
}
