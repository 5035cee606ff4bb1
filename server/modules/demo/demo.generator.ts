import type { Insertable, Kysely } from 'kysely';
import type { Role } from '../../../contract/auth.js';
import type { TeamCode } from '../../../contract/estates.js';
import type { AGE_BANDS, CARE_FLAGS, CONTACT_CHANNELS, OCCUPANCIES } from '../../../contract/households.js';
import type { DB } from '../../db/schema.js';
import { newId, newToken } from '../../lib/ids.js';
import { hashPassword } from '../auth/password.js';
import { plateTailDigit, roomSortKey } from '../households/index.js';
import { seedDefaultLoanItems } from '../loans/index.js';
import { seedDefaultPlan } from '../plan/index.js';
import { seedDefaultCatalog } from '../service-requests/index.js';
import {
  CAT_NAMES,
  CAT_NOTES,
  DEMO_ESTATES,
  DOG_NAMES,
  DOG_NOTES,
  type Gender,
  type Generation,
  GIVEN_NAMES,
  HOBBIES,
  HOUSEHOLD_NOTES,
  OTHER_PETS,
  PLATE_LETTERS,
  PLATE_PREFIXES,
  PREFERRED_HOURS,
  type Relation,
  SKILLS,
  SURNAMES,
  TAGS,
  type Weighted,
} from './demo.names.js';

// Builds realistic demo estates (and bulk data for benchmarks). Everything random comes from one
// seeded PRNG, so a seed always gives the same names, families and plates; only ids and entrance
// board tokens differ between runs (they must stay unguessable).

/** Age bands the generator writes: never `under14` (a minor's data needs recorded guardian consent). */
export type DemoAgeBand = Exclude<(typeof AGE_BANDS)[number], 'under14'>;
type CareFlag = (typeof CARE_FLAGS)[number];
type Channel = (typeof CONTACT_CHANNELS)[number];
type Occupancy = (typeof OCCUPANCIES)[number];
type MemberRole = 'owner' | 'tenant' | 'family';

/** Options of {@link seedDemo}. */
export interface SeedDemoOptions {
  /** Password of every demo account (hashed once with argon2id). */
  password: string;
  /** "Now" of the demo: timestamps, move-in dates and vaccination dates are relative to it. */
  now: Date;
  /** PRNG seed; the same seed gives the same names, families and plates. Default 20261127. */
  seed?: number;
  /** How many estates (default 2: 绿苑小区 and 锦绣家园). */
  estates?: number;
  /** Households (archives) per estate (default 1,000); about 5% more rooms are built. */
  householdsPerEstate?: number;
}

/** What {@link seedDemo} created. */
export interface DemoSummary {
  estates: number;
  households: number;
  members: number;
  accounts: number;
  demoUsernames: string[];
}

/** Options of {@link loadBulkHouseholds}. */
export interface BulkHouseholdsOptions {
  /** Code of the estate to fill; created when missing, reused (new buildings added) otherwise. */
  estateCode: string;
  /** How many households to insert (each in its own new room). */
  households: number;
  seed?: number;
  now: Date;
}

const DEFAULT_SEED = 20261127;
const TIME_ZONE = 'Asia/Shanghai';
const CITY = '北京';

// SQLite binds at most 32,766 parameters per statement and PostgreSQL 65,535: stay far below.
const PARAMS_PER_STATEMENT = 12_000;
const MAX_ROWS_PER_STATEMENT = 1_000;

// ---------------------------------------------------------------------------------------------
// Seeded randomness

/** mulberry32: a tiny, fast 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T>(items: Weighted<T>): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = this.next() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r < 0) return v;
    }
    return items[items.length - 1][0];
  }
  /** k distinct items, in random order. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy.slice(0, n);
  }
  /** k distinct weighted items. */
  weightedSample<T>(items: Weighted<T>, k: number): T[] {
    const left = items.slice();
    const out: T[] = [];
    while (out.length < k && left.length > 0) {
      const v = this.weighted(left);
      out.push(v);
      left.splice(
        left.findIndex(([x]) => x === v),
        1,
      );
    }
    return out;
  }
}

const SURNAME_CUMULATIVE = (() => {
  let total = 0;
  return SURNAMES.map(([, , w]) => {
    total += w;
    return total;
  });
})();

function pickSurname(rng: Rng): readonly [string, string] {
  const r = rng.float() * SURNAME_CUMULATIVE[SURNAME_CUMULATIVE.length - 1];
  let lo = 0;
  let hi = SURNAME_CUMULATIVE.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (SURNAME_CUMULATIVE[mid] > r) hi = mid;
    else lo = mid + 1;
  }
  const [s, p] = SURNAMES[lo];
  return [s, p];
}

interface PersonName {
  name: string;
  pinyin: string;
  surname: readonly [string, string];
}

function personName(
  rng: Rng,
  gender: Gender,
  generation: Generation,
  surname?: readonly [string, string],
): PersonName {
  const family = surname ?? pickSurname(rng);
  const [given, givenPinyin] = rng.pick(GIVEN_NAMES[generation][gender]);
  return { name: family[0] + given, pinyin: family[1] + givenPinyin, surname: family };
}

function generationOf(band: DemoAgeBand): Generation {
  if (band === '60to79' || band === '80plus') return 'elder';
  if (band === '40to59') return 'middle';
  return 'young';
}

const PHONE_PREFIXES = [
  ...Array.from({ length: 10 }, (_, i) => `13${i}`),
  ...['150', '151', '152', '153', '155', '156', '157', '158', '159'],
  ...Array.from({ length: 10 }, (_, i) => `18${i}`),
];

/** A plausible 11-digit mobile number (13x/15x/18x) not yet in `used`. */
function mobile(rng: Rng, used: Set<string>): string {
  for (;;) {
    const n = `${rng.pick(PHONE_PREFIXES)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
    if (!used.has(n)) {
      used.add(n);
      return n;
    }
  }
}

const PLATE_LETTER_LIST = [...PLATE_LETTERS];

const PLATE_FORMS: Weighted<string> = [
  ['DDDDD', 55],
  ['DDDDL', 14],
  ['LDDDD', 12],
  ['DLDDD', 9],
  ['DDLDL', 5],
  ['DDDLL', 5],
];

/** A Beijing plate (京N8K2L5, 京AD12345 for new-energy cars) not yet in `used`. */
function plate(rng: Rng, used: Set<string>): string {
  for (;;) {
    const prefix = rng.weighted(PLATE_PREFIXES);
    let serial: string;
    if (rng.chance(0.18)) {
      serial = (rng.chance(0.8) ? 'D' : 'F') + String(rng.int(0, 99_999)).padStart(5, '0');
    } else {
      serial = [...rng.weighted(PLATE_FORMS)]
        .map((c) => (c === 'D' ? String(rng.int(0, 9)) : rng.pick(PLATE_LETTER_LIST)))
        .join('');
    }
    const p = `京${prefix}${serial}`;
    if (!used.has(p)) {
      used.add(p);
      return p;
    }
  }
}

const DAY_MS = 86_400_000;
const isoDate = (d: Date): string => d.toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Families

interface MemberSpec {
  name: string;
  relation: Relation;
  role: MemberRole;
  ageBand: DemoAgeBand;
  hasPhone: boolean;
}

interface FamilySpec {
  occupancy: Occupancy;
  structure: string | null;
  members: MemberSpec[];
  careFlags: Set<CareFlag>;
  primaryGeneration: Generation;
}

const opposite = (g: Gender): Gender => (g === 'male' ? 'female' : 'male');

class FamilyBuilder {
  readonly members: (MemberSpec & { gender: Gender; surname: readonly [string, string] })[] = [];
  readonly careFlags = new Set<CareFlag>();
  constructor(private readonly rng: Rng) {}

  add(
    gender: Gender,
    band: DemoAgeBand,
    relation: Relation,
    role: MemberRole,
    surname?: readonly [string, string],
  ): { gender: Gender; surname: readonly [string, string] } {
    const n = personName(this.rng, gender, generationOf(band), surname);
    const phoneRate = band === '14to17' ? 0.3 : band === '80plus' ? 0.5 : 0.9;
    const hasPhone = this.members.length === 0 || relation === '房东' || this.rng.chance(phoneRate);
    const m = { name: n.name, relation, role, ageBand: band, hasPhone, gender, surname: n.surname };
    this.members.push(m);
    return m;
  }

  spouseBand(band: DemoAgeBand): DemoAgeBand {
    if (this.rng.chance(0.85)) return band;
    const adult: DemoAgeBand[] = ['18to39', '40to59', '60to79', '80plus'];
    const i = adult.indexOf(band);
    if (i < 0) return band;
    return adult[Math.max(0, Math.min(adult.length - 1, i + (this.rng.chance(0.5) ? 1 : -1)))];
  }

  /** Primary and (optionally) spouse; returns the surname children take (the father's). */
  couple(
    band: DemoAgeBand,
    role: MemberRole,
    spouseRole: MemberRole,
    withSpouse = true,
  ): readonly [string, string] {
    const primary = this.add(this.rng.chance(0.55) ? 'male' : 'female', band, '本人', role);
    if (!withSpouse) return primary.surname;
    const spouse = this.add(opposite(primary.gender), this.spouseBand(band), '配偶', spouseRole);
    return primary.gender === 'male' ? primary.surname : spouse.surname;
  }

  child(band: DemoAgeBand, surname: readonly [string, string], role: MemberRole = 'family'): void {
    const g: Gender = this.rng.chance(0.5) ? 'male' : 'female';
    this.add(g, band, g === 'male' ? '儿子' : '女儿', role, surname);
  }
}

const TEEN_OR_ADULT: Weighted<DemoAgeBand> = [
  ['14to17', 40],
  ['18to39', 60],
];
const ELDER: Weighted<DemoAgeBand> = [
  ['60to79', 65],
  ['80plus', 35],
];

const OCCUPANCY: Weighted<Occupancy> = [
  ['owner_occupied', 72],
  ['rented', 18],
  ['vacant', 6],
  ['renovating', 4],
];

// 独居老人 is ~5.8% of owner-occupied homes, so ~4% of all archives carry elderly_alone.
const OWNER_STRUCTURES: Weighted<string> = [
  ['三口之家', 24],
  ['四口之家', 8],
  ['三代同堂', 12],
  ['老两口', 18],
  ['单身', 8],
  ['丁克', 7],
  ['小两口', 6],
  ['独居老人', 5.5],
  ['单亲家庭', 3],
];

const RENTED_STRUCTURES: Weighted<string> = [
  ['单身', 40],
  ['小两口', 25],
  ['三口之家', 20],
  ['合租', 15],
];

function makeFamily(rng: Rng): FamilySpec {
  const occupancy = rng.weighted(OCCUPANCY);
  const f = new FamilyBuilder(rng);
  let structure: string | null = null;

  if (occupancy === 'owner_occupied') {
    structure = rng.weighted(OWNER_STRUCTURES);
    switch (structure) {
      case '三口之家':
      case '四口之家': {
        const band = rng.weighted<DemoAgeBand>([
          ['18to39', 45],
          ['40to59', 55],
        ]);
        const surname = f.couple(band, 'owner', 'family');
        const children = structure === '三口之家' ? 1 : 2;
        // Young parents' children are under 14: they are not recorded (that needs guardian consent).
        if (band === '40to59') {
          for (let i = 0; i < children; i++) f.child(rng.weighted(TEEN_OR_ADULT), surname);
        } else if (rng.chance(0.8)) {
          f.careFlags.add('small_children');
        }
        break;
      }
      case '三代同堂': {
        if (rng.chance(0.6)) {
          const surname = f.couple('40to59', 'owner', 'family', rng.chance(0.9));
          // The primary's parents: the father shares the primary's surname, the mother keeps her own.
          const primary = f.members[0];
          const both = rng.chance(0.4);
          const father = both || rng.chance(0.4);
          if (father) f.add('male', rng.weighted(ELDER), '父亲', 'family', primary.surname);
          if (both || !father) f.add('female', rng.weighted(ELDER), '母亲', 'family');
          if (rng.chance(0.7)) f.child(rng.weighted(TEEN_OR_ADULT), surname);
        } else {
          const surname = f.couple('60to79', 'owner', 'family', rng.chance(0.8));
          const childBand = rng.chance(0.5) ? '18to39' : '40to59';
          const g: Gender = rng.chance(0.6) ? 'male' : 'female';
          const child = f.add(g, childBand, g === 'male' ? '儿子' : '女儿', 'family', surname);
          const inLaw = rng.chance(childBand === '40to59' ? 0.7 : 0.6);
          if (inLaw) f.add(opposite(g), childBand, g === 'male' ? '儿媳' : '女婿', 'family');
          if (childBand === '40to59' && rng.chance(0.8)) {
            const gg: Gender = rng.chance(0.5) ? 'male' : 'female';
            // Grandchildren take their father's surname: the son's, or the son-in-law's.
            const father =
              g === 'male' ? child.surname : inLaw ? f.members[f.members.length - 1].surname : undefined;
            f.add(gg, rng.weighted(TEEN_OR_ADULT), gg === 'male' ? '孙子' : '孙女', 'family', father);
          } else if (childBand === '18to39' && rng.chance(0.6)) {
            f.careFlags.add('small_children');
          }
        }
        break;
      }
      case '老两口':
        f.couple(
          rng.weighted<DemoAgeBand>([
            ['60to79', 70],
            ['80plus', 30],
          ]),
          'owner',
          'family',
        );
        break;
      case '单身':
        f.couple(rng.chance(0.8) ? '18to39' : '40to59', 'owner', 'family', false);
        break;
      case '丁克':
        f.couple(rng.chance(0.5) ? '18to39' : '40to59', 'owner', 'family');
        break;
      case '小两口':
        f.couple('18to39', 'owner', 'family');
        if (rng.chance(0.08)) f.careFlags.add('pregnancy');
        break;
      case '独居老人':
        f.add(rng.chance(0.62) ? 'female' : 'male', rng.weighted(ELDER), '本人', 'owner');
        f.careFlags.add('elderly_alone');
        break;
      default: {
        // 单亲家庭
        const parent = f.add(rng.chance(0.7) ? 'female' : 'male', '40to59', '本人', 'owner');
        f.child(rng.weighted(TEEN_OR_ADULT), rng.chance(0.5) ? parent.surname : pickSurname(rng));
      }
    }
  } else if (occupancy === 'rented') {
    structure = rng.weighted(RENTED_STRUCTURES);
    if (structure === '单身') {
      f.couple(rng.chance(0.85) ? '18to39' : '40to59', 'tenant', 'tenant', false);
    } else if (structure === '小两口') {
      f.couple('18to39', 'tenant', 'tenant');
      if (rng.chance(0.06)) f.careFlags.add('pregnancy');
    } else if (structure === '三口之家') {
      const band: DemoAgeBand = rng.chance(0.6) ? '18to39' : '40to59';
      const surname = f.couple(band, 'tenant', 'tenant');
      if (band === '40to59') f.child('14to17', surname);
      else if (rng.chance(0.8)) f.careFlags.add('small_children');
    } else {
      f.couple('18to39', 'tenant', 'tenant', false);
      const others = rng.int(1, 2);
      for (let i = 0; i < others; i++) f.add(rng.chance(0.5) ? 'male' : 'female', '18to39', '租客', 'tenant');
    }
    if (f.members.length < 5 && rng.chance(0.5)) {
      f.add(rng.chance(0.55) ? 'male' : 'female', rng.chance(0.6) ? '40to59' : '60to79', '房东', 'owner');
    }
  } else {
    // Vacant or renovating: the owner (and maybe the spouse) is on file, nobody lives there yet.
    const band = rng.weighted<DemoAgeBand>([
      ['18to39', 25],
      ['40to59', 50],
      ['60to79', 25],
    ]);
    f.couple(band, 'owner', 'family', occupancy === 'renovating' && rng.chance(0.5));
  }

  const lives = occupancy === 'owner_occupied' || occupancy === 'rented';
  if (lives) {
    if (f.members.some((m) => m.ageBand === '80plus') && rng.chance(0.9)) f.careFlags.add('elderly');
    const primary = f.members[0];
    if (
      f.members.filter((m) => m.relation !== '房东').length === 1 &&
      primary.gender === 'female' &&
      (primary.ageBand === '18to39' || primary.ageBand === '40to59') &&
      rng.chance(0.45)
    ) {
      f.careFlags.add('woman_alone');
    }
    if (rng.chance(0.012)) f.careFlags.add('disabled');
    if (rng.chance(0.02)) f.careFlags.add('special_appliance');
  }

  return {
    occupancy,
    structure,
    members: f.members.slice(0, 5).map(({ name, relation, role, ageBand, hasPhone }) => ({
      name,
      relation,
      role,
      ageBand,
      hasPhone,
    })),
    careFlags: f.careFlags,
    primaryGeneration: generationOf(f.members[0].ageBand),
  };
}

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

interface HouseholdContext {
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
function householdRows(
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

// ---------------------------------------------------------------------------------------------
// Batched inserts

/** Multi-row inserts, each statement well under both engines' bound-parameter limits. */
async function insertRows<T extends keyof DB & string>(
  db: Kysely<DB>,
  table: T,
  rows: Insertable<DB[T]>[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0] as object).length;
  const size = Math.max(1, Math.min(MAX_ROWS_PER_STATEMENT, Math.floor(PARAMS_PER_STATEMENT / columns)));
  const anyDb = db as unknown as Kysely<any>;
  for (let i = 0; i < rows.length; i += size) {
    await anyDb
      .insertInto(table)
      .values(rows.slice(i, i + size) as any[])
      .execute();
  }
}

// ---------------------------------------------------------------------------------------------
// Demo estates

/** A demo login: one per staff role. */
export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  team: TeamCode;
  position: string;
  skills?: string[];
}

/** The demo accounts, one per staff role; all but admin work in the first estate. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', role: 'admin', displayName: '周立新', team: 'management', position: '系统管理员' },
  { username: 'manager', role: 'manager', displayName: '赵建国', team: 'management', position: '项目经理' },
  { username: 'butler', role: 'butler', displayName: '李晓燕', team: 'service', position: '楼栋管家' },
  { username: 'culture', role: 'culture', displayName: '陈思雨', team: 'service', position: '社区文化专员' },
  { username: 'guard', role: 'guard', displayName: '张磊', team: 'security', position: '安全员' },
  { username: 'squad', role: 'squad_leader', displayName: '刘海军', team: 'security', position: '班长' },
  {
    username: 'tech',
    role: 'technician',
    displayName: '王志刚',
    team: 'technical',
    position: '水电工',
    skills: ['水电', '门窗'],
  },
  { username: 'cleaner', role: 'cleaner', displayName: '孙桂芳', team: 'environment', position: '保洁员' },
  {
    username: 'supervisor',
    role: 'env_supervisor',
    displayName: '马丽娟',
    team: 'environment',
    position: '环境主管',
  },
];

/** Usernames of the demo accounts. */
export const DEMO_USERNAMES: readonly string[] = DEMO_ACCOUNTS.map((a) => a.username);

const TEAMS: readonly { code: TeamCode; name: string; nameEn: string }[] = [
  { code: 'security', name: '安全组', nameEn: 'Security' },
  { code: 'service', name: '客服组', nameEn: 'Customer service' },
  { code: 'environment', name: '环境绿化组', nameEn: 'Environment & greening' },
  { code: 'technical', name: '技术组', nameEn: 'Technical' },
  { code: 'management', name: '管理', nameEn: 'Management' },
];

const ENTRANCES = [
  { key: 'south', name: '南门', kind: 'pedestrian', isMain: 1 },
  { key: 'north', name: '北门', kind: 'pedestrian', isMain: 1 },
  { key: 'east', name: '东侧门', kind: 'pedestrian', isMain: 0 },
  { key: 'garage', name: '地库车行入口', kind: 'vehicle', isMain: 0 },
] as const;

const POSTS: readonly { name: string; team: TeamCode; entrance?: string; shift: string }[] = [
  { name: '南门岗', team: 'security', entrance: 'south', shift: '07:00-19:00' },
  { name: '北门岗', team: 'security', entrance: 'north', shift: '07:00-19:00' },
  { name: '东侧门岗', team: 'security', entrance: 'east', shift: '07:00-22:00' },
  { name: '地库岗', team: 'security', entrance: 'garage', shift: '07:00-19:00' },
  { name: '监控中心', team: 'security', shift: '00:00-24:00' },
  { name: '巡逻岗', team: 'security', shift: '08:00-20:00' },
  { name: '客服前台', team: 'service', shift: '08:30-17:30' },
  { name: '维修值班室', team: 'technical', shift: '08:00-20:00' },
  { name: '保洁班', team: 'environment', shift: '06:30-15:00' },
  { name: '绿化班', team: 'environment', shift: '07:00-16:00' },
];

interface StaffSlot {
  role: Role;
  team: TeamCode;
  position: string;
  femaleRate: number;
  youngRate: number;
  skills?: string[];
  demo?: string;
}

function staffRoster(butlers: number): StaffSlot[] {
  const slots: StaffSlot[] = [
    {
      role: 'manager',
      team: 'management',
      position: '项目经理',
      femaleRate: 0.4,
      youngRate: 0.2,
      demo: 'manager',
    },
  ];
  for (let i = 0; i < butlers; i++) {
    slots.push({
      role: 'butler',
      team: 'service',
      position: '楼栋管家',
      femaleRate: 0.65,
      youngRate: 0.7,
      demo: i === 0 ? 'butler' : undefined,
    });
  }
  slots.push({
    role: 'culture',
    team: 'service',
    position: '社区文化专员',
    femaleRate: 0.7,
    youngRate: 0.8,
    demo: 'culture',
  });
  for (let i = 0; i < 3; i++) {
    slots.push({
      role: 'squad_leader',
      team: 'security',
      position: '班长',
      femaleRate: 0.05,
      youngRate: 0.5,
      demo: i === 0 ? 'squad' : undefined,
    });
  }
  for (let i = 0; i < 8; i++) {
    slots.push({
      role: 'guard',
      team: 'security',
      position: '安全员',
      femaleRate: 0.05,
      youngRate: 0.6,
      demo: i === 0 ? 'guard' : undefined,
    });
  }
  for (let i = 0; i < 2; i++) {
    slots.push({ role: 'guard', team: 'security', position: '监控员', femaleRate: 0.2, youngRate: 0.6 });
  }
  const techs: [string, string[], string | undefined][] = [
    ['水电工', ['水电', '门窗'], 'tech'],
    ['维修工', ['门窗', '管道疏通'], undefined],
    ['弱电工', ['弱电', '门禁'], undefined],
    ['暖通工', ['暖通', '水电'], undefined],
  ];
  for (const [position, skills, demo] of techs) {
    slots.push({
      role: 'technician',
      team: 'technical',
      position,
      skills,
      femaleRate: 0.03,
      youngRate: 0.4,
      demo,
    });
  }
  slots.push({
    role: 'env_supervisor',
    team: 'environment',
    position: '环境主管',
    femaleRate: 0.5,
    youngRate: 0.3,
    demo: 'supervisor',
  });
  for (let i = 0; i < 5; i++) {
    slots.push({
      role: 'cleaner',
      team: 'environment',
      position: '保洁员',
      femaleRate: 0.75,
      youngRate: 0,
      demo: i === 0 ? 'cleaner' : undefined,
    });
  }
  for (let i = 0; i < 2; i++) {
    slots.push({ role: 'cleaner', team: 'environment', position: '绿化员', femaleRate: 0.4, youngRate: 0.2 });
  }
  return slots;
}

const FLOORS: Weighted<number> = [
  [6, 3],
  [11, 2],
  [12, 1],
  [16, 1],
  [18, 3],
];

interface SeedState {
  rng: Rng;
  now: Date;
  nowIso: string;
  phones: Set<string>;
  usernames: Set<string>;
  passwordHash: string;
  demoIds: Map<string, string>;
}

function accountRow(
  state: SeedState,
  a: { username: string | null; phone: string; displayName: string; role: Role; passwordHash: string | null },
): Insertable<DB['accounts']> {
  return {
    id: newId(),
    username: a.username,
    phone: a.phone,
    display_name: a.displayName,
    role: a.role,
    password_hash: a.passwordHash,
    status: 'active',
    failed_logins: 0,
    locked_until: null,
    password_changed_at: a.passwordHash ? state.nowIso : null,
    last_login_at: null,
    version: 1,
    created_at: state.nowIso,
    updated_at: state.nowIso,
    created_by: null,
  };
}

/** A readable username from a name's pinyin (zhangwei, zhangwei2 …). */
function pinyinUsername(pinyin: string, used: Set<string>): string {
  let name = pinyin;
  for (let i = 2; used.has(name); i++) name = `${pinyin}${i}`;
  used.add(name);
  return name;
}

async function seedEstate(
  db: Kysely<DB>,
  state: SeedState,
  index: number,
  households: number,
): Promise<{ households: number; members: number; accounts: number }> {
  const { rng, nowIso } = state;
  const template = DEMO_ESTATES[index] ?? {
    code: `estate${index + 1}`,
    name: `示范小区${index + 1}号`,
    nameEn: `Demo Estate ${index + 1}`,
    address: `北京市通州区示范路${index + 1}号`,
    builtYear: 2010,
  };
  const estateId = newId();
  const rows = {
    buildings: [] as Insertable<DB['buildings']>[],
    units: [] as Insertable<DB['units']>[],
    rooms: [] as Insertable<DB['rooms']>[],
    households: [] as Insertable<DB['households']>[],
    members: [] as Insertable<DB['members']>[],
    tags: [] as Insertable<DB['household_tags']>[],
    pets: [] as Insertable<DB['pets']>[],
    vehicles: [] as Insertable<DB['vehicles']>[],
    accounts: [] as Insertable<DB['accounts']>[],
    staff: [] as Insertable<DB['staff_assignments']>[],
    butlerBuildings: [] as Insertable<DB['butler_buildings']>[],
  };

  // Buildings → units → rooms, until ~5% more rooms than archives (some homes are not on file yet).
  const roomsNeeded = Math.ceil(households / 0.95);
  const roomList: { id: string; buildingId: string; code: string }[] = [];
  for (let b = 1; roomList.length < roomsNeeded || b === 1; b++) {
    const buildingId = newId();
    const floors = rng.weighted(FLOORS);
    const unitCount = floors <= 6 ? rng.int(2, 4) : rng.int(2, 3);
    const areas = [Math.round(rng.int(6000, 9500)) / 100, Math.round(rng.int(8500, 14000)) / 100];
    rows.buildings.push({
      estate_id: estateId,
      id: buildingId,
      code: String(b),
      name: `${b}栋`,
      floors,
      sort: b,
    });
    for (let u = 1; u <= unitCount; u++) {
      const unitId = newId();
      rows.units.push({
        estate_id: estateId,
        id: unitId,
        building_id: buildingId,
        code: String(u),
        name: `${u}单元`,
      });
      for (let floor = 1; floor <= floors; floor++) {
        for (let pos = 1; pos <= 2; pos++) {
          const number = `${floor}${String(pos).padStart(2, '0')}`;
          const id = newId();
          const roomCode = `${b}-${u}-${number}`;
          rows.rooms.push({
            estate_id: estateId,
            id,
            building_id: buildingId,
            unit_id: unitId,
            number,
            floor,
            area_m2: areas[pos - 1],
            room_code: roomCode,
          });
          roomList.push({ id, buildingId, code: roomCode });
        }
      }
    }
  }

  // Archives: every room but a random few.
  const withoutArchive = new Set(
    rng.sample(
      roomList.map((_, i) => i),
      Math.max(0, roomList.length - households),
    ),
  );
  const plates = new Set<string>();
  for (let i = 0; i < roomList.length; i++) {
    if (withoutArchive.has(i)) continue;
    const room = roomList[i];
    const fam = makeFamily(rng);
    const { household, members, tags } = householdRows(rng, fam, {
      estateId,
      roomId: room.id,
      buildingId: room.buildingId,
      roomCode: room.code,
      now: state.now,
      nowIso,
      builtYear: template.builtYear,
      phones: state.phones,
    });
    rows.households.push(household);
    rows.members.push(...members);
    rows.tags.push(...tags);
    if (fam.occupancy === 'owner_occupied' || fam.occupancy === 'rented') {
      addPetsAndVehicles(rng, state.now, estateId, household.id, plates, rows);
    }
  }

  // Entrances, teams and posts.
  const entranceIds = new Map<string, string>();
  const entrances = ENTRANCES.map((e) => {
    const id = newId();
    entranceIds.set(e.key, id);
    return {
      estate_id: estateId,
      id,
      name: e.name,
      kind: e.kind,
      is_main: e.isMain,
      board_token: newToken(),
    };
  });
  const teamIds = new Map<TeamCode, string>();
  const teams = TEAMS.map((t) => {
    const id = newId();
    teamIds.set(t.code, id);
    return { estate_id: estateId, id, code: t.code, name: t.name, name_en: t.nameEn };
  });
  const posts = POSTS.map((p) => ({
    estate_id: estateId,
    id: newId(),
    name: p.name,
    team_id: teamIds.get(p.team)!,
    entrance_id: p.entrance ? entranceIds.get(p.entrance)! : null,
    shift: p.shift,
  }));

  // Butlers: the demo butler has buildings 1–3 of the first estate; the others 2–3 buildings each.
  const buildingIds = rows.buildings.map((b) => b.id);
  const butlerGroups: string[][] = [];
  let next = 0;
  if (index === 0) {
    butlerGroups.push(buildingIds.slice(0, 3));
    next = 3;
  }
  while (next < buildingIds.length) {
    const left = buildingIds.length - next;
    const size = left <= 3 ? left : left === 4 ? 2 : rng.int(2, 3);
    butlerGroups.push(buildingIds.slice(next, next + size));
    next += size;
  }

  // Staff: demo accounts take their slot in the first estate; everyone else cannot log in.
  let butlerNo = 0;
  for (const slot of staffRoster(Math.max(1, butlerGroups.length))) {
    let accountId: string;
    if (index === 0 && slot.demo) {
      accountId = state.demoIds.get(slot.demo)!;
    } else {
      const gender: Gender = rng.chance(slot.femaleRate) ? 'female' : 'male';
      const person = personName(rng, gender, rng.chance(slot.youngRate) ? 'young' : 'middle');
      const account = accountRow(state, {
        username: pinyinUsername(person.pinyin, state.usernames),
        phone: mobile(rng, state.phones),
        displayName: person.name,
        role: slot.role,
        passwordHash: null,
      });
      rows.accounts.push(account);
      accountId = account.id;
    }
    rows.staff.push({
      estate_id: estateId,
      account_id: accountId,
      team_id: teamIds.get(slot.team)!,
      position: slot.position,
      skills: slot.skills ? JSON.stringify(slot.skills) : null,
      created_at: nowIso,
    });
    if (slot.role === 'butler') {
      for (const buildingId of butlerGroups[butlerNo++] ?? []) {
        rows.butlerBuildings.push({ estate_id: estateId, building_id: buildingId, account_id: accountId });
      }
    }
  }
  // The admin works everywhere.
  rows.staff.push({
    estate_id: estateId,
    account_id: state.demoIds.get('admin')!,
    team_id: teamIds.get('management')!,
    position: '系统管理员',
    skills: null,
    created_at: nowIso,
  });

  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('estates')
      .values({
        id: estateId,
        code: template.code,
        name: template.name,
        name_en: template.nameEn,
        city: CITY,
        time_zone: TIME_ZONE,
        address: template.address,
        version: 1,
        created_at: nowIso,
        updated_at: nowIso,
        created_by: null,
      })
      .execute();
    if (index === 0) {
      await insertRows(
        trx,
        'accounts',
        DEMO_ACCOUNTS.map((a) => {
          const row = accountRow(state, {
            username: a.username,
            phone: mobile(rng, state.phones),
            displayName: a.displayName,
            role: a.role,
            passwordHash: state.passwordHash,
          });
          row.id = state.demoIds.get(a.username)!;
          return row;
        }),
      );
    }
    await insertRows(trx, 'buildings', rows.buildings);
    await insertRows(trx, 'units', rows.units);
    await insertRows(trx, 'rooms', rows.rooms);
    await insertRows(trx, 'entrances', entrances);
    await insertRows(trx, 'teams', teams);
    await insertRows(trx, 'posts', posts);
    await insertRows(trx, 'accounts', rows.accounts);
    await insertRows(trx, 'staff_assignments', rows.staff);
    await insertRows(trx, 'butler_buildings', rows.butlerBuildings);
    await insertRows(trx, 'households', rows.households);
    await insertRows(trx, 'members', rows.members);
    await insertRows(trx, 'household_tags', rows.tags);
    await insertRows(trx, 'pets', rows.pets);
    await insertRows(trx, 'vehicles', rows.vehicles);
  });

  return {
    households: rows.households.length,
    members: rows.members.length,
    accounts: rows.accounts.length + (index === 0 ? DEMO_ACCOUNTS.length : 0),
  };
}

function addPetsAndVehicles(
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

/**
 * Seeds realistic demo estates (default: 绿苑小区 and 锦绣家园 in 北京, ~1,000 archives each) with
 * buildings, rooms, households, members, pets, vehicles, entrances, teams, posts, staff, and one
 * login per staff role (`admin`, `manager`, `butler`, `culture`, `guard`, `squad`, `tech`, `cleaner`,
 * `supervisor`) sharing `opts.password`. Each estate is written in its own transaction. Meant for an
 * empty database: throws if a demo estate code or demo username already exists.
 */
export async function seedDemo(db: Kysely<DB>, opts: SeedDemoOptions): Promise<DemoSummary> {
  const estateCount = opts.estates ?? 2;
  const perEstate = opts.householdsPerEstate ?? 1000;
  if (!Number.isInteger(estateCount) || estateCount < 1)
    throw new Error('estates must be a positive integer');
  if (!Number.isInteger(perEstate) || perEstate < 0)
    throw new Error('householdsPerEstate must be an integer ≥ 0');

  const codes = Array.from({ length: estateCount }, (_, i) => DEMO_ESTATES[i]?.code ?? `estate${i + 1}`);
  const takenEstates = await db.selectFrom('estates').select('code').where('code', 'in', codes).execute();
  if (takenEstates.length > 0) {
    throw new Error(`Demo estates already exist: ${takenEstates.map((e) => e.code).join(', ')}`);
  }
  const takenUsers = await db
    .selectFrom('accounts')
    .select('username')
    .where('username', 'in', [...DEMO_USERNAMES])
    .execute();
  if (takenUsers.length > 0) {
    throw new Error(`Demo accounts already exist: ${takenUsers.map((a) => a.username).join(', ')}`);
  }

  const state: SeedState = {
    rng: new Rng(opts.seed ?? DEFAULT_SEED),
    now: opts.now,
    nowIso: opts.now.toISOString(),
    phones: new Set(),
    usernames: new Set(DEMO_USERNAMES),
    passwordHash: await hashPassword(opts.password),
    demoIds: new Map(DEMO_USERNAMES.map((u) => [u, newId()])),
  };

  const summary: DemoSummary = {
    estates: 0,
    households: 0,
    members: 0,
    accounts: 0,
    demoUsernames: [...DEMO_USERNAMES],
  };
  for (let i = 0; i < estateCount; i++) {
    const r = await seedEstate(db, state, i, perEstate);
    summary.estates++;
    summary.households += r.households;
    summary.members += r.members;
    summary.accounts += r.accounts;
  }
  // Every estate runs on the 五步一法 plan from its first day.
  for (const e of await db.selectFrom('estates').select('id').execute()) {
    await seedDefaultPlan(db, e.id, opts.now);
    await seedDefaultCatalog(db, e.id, opts.now);
    await seedDefaultLoanItems(db, e.id, opts.now);
  }
  return summary;
}

/** True when the database has no estate yet (a fresh install that may be seeded). */
export async function isDatabaseEmpty(db: Kysely<DB>): Promise<boolean> {
  const row = await db.selectFrom('estates').select('id').limit(1).executeTakeFirst();
  return row === undefined;
}

// ---------------------------------------------------------------------------------------------
// Bulk data for benchmarks

const BULK_UNITS = 4;
const BULK_FLOORS = 30;
const BULK_PER_FLOOR = 4;
const BULK_PER_BUILDING = BULK_UNITS * BULK_FLOORS * BULK_PER_FLOOR;
const BULK_PER_TRANSACTION = 10_000;

/**
 * Inserts `households` archives (1–4 members each) for load tests, in new 30-floor buildings of
 * the estate `estateCode` (created when missing). Rows go in multi-row statements, 10,000
 * households per transaction; 100,000 households take seconds on SQLite.
 */
export async function loadBulkHouseholds(
  db: Kysely<DB>,
  opts: BulkHouseholdsOptions,
): Promise<{ estateId: string }> {
  const rng = new Rng(opts.seed ?? DEFAULT_SEED);
  const nowIso = opts.now.toISOString();

  let estateId = (
    await db.selectFrom('estates').select('id').where('code', '=', opts.estateCode).executeTakeFirst()
  )?.id;
  if (!estateId) {
    estateId = newId();
    await db
      .insertInto('estates')
      .values({
        id: estateId,
        code: opts.estateCode,
        name: `压测小区 ${opts.estateCode}`,
        name_en: `Benchmark estate ${opts.estateCode}`,
        city: CITY,
        time_zone: TIME_ZONE,
        address: null,
        version: 1,
        created_at: nowIso,
        updated_at: nowIso,
        created_by: null,
      })
      .execute();
  }

  // New buildings are numbered after the existing ones, so room codes never collide.
  const existing = await db
    .selectFrom('buildings')
    .select('code')
    .where('estate_id', '=', estateId)
    .execute();
  const firstBuilding = existing.reduce((max, b) => Math.max(max, Number.parseInt(b.code, 10) || 0), 0) + 1;

  const phones = new Set<string>();
  let buildingId = '';
  let unitIds: string[] = [];
  let buildingNo = 0;
  for (let start = 0; start < opts.households; start += BULK_PER_TRANSACTION) {
    const end = Math.min(opts.households, start + BULK_PER_TRANSACTION);
    const buildings: Insertable<DB['buildings']>[] = [];
    const units: Insertable<DB['units']>[] = [];
    const rooms: Insertable<DB['rooms']>[] = [];
    const households: Insertable<DB['households']>[] = [];
    const members: Insertable<DB['members']>[] = [];
    const tags: Insertable<DB['household_tags']>[] = [];
    for (let h = start; h < end; h++) {
      const within = h % BULK_PER_BUILDING;
      if (within === 0) {
        buildingNo = firstBuilding + Math.floor(h / BULK_PER_BUILDING);
        buildingId = newId();
        buildings.push({
          estate_id: estateId,
          id: buildingId,
          code: String(buildingNo),
          name: `${buildingNo}栋`,
          floors: BULK_FLOORS,
          sort: buildingNo,
        });
        unitIds = [];
        for (let u = 1; u <= BULK_UNITS; u++) {
          const id = newId();
          unitIds.push(id);
          units.push({ estate_id: estateId, id, building_id: buildingId, code: String(u), name: `${u}单元` });
        }
      }
      const unit = Math.floor(within / (BULK_FLOORS * BULK_PER_FLOOR));
      const floor = Math.floor((within % (BULK_FLOORS * BULK_PER_FLOOR)) / BULK_PER_FLOOR) + 1;
      const pos = (within % BULK_PER_FLOOR) + 1;
      const number = `${floor}${String(pos).padStart(2, '0')}`;
      const roomId = newId();
      const roomCode = `${buildingNo}-${unit + 1}-${number}`;
      rooms.push({
        estate_id: estateId,
        id: roomId,
        building_id: buildingId,
        unit_id: unitIds[unit],
        number,
        floor,
        area_m2: pos <= 2 ? 89.5 : 126.8,
        room_code: roomCode,
      });
      const fam = makeFamily(rng);
      fam.members = fam.members.slice(0, 4);
      const rowsOf = householdRows(rng, fam, {
        estateId,
        roomId,
        buildingId,
        roomCode,
        now: opts.now,
        nowIso,
        builtYear: 2010,
        phones,
      });
      households.push(rowsOf.household);
      members.push(...rowsOf.members);
      tags.push(...rowsOf.tags);
    }
    await db.transaction().execute(async (trx) => {
      await insertRows(trx, 'buildings', buildings);
      await insertRows(trx, 'units', units);
      await insertRows(trx, 'rooms', rooms);
      await insertRows(trx, 'households', households);
      await insertRows(trx, 'members', members);
      await insertRows(trx, 'household_tags', tags);
    });
  }
  return { estateId };
}
