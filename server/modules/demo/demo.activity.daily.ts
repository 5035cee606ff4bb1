import { addDays } from '../../lib/dates.js';
import type { Actor } from '../auth/index.js';
import { type ActivityContext, DAY, type HouseholdRow, MIN, WEEKS } from './demo.activity.timeline.js';

// The demo's desk routines: loans of the trolley and bulbs, the agenda tick each Monday, and
// today's entrance board (weather, a notice and a greeting line).

/** Weather by month in Beijing (min, max, condition). */
const WEATHER: [number, number][] = [
  [-9, 2],
  [-6, 6],
  [0, 13],
  [7, 21],
  [13, 27],
  [18, 31],
  [22, 31],
  [21, 30],
  [15, 26],
  [8, 19],
  [0, 10],
  [-6, 3],
];
const CONDITIONS: [string, string][] = [
  ['晴', 'Sunny'],
  ['多云', 'Cloudy'],
  ['晴转多云', 'Sunny, then cloudy'],
  ['阴', 'Overcast'],
];

/** Plans three loans: a returned trolley, a returned bulb, an overdue trolley. */
export function planLoans(ctx: ActivityContext): void {
  const { container, estateId, rng, today, firstMonday, at, schedule, summary, households, guard, tech } =
    ctx;
  // --- Loans (S9, T9): a returned trolley, a returned bulb, an overdue trolley.
  const items = { trolley: '', bulb: '' };
  const loanHouseholds = [rng.pick(households), rng.pick(households), rng.pick(households)];
  const borrower = (h: HouseholdRow) => h.primary_name ?? `${h.room_code}住户`;
  schedule(at(firstMonday, 0, 1), async () => {
    const list = await container.loans.listItems(guard, estateId);
    items.trolley = list.find((i) => i.kind === 'trolley')?.id ?? '';
    items.bulb = list.find((i) => i.kind === 'bulb')?.id ?? '';
  });
  const loan = (
    lentAt: number,
    actor: Actor,
    kind: 'trolley' | 'bulb',
    h: HouseholdRow,
    backAfter?: number,
  ) => {
    const state = { id: '' };
    schedule(lentAt, async () => {
      const l = await container.loans.create(actor, {
        itemId: items[kind],
        householdId: h.id,
        borrowerName: borrower(h),
        note: kind === 'trolley' ? '搬运快递' : '应急借用',
      });
      state.id = l.id;
      summary.loans++;
    });
    if (backAfter !== undefined)
      schedule(lentAt + backAfter, async () => {
        await container.loans.return(actor, state.id, { condition: 'ok' });
      });
  };
  loan(at(addDays(today, -10), 10, 20), guard, 'trolley', loanHouseholds[0]!, 50 * MIN);
  loan(at(addDays(today, -12), 19, 5), tech, 'bulb', loanHouseholds[1]!, 2 * DAY);
  loan(at(addDays(today, -3), 15, 10), guard, 'trolley', loanHouseholds[2]!);
}

/** Plans the agenda tick each Monday morning (closing last week, opening this one). */
export function planAgendaTicks(ctx: ActivityContext): void {
  const { container, estateId, firstMonday, at, schedule, summary } = ctx;
  // --- Agenda: the tick each Monday morning (closing last week, opening this one), then today.
  for (let w = 0; w < WEEKS; w++) {
    const monday = addDays(firstMonday, 7 * w);
    schedule(at(monday, 0, 5), async () => {
      await container.agenda.tick(estateId, monday);
      summary.ticks++;
    });
  }
}

/** Today's board: weather by the guard at the gate, a notice and a greeting line; then today's tick. */
export async function enterTodaysBoard(ctx: ActivityContext): Promise<void> {
  const { container, estateId, rng, today, summary, guard, manager } = ctx;
  const [tMin, tMax] = WEATHER[Number(today.slice(5, 7)) - 1]!;
  for (const [i, date] of [today, addDays(today, 1)].entries()) {
    const [zh, en] = rng.pick(CONDITIONS);
    const min = tMin + rng.int(-2, 2) + i;
    await container.board.enterWeather(guard, estateId, date, {
      conditionZh: zh,
      conditionEn: en,
      tempMin: min,
      tempMax: Math.max(min + 4, tMax + rng.int(-2, 2)),
      precipitationChance: rng.int(0, 20),
      windZh: rng.pick(['北风 2-3级', '西北风 3-4级', '南风 1-2级']),
      windEn: 'Light wind',
    });
  }
  await container.board.createNotice(manager, estateId, {
    kind: 'notice',
    textZh: '明日上午9:00–11:00 2栋停水检修，请提前储水',
    textEn: 'Tomorrow 9:00–11:00: water off in building 2 for maintenance; please store some water',
    fromDate: today,
    toDate: addDays(today, 1),
  });
  await container.board.upsertGreeting(manager, estateId, {
    textZh: '绿苑是我家，管家在身边',
    textEn: 'Lvyuan is home; your butler is close by',
    active: true,
  });
  await container.agenda.tick(estateId, today);
  summary.ticks++;
}
