import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { MemberInput, PetInput, VehicleInput } from '../../../contract/households.js';
import type { DB } from '../../db/schema.js';
import { fromJson, toJson } from '../../lib/dates.js';
import { newId } from '../../lib/ids.js';
import { maskEmail, maskPhone, phoneSuffix } from '../../lib/masking.js';
import { HouseholdErrors } from './household.errors.js';

type MemberIn = z.infer<typeof MemberInput>;
type PetIn = z.infer<typeof PetInput>;
type VehicleIn = z.infer<typeof VehicleInput>;

/** Tail number used by plate-restriction rules: the last character, a letter counting as 0. */
export function plateTailDigit(plate: string): number {
  const last = plate.trim().slice(-1);
  return /\d/.test(last) ? Number(last) : 0;
}

/** Resolves member inputs against the stored members: keeps ids, stored phones and e-mails where omitted. */
export function resolveMembers(estateId: string, householdId: string, input: MemberIn[], existing: any[]) {
  const byId = new Map(existing.map((m) => [m.id, m]));
  let primarySeen = false;
  const rows = input.map((m, i) => {
    const old = m.id ? byId.get(m.id) : undefined;
    if (m.id && !old) throw HouseholdErrors.make('MEMBER_NOT_FOUND', { id: m.id });
    const phone = m.phone === undefined ? (old?.phone ?? null) : m.phone;
    const email = m.email === undefined ? (old?.email ?? null) : m.email;
    const isPrimary = !primarySeen && (m.isPrimary ?? false);
    if (isPrimary) primarySeen = true;
    return {
      estate_id: estateId,
      id: old?.id ?? newId(),
      household_id: householdId,
      name: m.name,
      relation: m.relation === undefined ? (old?.relation ?? null) : m.relation,
      role: m.role,
      phone,
      phone_suffix: phoneSuffix(phone),
      email,
      age_band: m.ageBand === undefined ? (old?.age_band ?? null) : m.ageBand,
      is_primary: isPrimary ? 1 : 0,
      sort: i,
    };
  });
  // Exactly one primary member: the first owner (else the first member) when none is marked.
  if (!primarySeen && rows.length) {
    const first = rows.find((r) => r.role === 'owner') ?? rows[0]!;
    first.is_primary = 1;
  }
  return rows;
}

export function resolvePets(estateId: string, householdId: string, input: PetIn[]) {
  return input.map((p) => ({
    estate_id: estateId,
    id: p.id ?? newId(),
    household_id: householdId,
    kind: p.kind,
    name: p.name ?? null,
    size: p.kind === 'dog' ? (p.size ?? null) : null,
    vaccinated_until: p.vaccinatedUntil ?? null,
    notes: p.notes ?? null,
  }));
}

export function resolveVehicles(estateId: string, householdId: string, input: VehicleIn[]) {
  return input.map((v) => ({
    estate_id: estateId,
    id: v.id ?? newId(),
    household_id: householdId,
    plate: v.plate,
    tail_digit: plateTailDigit(v.plate),
    restriction_reminder: v.restrictionReminder ? 1 : 0,
  }));
}

/** Replaces the stored members, pets, vehicles and tags of a household inside a transaction. */
export async function replaceParts(
  trx: Kysely<DB>,
  estateId: string,
  householdId: string,
  parts: { members?: any[]; pets?: any[]; vehicles?: any[]; tags?: string[] },
) {
  if (parts.members) {
    await trx
      .deleteFrom('members')
      .where('estate_id', '=', estateId)
      .where('household_id', '=', householdId)
      .execute();
    if (parts.members.length) await trx.insertInto('members').values(parts.members).execute();
  }
  if (parts.pets) {
    await trx
      .deleteFrom('pets')
      .where('estate_id', '=', estateId)
      .where('household_id', '=', householdId)
      .execute();
    if (parts.pets.length) await trx.insertInto('pets').values(parts.pets).execute();
  }
  if (parts.vehicles) {
    await trx
      .deleteFrom('vehicles')
      .where('estate_id', '=', estateId)
      .where('household_id', '=', householdId)
      .execute();
    for (const v of parts.vehicles) {
      const clash = await trx
        .selectFrom('vehicles')
        .select('household_id')
        .where('estate_id', '=', estateId)
        .where('plate', '=', v.plate)
        .executeTakeFirst();
      if (clash) throw HouseholdErrors.make('DUPLICATE_PLATE', { plate: v.plate });
    }
    if (parts.vehicles.length) await trx.insertInto('vehicles').values(parts.vehicles).execute();
  }
  if (parts.tags) {
    await trx
      .deleteFrom('household_tags')
      .where('estate_id', '=', estateId)
      .where('household_id', '=', householdId)
      .execute();
    const tags = [...new Set(parts.tags)];
    if (tags.length)
      await trx
        .insertInto('household_tags')
        .values(tags.map((tag) => ({ estate_id: estateId, household_id: householdId, tag })))
        .execute();
  }
}

export interface FieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

const SCALARS: [string, string][] = [
  ['occupancy', 'occupancy'],
  ['moveInDate', 'move_in_date'],
  ['familyStructure', 'family_structure'],
  ['preferredChannel', 'preferred_channel'],
  ['preferredHours', 'preferred_hours'],
  ['notes', 'notes'],
];
const LISTS: [string, string][] = [
  ['careFlags', 'care_flags'],
  ['hobbies', 'hobbies'],
  ['skills', 'skills'],
  ['tags', 'tags'],
];

function same(a: unknown, b: unknown) {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** What changed between two states of an archive, field by field; phones are recorded masked. */
export function diffArchive(
  before: { row: any; members: any[]; pets: any[]; vehicles: any[] },
  after: { row: any; members?: any[]; pets?: any[]; vehicles?: any[] },
): FieldChange[] {
  const out: FieldChange[] = [];
  for (const [field, col] of SCALARS) {
    if (col in after.row && !same(before.row[col], after.row[col]))
      out.push({ field, old: before.row[col] ?? null, new: after.row[col] ?? null });
  }
  for (const [field, col] of LISTS) {
    if (!(col in after.row)) continue;
    const o = fromJson<string[]>(before.row[col], []);
    const n = fromJson<string[]>(after.row[col], []);
    if (!same(o, n)) out.push({ field, old: o, new: n });
  }
  if ('custom_fields' in after.row) {
    const o = fromJson<Record<string, unknown>>(before.row.custom_fields, {});
    const n = fromJson<Record<string, unknown>>(after.row.custom_fields, {});
    for (const k of new Set([...Object.keys(o), ...Object.keys(n)])) {
      if (!same(o[k], n[k])) out.push({ field: `customFields.${k}`, old: o[k] ?? null, new: n[k] ?? null });
    }
  }
  const memberView = (m: any) => ({
    name: m.name,
    relation: m.relation,
    role: m.role,
    phone: m.phone ?? null,
    email: m.email ?? null,
    ageBand: m.age_band,
    isPrimary: m.is_primary === 1,
  });
  if (after.members)
    diffList(out, 'members', before.members, after.members, memberView, (m) => m.name, MEMBER_MASKS);
  if (after.pets)
    diffList(
      out,
      'pets',
      before.pets,
      after.pets,
      (p) => ({
        kind: p.kind,
        name: p.name,
        size: p.size,
        vaccinatedUntil: p.vaccinated_until,
        notes: p.notes,
      }),
      (p) => p.name ?? p.kind,
    );
  if (after.vehicles)
    diffList(
      out,
      'vehicles',
      before.vehicles,
      after.vehicles,
      (v) => ({ plate: v.plate, restrictionReminder: v.restriction_reminder === 1 }),
      (v) => v.plate,
    );
  return out;
}

/** How a member's contact fields are written into the history: masked, never in full. */
const MEMBER_MASKS: Masks = { phone: maskPhone, email: maskEmail };

type Masks = Record<string, (v: any) => unknown>;

/**
 * Item-by-item changes of a list (by id): values are compared as stored and recorded through
 * `masks`, so a phone changed to another with the same mask is still a change, shown masked.
 */
function diffList(
  out: FieldChange[],
  field: string,
  before: any[],
  after: any[],
  view: (x: any) => Record<string, unknown>,
  label: (x: any) => string,
  masks: Masks = {},
) {
  const shown = (k: string, v: unknown) => (v == null ? null : masks[k] ? masks[k](v) : v);
  const recorded = (x: any) => Object.fromEntries(Object.entries(view(x)).map(([k, v]) => [k, shown(k, v)]));
  const old = new Map(before.map((x) => [x.id, x]));
  const now = new Map(after.map((x) => [x.id, x]));
  for (const [id, x] of old)
    if (!now.has(id)) out.push({ field: `${field}[${label(x)}]`, old: recorded(x), new: null });
  for (const [id, x] of now) {
    const o = old.get(id);
    if (!o) {
      out.push({ field: `${field}[${label(x)}]`, old: null, new: recorded(x) });
      continue;
    }
    const ov = view(o);
    const nv = view(x);
    for (const k of Object.keys(nv))
      if (!same(ov[k], nv[k]))
        out.push({ field: `${field}[${label(x)}].${k}`, old: shown(k, ov[k]), new: shown(k, nv[k]) });
  }
}

export { toJson };
