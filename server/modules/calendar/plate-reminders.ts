import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { addDays, localDate, localHour } from '../../lib/dates.js';
import * as repo from './calendar.repository.js';
import type { CalendarService } from './calendar.service.js';

/** Reminders go out the evening before, from this local hour until the quiet hours begin. */
export const REMINDER_FROM_HOUR = 18;
export const REMINDER_UNTIL_HOUR = 21;
export const PLATE_TEMPLATE = 'plate_restriction_reminder';

/** What the job needs of messaging (narrow, from the composition root). */
export interface ReminderOutbox {
  enqueue(
    items: {
      estateId: string;
      key: string;
      householdId: string;
      memberId: string;
      channel: 'sms_aliyun' | 'sms_tencent' | 'portal' | 'dev' | 'email';
      templateCode: string;
      params: Record<string, string>;
      purpose: 'service_notices';
      createdBy: string;
    }[],
  ): Promise<{ inserted: number }>;
  /** The channel reminders go out on in an estate: its SMS provider, else the portal inbox. */
  preferredChannel(estateId: string): Promise<'sms_aliyun' | 'sms_tencent' | 'portal'>;
}

export interface PlateReminderResult {
  estates: number;
  restrictedDates: string[];
  candidates: number;
  enqueued: number;
}

/**
 * The evening-before restriction reminder (S11): between 18:00 and 21:00 estate time, every
 * vehicle whose household opted in (the vehicle's reminder switch) and whose plate is restricted
 * tomorrow gets one message (service notice; an opt-out of service notices stops it). The key
 * `plate:<vehicle>:<date>` makes it once per vehicle and date, however often the job runs and in
 * how many processes. Outside the window nothing is enqueued, so nobody is woken at night.
 */
export function createPlateReminderJob(deps: {
  db: Kysely<DB>;
  clock: Clock;
  calendar: Pick<CalendarService, 'restrictionOn'>;
  messaging: ReminderOutbox;
}) {
  const { db, clock, calendar, messaging } = deps;
  return {
    async run(): Promise<PlateReminderResult> {
      const now = clock.now();
      const result: PlateReminderResult = { estates: 0, restrictedDates: [], candidates: 0, enqueued: 0 };
      for (const e of await repo.estatesForReminders(db)) {
        const hour = localHour(now, e.time_zone);
        if (hour < REMINDER_FROM_HOUR || hour >= REMINDER_UNTIL_HOUR) continue;
        result.estates++;
        const tomorrow = addDays(localDate(now, e.time_zone), 1);
        let day: Awaited<ReturnType<typeof calendar.restrictionOn>>;
        try {
          day = await calendar.restrictionOn(e.city, tomorrow);
        } catch {
          continue; // no rule for the estate's city: nothing to remind of
        }
        if (!day.restricted) continue;
        result.restrictedDates.push(tomorrow);
        const vehicles = await repo.reminderVehicles(db, e.id);
        const items = [];
        for (const v of vehicles) {
          if (!v.member) continue;
          const answer = await calendar.restrictionOn(e.city, tomorrow, v.plate);
          if (!answer.plate?.restricted) continue;
          result.candidates++;
          items.push({
            estateId: e.id,
            key: `plate:${v.id}:${tomorrow}`,
            householdId: v.household_id,
            memberId: v.member.id,
            channel: await messaging.preferredChannel(e.id),
            templateCode: PLATE_TEMPLATE,
            params: {
              name: v.member.name,
              date: tomorrow,
              city: day.cityName,
              cityEn: day.cityNameEn ?? day.cityName,
              digits: day.digits.join('和'),
              digitsEn: day.digits.join(' and '),
              hours: day.hoursText,
              plate: v.plate,
            },
            purpose: 'service_notices' as const,
            createdBy: 'system',
          });
        }
        if (items.length) result.enqueued += (await messaging.enqueue(items)).inserted;
      }
      return result;
    },
  };
}

/** Scheduled jobs of the calendar module. */
export function calendarJobs(job: { run(): Promise<unknown> }) {
  return [{ name: 'calendar.plate-reminders', everyMs: 15 * 60_000, run: () => job.run() }];
}
