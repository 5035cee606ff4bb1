import type { Insertable } from 'kysely';
import type { CONTACT_CHANNELS } from '../../../contract/households.js';
import type { DB } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { plateTailDigit, roomSortKey } from '../households/index.js';
import type { FamilySpec } from './demo.family.js';
import type { Generation, Weighted } from './demo.names.js';
import { DAY_MS, isoDate, mobile, plate, type Rng } from './demo.random.js';
import {
  CAT_NAMES,
  CAT_NOTES,
  DOG_NAMES,
  DOG_NOTES,
  HOBBIES,
  HOUSEHOLD_NOTES,
  OTHER_PETS,
  PREFERRED_HOURS,
  SKILLS,
  TAGS,
} from './demo.vocabulary.js';

// Demo households: a generated family (demo.family.ts) becomes a household row with its member and
// tag rows; lived-in homes also get pets and vehicles.

type Channel = (typeof CONTACT_CHANNELS)[number];

const CHANNELS: Record<Generation, Weighted<Channel>> = {
  elder: [
    ['phone', 50],
    ['visit', 25],
    ['wechat', 15],
    ['sms', 10],
  ],
  middle: [
    ['wechat', 50],
    ['phone', 30],
    ['sms', 10],
    ['portal', 7],
    ['email', 3],
  ],
  young: [
    ['wechat', 60],
    ['portal', 20],
    ['phone', 10],
    ['sms', 5],
    ['email', 5],
  ],
};

const OWNER_ONLY_TAGS = new Set(['老业主', '业委会委员', '楼门长', '忠诚客户']);
const RENTER_TAGS = TAGS.filter(([t]) => !OWNER_ONLY_TAGS.has(t));

export interface HouseholdContext {
  estateId: string;
  roomId: string;
  buildingId: string;
  roomCode: string;
  now: Date;
  nowIso: string;
  builtYear: number;
  phones: Set<string>;
}

/** A household row and its member rows, from a generated family. */
export function householdRows(
  rng: Rng,
  fam: FamilySpec,
  ctx: HouseholdContext,
): {
  household: Insertable<DB['households']>;
  members: Insertable<DB['members']>[];
  tags: Insertable<DB['household_tags']>[];
} {
  const id = newId();
  const { occupancy } = fam;
  const lives = occupancy === 'owner_occupied' || occupancy === 'rented';

  let moveIn: string | null = null;
  if (occupancy === 'owner_occupied') {
    const from = Date.UTC(ctx.builtYear + 1, 0, 1);
    moveIn = isoDate(new Date(from + rng.float() * Math.max(0, ctx.now.getTime() - 60 * DAY_MS - from)));
  } else if (occupancy === 'rented') {
    moveIn = isoDate(new Date(ctx.now.getTime() - rng.int(14, 4 * 365) * DAY_MS));
  }

  const hobbies = lives
    ? rng.sample(
        HOBBIES[fam.primaryGeneration],
        rng.weighted([
          [0, 25],
          [1, 35],
          [2, 28],
          [3, 12],
        ]),
      )
    : [];
  const skills = lives
    ? rng.weightedSample(
        SKILLS,
        rng.weighted([
          [0, 72],
          [1, 23],
          [2, 5],
        ]),
      )
    : [];
  const tags: string[] = [];
  if (occupancy === 'rented') tags.push('租户');
  if (occupancy === 'vacant') tags.push('空置');
  if (occupancy === 'renovating') tags.push('装修中');
  if (lives) {
    const n = rng.weighted([
      [0, 55],
      [1, 32],
      [2, 13],
    ]);
    tags.push(...rng.weightedSample(occupancy === 'rented' ? RENTER_TAGS : TAGS, n));
  }

  const members: Insertable<DB['members']>[] = fam.members.map((m, i) => {
    const phone = m.hasPhone ? mobile(rng, ctx.phones) : null;
    return {
      estate_id: ctx.estateId,
      id: newId(),
      household_id: id,
      name: m.name,
      relation: m.relation,
      role: m.role,
      phone,
      phone_suffix: phone ? phone.slice(-4) : null,
      email: demoEmail(phone, m.ageBand),
      age_band: m.ageBand,
      is_primary: i === 0 ? 1 : 0,
      sort: i,
    };
  });

  const household: Insertable<DB['households']> = {
    estate_id: ctx.estateId,
    id,
    room_id: ctx.roomId,
    building_id: ctx.buildingId,
    room_code: ctx.roomCode,
    room_sort: roomSortKey(ctx.roomCode),
    occupancy,
    move_in_date: moveIn,
    family_structure: fam.structure,
    care_flags: JSON.stringify([...fam.careFlags]),
    hobbies: JSON.stringify(hobbies),
    skills: JSON.stringify(skills),
    tags: JSON.stringify(tags),
    preferred_channel: rng.chance(0.9) ? rng.weighted(CHANNELS[fam.primaryGeneration]) : null,
    preferred_hours: rng.chance(0.65) ? rng.weighted(PREFERRED_HOURS) : null,
    notes: lives && rng.chance(0.06) ? rng.pick(HOUSEHOLD_NOTES) : null,
    custom_fields: '{}',
    primary_name: fam.members[0].name,
    member_count: members.length,
    version: 1,
    created_at: ctx.nowIso,
    updated_at: ctx.nowIso,
    created_by: null,
    updated_by: null,
  };
  const tagRows = tags.map((tag) => ({ estate_id: ctx.estateId, household_id: id, tag }));
  return { household, members, tags: tagRows };
}

export function addPetsAndVehicles(
  rng: Rng,
  now: Date,
  estateId: string,
  householdId: string,
  plates: Set<string>,
  rows: { pets: Insertable<DB['pets']>[]; vehicles: Insertable<DB['vehicles']>[] },
): void {
  const vaccinatedUntil = () => isoDate(new Date(now.getTime() + rng.int(-90, 330) * DAY_MS));
  const pet = (kind: string, name: string, size: string | null, until: string | null, notes: string | null) =>
    rows.pets.push({
      estate_id: estateId,
      id: newId(),
      household_id: householdId,
      kind,
      name,
      size,
      vaccinated_until: until,
      notes,
    });

  if (rng.chance(0.16)) {
    const dogs = rng.chance(0.1) ? 2 : 1;
    for (const name of rng.sample(DOG_NAMES, dogs)) {
      const size = rng.weighted([
        ['small', 55],
        ['medium', 30],
        ['large', 15],
      ]);
      pet(
        'dog',
        name,
        size,
        rng.chance(0.9) ? vaccinatedUntil() : null,
        rng.chance(0.3) ? rng.pick(DOG_NOTES) : null,
      );
    }
  }
  if (rng.chance(0.1)) {
    pet(
      'cat',
      rng.pick(CAT_NAMES),
      null,
      rng.chance(0.5) ? vaccinatedUntil() : null,
      rng.chance(0.25) ? rng.pick(CAT_NOTES) : null,
    );
  }
  if (rng.chance(0.02)) {
    const [name, note] = rng.pick(OTHER_PETS);
    pet('other', name, null, null, note);
  }

  const cars = rng.weighted([
    [0, 50],
    [1, 42],
    [2, 8],
  ]);
  for (let i = 0; i < cars; i++) {
    const p = plate(rng, plates);
    rows.vehicles.push({
      estate_id: estateId,
      id: newId(),
      household_id: householdId,
      plate: p,
      tail_digit: plateTailDigit(p),
      restriction_reminder: rng.chance(0.55) ? 1 : 0,
    });
  }
}

const EMAIL_DOMAINS = ['163.com', '126.com', '139.com'];

/**
 * About four in ten working-age adults with a mobile have a phone-number mailbox (13812345678@163.com,
 * common in China). Derived from the number, not drawn from the generator, so the rest of the
 * demo stays the same for a seed.
 */
function demoEmail(phone: string | null, ageBand: string | null): string | null {
  if (!phone || (ageBand !== '18to39' && ageBand !== '40to59')) return null;
  const d = Number(phone.slice(-1));
  return d % 3 === 0 ? `${phone}@${EMAIL_DOMAINS[Number(phone.slice(-2, -1)) % EMAIL_DOMAINS.length]}` : null;
}
