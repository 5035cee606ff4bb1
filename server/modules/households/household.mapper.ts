import type {
  Consent,
  CustomFieldDef,
  Household,
  HouseholdSummary,
  Member,
  Pet,
  SensitiveFact,
  Vehicle,
} from '../../../contract/households.js';
import { fromJson, toIso } from '../../lib/dates.js';
import { maskEmail, maskName, maskPhone } from '../../lib/masking.js';

export interface Visibility {
  fullPhone: boolean;
  minors: boolean;
}

/** Household row → list item. Phones are always masked in lists. */
export function toSummary(r: any, primaryPhone: string | null): HouseholdSummary {
  return {
    id: r.id,
    estateId: r.estate_id,
    roomId: r.room_id,
    roomCode: r.room_code,
    buildingId: r.building_id,
    occupancy: r.occupancy,
    primaryName: r.primary_name,
    primaryPhone: maskPhone(primaryPhone),
    memberCount: Number(r.member_count),
    careFlags: fromJson(r.care_flags, []),
    tags: fromJson(r.tags, []),
    updatedAt: toIso(r.updated_at)!,
  };
}

/** Member row → API shape; a minor's name is masked for roles that may not read minors' data. */
export function toMember(m: any, v: Visibility): Member {
  const minor = m.age_band === 'under14';
  return {
    id: m.id,
    name: minor && !v.minors ? (maskName(m.name) ?? '') : m.name,
    relation: m.relation,
    role: m.role,
    phone: v.fullPhone ? m.phone : maskPhone(m.phone),
    email: v.fullPhone ? (m.email ?? null) : maskEmail(m.email),
    ageBand: m.age_band,
    isPrimary: m.is_primary === 1,
  };
}

export function toPet(p: any): Pet {
  return {
    id: p.id,
    kind: p.kind,
    name: p.name,
    size: p.size,
    vaccinatedUntil: p.vaccinated_until,
    notes: p.notes,
  };
}

export function toVehicle(x: any): Vehicle {
  return {
    id: x.id,
    plate: x.plate,
    tailDigit: Number(x.tail_digit),
    restrictionReminder: x.restriction_reminder === 1,
  };
}

export function toHousehold(
  r: any,
  parts: { members: any[]; pets: any[]; vehicles: any[]; sensitive: { category: string; n: number }[] },
  v: Visibility,
): Household {
  const primary = parts.members.find((m) => m.is_primary === 1);
  const count = (c: string) => Number(parts.sensitive.find((s) => s.category === c)?.n ?? 0);
  return {
    ...toSummary(r, primary?.phone ?? null),
    moveInDate: r.move_in_date,
    familyStructure: r.family_structure,
    hobbies: fromJson(r.hobbies, []),
    skills: fromJson(r.skills, []),
    preferredChannel: r.preferred_channel,
    preferredHours: r.preferred_hours,
    notes: r.notes,
    customFields: fromJson(r.custom_fields, {}),
    members: parts.members.map((m) => toMember(m, v)),
    pets: parts.pets.map(toPet),
    vehicles: parts.vehicles.map(toVehicle),
    version: Number(r.version),
    createdAt: toIso(r.created_at)!,
    sensitiveSummary: { health: count('health'), minor: count('minor'), away: count('away') },
  };
}

export function toConsent(c: any): Consent {
  return {
    id: c.id,
    memberId: c.member_id,
    purpose: c.purpose,
    noticeVersion: c.notice_version,
    grantedByName: c.granted_by_name,
    method: c.method,
    grantedAt: toIso(c.granted_at)!,
    recordedBy: c.recorded_by,
    withdrawnAt: toIso(c.withdrawn_at),
    active: !c.withdrawn_at,
  };
}

export function toFact(f: any): SensitiveFact {
  return {
    id: f.id,
    category: f.category,
    memberId: f.member_id,
    consentId: f.consent_id,
    detail: fromJson(f.detail, {}),
    createdAt: toIso(f.created_at)!,
  };
}

export function toCustomFieldDef(d: any): CustomFieldDef {
  return {
    id: d.id,
    key: d.key,
    label: d.label,
    labelEn: d.label_en,
    type: d.type,
    options: fromJson(d.options, []),
    sort: Number(d.sort),
    active: d.active === 1,
  };
}
