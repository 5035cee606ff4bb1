import type { Kysely } from 'kysely';
import type { CampaignAudience, CampaignProposal } from '../../../contract/campaigns.js';
import type { DB } from '../../db/schema.js';
import { addDays } from '../../lib/dates.js';
import type { CalendarService } from '../calendar/index.js';
import { GREETING_FESTIVALS } from '../calendar/index.js';
import { TEMPLATE_CODES } from '../messaging/index.js';
import * as repo from './campaign.repository.js';

/** The audience of a festival addressed to elderly residents (重阳). */
const ELDERLY_AUDIENCE: CampaignAudience = { careFlags: ['elderly', 'elderly_alone'] };

/**
 * Greetings the calendar proposes in a window (C9): each greeting festival with its audience and
 * send date, and each day on which members who agreed to birthday greetings have their birthday,
 * with how many of them a greeting would reach (`reachable`: those of the members the campaign's
 * own rule lets through — the household's consent to greetings and no later opt-out). A day where
 * nobody is reachable is not proposed.
 */
export async function proposeGreetings(
  deps: {
    db: Kysely<DB>;
    calendar: Pick<CalendarService, 'describeDay'>;
    reachable: (memberIds: string[]) => Promise<Set<string>>;
  },
  estateId: string,
  fromDate: string,
  days: number,
): Promise<CampaignProposal[]> {
  const { db, calendar } = deps;
  const out: CampaignProposal[] = [];
  const dates = Array.from({ length: days }, (_, i) => addDays(fromDate, i));
  const born = new Map<string, number>();
  const birthdays = await repo.birthdayMembers(db, estateId, [...new Set(dates.map((d) => d.slice(5)))]);
  const reached = birthdays.length ? await deps.reachable(birthdays.map((b) => b.memberId)) : new Set();
  for (const b of birthdays)
    if (reached.has(b.memberId)) born.set(b.monthDay, (born.get(b.monthDay) ?? 0) + 1);
  for (const date of dates) {
    const day = await calendar.describeDay(date);
    // The calendar's festival names are the one source of truth (GREETING_FESTIVALS).
    for (const f of day.festivals) {
      const p = GREETING_FESTIVALS[f.name];
      if (!p) continue;
      out.push({
        estateId,
        kind: 'festival',
        festival: f.name,
        festivalEn: f.nameEn,
        recipients: null,
        date,
        optional: !!p.optional,
        name: `${date.slice(0, 4)} ${f.name}问候`,
        purpose: 'greetings',
        templateCode: TEMPLATE_CODES.festival,
        audience: p.elderly ? ELDERLY_AUDIENCE : {},
        sendDate: date,
        personalGreetings: true,
      });
    }
    const n = born.get(date.slice(5));
    if (n)
      out.push({
        estateId,
        kind: 'birthday',
        festival: '生日',
        festivalEn: 'Birthday',
        recipients: n,
        date,
        optional: false,
        name: `${date} 生日祝福`,
        purpose: 'greetings',
        templateCode: TEMPLATE_CODES.birthday,
        audience: { birthday: date.slice(5) },
        sendDate: date,
        personalGreetings: false,
      });
  }
  return out;
}
