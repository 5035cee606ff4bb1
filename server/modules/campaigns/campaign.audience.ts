import type { Kysely } from 'kysely';
import type { CampaignAudience, CreateCampaignBody } from '../../../contract/campaigns.js';
import type { DB } from '../../db/schema.js';
import { PHONE_CHANNELS } from '../messaging/index.js';
import * as repo from './campaign.repository.js';

// A campaign's audience: the households its filters select, and in them the members a message
// would reach — gated by consent and opt-outs exactly as the outbox worker gates at send time (the
// latest word of the resident decides) and by an address for the channel.

/** Purposes that need a recorded consent or opt-in (as the outbox worker checks at send time). */
const CONSENT_PURPOSES = new Set(['greetings', 'tips', 'health_tips']);

export type AudienceSpec = Pick<CreateCampaignBody, 'purpose' | 'channel' | 'audience'>;

export interface Recipient {
  householdId: string;
  memberId: string;
  name: string;
}

/** Households of the audience (buildings, tags, care flags, occupancy: each filter narrows). */
async function audienceHouseholds(db: Kysely<DB>, estateId: string, audience: CampaignAudience) {
  let hs = await repo.households(db, estateId, audience.buildingIds);
  if (audience.tags?.length) {
    const tagged = await repo.taggedHouseholds(db, estateId, audience.tags);
    hs = hs.filter((h) => tagged.has(h.id));
  }
  if (audience.careFlags?.length) {
    const flags = new Set<string>(audience.careFlags);
    hs = hs.filter((h) => h.careFlags.some((f) => flags.has(f)));
  }
  if (audience.occupancy?.length) {
    const occ = new Set<string>(audience.occupancy);
    hs = hs.filter((h) => occ.has(h.occupancy));
  }
  return hs;
}

/**
 * Recipients and exclusions of an audience for a purpose and channel; `only` narrows the
 * audience to these members (a birthday audience does so with the members born that day).
 */
export async function resolveAudience(
  db: Kysely<DB>,
  estateId: string,
  spec: AudienceSpec,
  only?: Set<string>,
) {
  const hs = await audienceHouseholds(db, estateId, spec.audience);
  const inAudience = new Set(hs.map((h) => h.id));
  let members = (await repo.members(db, estateId)).filter((m) => inAudience.has(m.household_id));
  if (spec.audience.birthday)
    only = new Set(
      (await repo.birthdayMembers(db, estateId, [spec.audience.birthday])).map((b) => b.memberId),
    );
  if (only) members = members.filter((m) => only.has(m.id));
  const [consents, opts] = await Promise.all([
    repo.activeConsents(db, estateId, spec.purpose),
    repo.optEvents(db, estateId, spec.purpose),
  ]);
  const byHousehold = (rows: repo.WordRow[]) => {
    const m = new Map<string, repo.WordRow[]>();
    for (const r of rows)
      if (inAudience.has(r.householdId)) m.set(r.householdId, [...(m.get(r.householdId) ?? []), r]);
    return m;
  };
  const consentMap = byHousehold(consents);
  const optMap = byHousehold(opts);
  const latest = (rows: repo.WordRow[] | undefined, memberId: string) => {
    let best: repo.WordRow | undefined;
    for (const r of rows ?? [])
      if ((r.memberId === null || r.memberId === memberId) && (!best || r.at >= best.at)) best = r;
    return best;
  };
  const needsConsent = CONSENT_PURPOSES.has(spec.purpose);
  // Phone channels address a member by phone, e-mail by address; the portal addresses the household.
  const needsPhone = PHONE_CHANNELS.has(spec.channel);
  const needsEmail = spec.channel === 'email';
  const recipients: Recipient[] = [];
  const excluded = { noConsent: 0, optedOut: 0, noPhone: 0, noEmail: 0 };
  for (const m of members) {
    const opt = latest(optMap.get(m.household_id), m.id);
    const consent = latest(consentMap.get(m.household_id), m.id);
    let block: 'noConsent' | 'optedOut' | undefined;
    // Same rule as the worker: the latest word decides between an opt event and a consent.
    if (opt && (!consent || opt.at >= consent.at)) block = opt.granted ? undefined : 'optedOut';
    else if (!consent && needsConsent) block = 'noConsent';
    if (block) excluded[block]++;
    else if (needsPhone && !m.phone) excluded.noPhone++;
    else if (needsEmail && !m.email) excluded.noEmail++;
    else recipients.push({ householdId: m.household_id, memberId: m.id, name: m.name });
  }
  return { households: hs, members: members.length, recipients, excluded };
}
