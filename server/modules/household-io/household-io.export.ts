import { fromJson, localDate } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import { maskEmail, maskName, maskPhone } from '../../lib/masking.js';
import { type Actor, requireEstate } from '../auth/index.js';
import {
  AGE_BAND_LABELS,
  CARE_FLAG_LABELS,
  CHANNEL_LABELS,
  NO,
  OCCUPANCY_LABELS,
  ROLE_LABELS,
  YES,
} from './household-io.columns.js';
import { HouseholdIoErrors } from './household-io.errors.js';
import * as repo from './household-io.repository.js';
import { addDataSheet, addHelpSheet } from './household-io.template.js';
import type { ExportFilter, HouseholdIoDeps } from './household-io.types.js';
import { writeWorkbook } from './household-io.xlsx.js';

/** The export of household archives to .xlsx, in the template's layout. */

/** The estate to export: the filter's, or the actor's only one. */
function estateOf(actor: Actor, estateId?: string) {
  const id = estateId ?? (!actor.allEstates && actor.estateIds.length === 1 ? actor.estateIds[0] : undefined);
  if (!id) throw HouseholdIoErrors.make('EXPORT_ESTATE_REQUIRED');
  requireEstate(actor, id);
  return id;
}

/**
 * Exports the households matching the list filter (the search of GET /households) with their
 * members and vehicles, in the template's layout so the file can be edited and imported again.
 * Phones and e-mail addresses are always masked, and so are the names of members under 14. The
 * caller has checked the actor may export.
 */
export async function runExport(
  deps: Pick<HouseholdIoDeps, 'db' | 'clock' | 'audit' | 'households'>,
  actor: Actor,
  filter: ExportFilter,
): Promise<{ buffer: Buffer; filename: string; rows: number }> {
  const { db, clock, audit } = deps;
  const estateId = estateOf(actor, filter.estateId);
  const estate = await repo.findEstate(db, estateId);
  if (!estate) throw CommonErrors.make('NOT_FOUND');
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await deps.households.list(actor, {
      estateId,
      q: filter.q,
      buildingId: filter.buildingId,
      occupancy: filter.occupancy,
      careFlag: filter.careFlag,
      cursor,
      limit: 500,
    });
    ids.push(...page.items.map((i) => i.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);

  const householdRows: Record<string, string>[] = [];
  const memberRows: Record<string, string>[] = [];
  const vehicleRows: Record<string, string>[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    const part = ids.slice(i, i + 1000);
    const [hs, ms, vs] = await Promise.all([
      repo.householdsByIds(db, estateId, part),
      repo.membersOf(db, estateId, part),
      repo.vehiclesOf(db, estateId, part),
    ]);
    const byId = new Map(hs.map((h) => [h.id, h]));
    const group = <T extends { household_id: string }>(rows: T[]) => {
      const m = new Map<string, T[]>();
      for (const r of rows) {
        const list = m.get(r.household_id);
        if (list) list.push(r);
        else m.set(r.household_id, [r]);
      }
      return m;
    };
    const membersOf = group(ms);
    const vehiclesOf = group(vs);
    for (const id of part) {
      const h = byId.get(id);
      if (!h) continue;
      const list = (v: unknown) => fromJson<string[]>(v, []).join('、');
      householdRows.push({
        room: h.room_code,
        occupancy: OCCUPANCY_LABELS[h.occupancy as keyof typeof OCCUPANCY_LABELS] ?? h.occupancy,
        moveInDate: h.move_in_date ?? '',
        familyStructure: h.family_structure ?? '',
        careFlags: fromJson<string[]>(h.care_flags, [])
          .map((f) => CARE_FLAG_LABELS[f as keyof typeof CARE_FLAG_LABELS] ?? f)
          .join('、'),
        hobbies: list(h.hobbies),
        skills: list(h.skills),
        tags: list(h.tags),
        preferredChannel: h.preferred_channel
          ? (CHANNEL_LABELS[h.preferred_channel as keyof typeof CHANNEL_LABELS] ?? h.preferred_channel)
          : '',
        preferredHours: h.preferred_hours ?? '',
        notes: h.notes ?? '',
      });
      for (const m of membersOf.get(id) ?? []) {
        const minor = m.age_band === 'under14';
        memberRows.push({
          room: h.room_code,
          name: minor ? (maskName(m.name) ?? '') : m.name,
          relation: m.relation ?? '',
          role: ROLE_LABELS[m.role as keyof typeof ROLE_LABELS] ?? m.role,
          phone: maskPhone(m.phone) ?? '',
          email: maskEmail(m.email) ?? '',
          ageBand: m.age_band
            ? (AGE_BAND_LABELS[m.age_band as keyof typeof AGE_BAND_LABELS] ?? m.age_band)
            : '',
          primary: m.is_primary === 1 ? YES : NO,
        });
      }
      for (const x of vehiclesOf.get(id) ?? []) {
        vehicleRows.push({
          room: h.room_code,
          plate: x.plate,
          reminder: x.restriction_reminder === 1 ? YES : NO,
        });
      }
    }
  }

  const now = clock.now();
  const at = new Intl.DateTimeFormat('sv-SE', {
    timeZone: estate.time_zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(now);
  const watermark = `由 ${actor.displayName} 于 ${at} 导出（${estate.name}，共 ${householdRows.length} 户）· 仅限内部使用，请勿外传`;
  const footer = `仅限内部使用 · ${actor.displayName} ${at} 导出`;
  const buffer = await writeWorkbook((wb) => {
    addDataSheet(wb, 'households', householdRows, { footer });
    addDataSheet(wb, 'members', memberRows, { footer });
    addDataSheet(wb, 'vehicles', vehicleRows, { footer });
    addHelpSheet(wb, watermark);
  });
  const q = filter.q?.trim();
  await audit.record({
    actor,
    action: 'export.households',
    estateId,
    details: {
      rows: householdRows.length,
      members: memberRows.length,
      vehicles: vehicleRows.length,
      // A searched phone number is personal data: keep it masked in the log.
      filter: {
        q: q && /^\d{7,}$/.test(q) ? maskPhone(q) : q,
        buildingId: filter.buildingId,
        occupancy: filter.occupancy,
        careFlag: filter.careFlag,
      },
    },
  });
  const filename = `家庭档案-${estate.code}-${localDate(now, estate.time_zone).replace(/-/g, '')}.xlsx`;
  return { buffer, filename, rows: householdRows.length };
}
