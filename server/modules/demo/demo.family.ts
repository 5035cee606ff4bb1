import type { AGE_BANDS, CARE_FLAGS, OCCUPANCIES } from '../../../contract/households.js';
import type { Gender, Generation, Weighted } from './demo.names.js';
import { personName, pickSurname, type Rng } from './demo.random.js';
import type { Relation } from './demo.vocabulary.js';

// Demo families: who lives in a home (generations, relations, roles, age bands, phones), its
// structure and care flags — the people, before they become archive rows (demo.households.ts).

/** Age bands the generator writes: never `under14` (a minor's data needs recorded guardian consent). */
export type DemoAgeBand = Exclude<(typeof AGE_BANDS)[number], 'under14'>;
type CareFlag = (typeof CARE_FLAGS)[number];
type Occupancy = (typeof OCCUPANCIES)[number];
type MemberRole = 'owner' | 'tenant' | 'family';

function generationOf(band: DemoAgeBand): Generation {
  if (band === '60to79' || band === '80plus') return 'elder';
  if (band === '40to59') return 'middle';
  return 'young';
}

// ---------------------------------------------------------------------------------------------
// Families

interface MemberSpec {
  name: string;
  relation: Relation;
  role: MemberRole;
  ageBand: DemoAgeBand;
  hasPhone: boolean;
}

export interface FamilySpec {
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

export function makeFamily(rng: Rng): FamilySpec {
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
