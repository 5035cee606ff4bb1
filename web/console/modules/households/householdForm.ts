/**
 * Conversions between a Household (API) and the edit form's values, kept pure so they are
 * unit-tested: the PATCH body must never echo a masked phone or e-mail back to the server.
 */
import dayjs, { type Dayjs } from 'dayjs';
import type {
  AGE_BANDS,
  CareFlag,
  CONTACT_CHANNELS,
  DOG_SIZES,
  MEMBER_ROLES,
  Occupancy,
  PET_KINDS,
} from '../../../api/enums';
import type { CustomFieldDef, Household, UpdateHouseholdBody } from '../../../api/types';

export interface MemberFormValue {
  id?: string;
  name: string;
  relation?: string | null;
  role: (typeof MEMBER_ROLES)[number];
  /** What the server returned (often masked); shown as a hint, never sent back. */
  storedPhone?: string | null;
  /** A new number typed by the user; empty keeps the stored one. */
  phone?: string;
  /** What the server returned (masked or full); an unchanged field keeps the stored address. */
  storedEmail?: string | null;
  /** Starts as the stored address; edited replaces it, emptied removes it. */
  email?: string;
  ageBand?: (typeof AGE_BANDS)[number] | null;
  isPrimary?: boolean;
}

export interface PetFormValue {
  id?: string;
  kind: (typeof PET_KINDS)[number];
  name?: string | null;
  size?: (typeof DOG_SIZES)[number] | null;
  vaccinatedUntil?: Dayjs | null;
  notes?: string | null;
}

export interface VehicleFormValue {
  id?: string;
  plate: string;
  restrictionReminder?: boolean;
}

export interface HouseholdFormValues {
  occupancy: Occupancy;
  moveInDate: Dayjs | null;
  familyStructure: string;
  careFlags: CareFlag[];
  hobbies: string[];
  skills: string[];
  tags: string[];
  preferredChannel: (typeof CONTACT_CHANNELS)[number] | null;
  preferredHours: string;
  notes: string;
  customFields: Record<string, unknown>;
  members: MemberFormValue[];
  pets: PetFormValue[];
  vehicles: VehicleFormValue[];
}

const toDay = (v: unknown): Dayjs | null => {
  if (typeof v !== 'string' || !v) return null;
  const d = dayjs(v);
  return d.isValid() ? d : null;
};
const fromDay = (d: Dayjs | null | undefined): string | null =>
  d && dayjs.isDayjs(d) ? d.format('YYYY-MM-DD') : null;
const textOrNull = (v: string | null | undefined): string | null => {
  const s = (v ?? '').trim();
  return s ? s : null;
};

/** The form's starting values for a household. */
export function toFormValues(h: Household, defs: CustomFieldDef[]): HouseholdFormValues {
  const customFields: Record<string, unknown> = {};
  for (const def of defs) {
    const v = h.customFields[def.key];
    customFields[def.key] = def.type === 'date' ? toDay(v) : (v ?? undefined);
  }
  return {
    occupancy: h.occupancy,
    moveInDate: toDay(h.moveInDate),
    familyStructure: h.familyStructure ?? '',
    careFlags: [...h.careFlags],
    hobbies: [...h.hobbies],
    skills: [...h.skills],
    tags: [...h.tags],
    preferredChannel: h.preferredChannel,
    preferredHours: h.preferredHours ?? '',
    notes: h.notes ?? '',
    customFields,
    members: h.members.map((m) => ({
      id: m.id,
      name: m.name,
      relation: m.relation,
      role: m.role,
      storedPhone: m.phone,
      phone: '',
      storedEmail: m.email,
      email: m.email ?? '',
      ageBand: m.ageBand,
      isPrimary: m.isPrimary,
    })),
    pets: h.pets.map((p) => ({
      id: p.id,
      kind: p.kind,
      name: p.name,
      size: p.size,
      vaccinatedUntil: toDay(p.vaccinatedUntil),
      notes: p.notes,
    })),
    vehicles: h.vehicles.map((v) => ({
      id: v.id,
      plate: v.plate,
      restrictionReminder: v.restrictionReminder,
    })),
  };
}

/**
 * The PATCH body for the edited values. Members keep their id; a member's phone is sent only
 * when the user typed a new one, an e-mail only when it differs from the stored (perhaps masked)
 * one — null when emptied. Custom fields not shown in the form (inactive) are kept.
 */
export function toUpdateBody(
  v: HouseholdFormValues,
  h: Household,
  defs: CustomFieldDef[],
): UpdateHouseholdBody & { version: number } {
  const customFields: Record<string, string | number | boolean | null> = {};
  for (const [k, val] of Object.entries(h.customFields)) {
    if (val === null || ['string', 'number', 'boolean'].includes(typeof val)) {
      customFields[k] = val as string | number | boolean | null;
    }
  }
  for (const def of defs) {
    if (!(def.key in (v.customFields ?? {}))) continue;
    const raw = v.customFields[def.key];
    if (def.type === 'date') customFields[def.key] = fromDay(raw as Dayjs | null);
    else if (def.type === 'number') customFields[def.key] = typeof raw === 'number' ? raw : null;
    else if (def.type === 'boolean') customFields[def.key] = typeof raw === 'boolean' ? raw : null;
    else customFields[def.key] = typeof raw === 'string' && raw.trim() ? raw.trim() : null;
  }

  return {
    version: h.version,
    occupancy: v.occupancy,
    moveInDate: fromDay(v.moveInDate),
    familyStructure: textOrNull(v.familyStructure),
    careFlags: [...(v.careFlags ?? [])],
    hobbies: cleanTags(v.hobbies),
    skills: cleanTags(v.skills),
    tags: cleanTags(v.tags),
    preferredChannel: v.preferredChannel ?? null,
    preferredHours: textOrNull(v.preferredHours),
    notes: textOrNull(v.notes),
    customFields,
    members: (v.members ?? []).map((m) => {
      const phone = (m.phone ?? '').trim();
      const email = (m.email ?? '').trim();
      return {
        ...(m.id ? { id: m.id } : {}),
        name: m.name.trim(),
        relation: textOrNull(m.relation),
        role: m.role,
        ...(phone ? { phone } : {}),
        ...(email === (m.storedEmail ?? '') ? {} : { email: email || null }),
        ageBand: m.ageBand ?? null,
        isPrimary: !!m.isPrimary,
      };
    }),
    pets: (v.pets ?? []).map((p) => ({
      ...(p.id ? { id: p.id } : {}),
      kind: p.kind,
      name: textOrNull(p.name),
      size: p.kind === 'dog' ? (p.size ?? null) : null,
      vaccinatedUntil: fromDay(p.vaccinatedUntil),
      notes: textOrNull(p.notes),
    })),
    vehicles: (v.vehicles ?? []).map((x) => ({
      ...(x.id ? { id: x.id } : {}),
      plate: x.plate.trim().toUpperCase(),
      restrictionReminder: !!x.restrictionReminder,
    })),
  };
}

function cleanTags(list: string[] | undefined): string[] {
  const out: string[] = [];
  for (const s of list ?? []) {
    const v = s.trim();
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

/** Which edit tab an API field path belongs to (to show the tab holding a server error). */
export function tabOfPath(path: (string | number)[]): string {
  const head = String(path[0] ?? '');
  if (head === 'members') return 'members';
  if (head === 'pets') return 'pets';
  if (head === 'vehicles') return 'vehicles';
  if (head === 'customFields') return 'custom';
  if (head === 'careFlags') return 'care';
  return 'basic';
}
