import type ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { maskEmail, maskName, maskPhone } from '../../lib/masking.js';
import type { Actor } from '../auth/index.js';
import {
  AGE_BAND_LABELS,
  CARE_FLAG_LABELS,
  CHANNEL_LABELS,
  COLUMNS,
  type DataSheet,
  EXAMPLES,
  MASKED_EMAIL,
  MASKED_PHONE,
  MAX_LIST_ITEMS,
  MAX_MEMBERS,
  MAX_ROWS,
  MAX_VEHICLES,
  OCCUPANCY_LABELS,
  parseChoice,
  parseDate,
  parseEmail,
  parsePhone,
  parsePlate,
  parseYesNo,
  ROLE_LABELS,
  SHEETS,
  splitList,
} from './household-io.columns.js';
import { HouseholdIoErrors, type RowMessage, rowMessage } from './household-io.errors.js';
import * as repo from './household-io.repository.js';
import { roomResolver } from './household-io.rooms.js';
import type { ImportError, ImportMode, MemberLine, Plan, Validated } from './household-io.types.js';
import { type ReadSheet, readSheet } from './household-io.xlsx.js';

/** Reading the sheets of an uploaded workbook and validating its rows into plans, one per household. */

const labelsText = (labels: Record<string, string>, sep = '/') => Object.values(labels).join(sep);

/** The column header (as in the file) of a column key. */
export const header = (sheet: DataSheet, key: string) => COLUMNS[sheet].find((c) => c.key === key)!.header;

function sameRow(values: Record<string, string>, example: Record<string, string>, present: Set<string>) {
  for (const key of present) if ((values[key] ?? '') !== (example[key] ?? '')) return false;
  return true;
}

function findSheet(wb: ExcelJS.Workbook, sheet: DataSheet, taken: Set<number>): ReadSheet | undefined {
  const wanted = SHEETS[sheet];
  const byName = wb.worksheets.find((w) => w.name.trim() === wanted && !taken.has(w.id));
  const signature = { households: 'occupancy', members: 'name', vehicles: 'plate' }[sheet];
  const candidates = byName
    ? [byName]
    : wb.worksheets.filter((w) => !taken.has(w.id) && w.name.trim() !== SHEETS.help);
  for (const ws of candidates) {
    const accept = (present: Set<string>) => !!byName || (present.has('room') && present.has(signature));
    const read = readSheet(ws, COLUMNS[sheet], MAX_ROWS[sheet], accept);
    if (read) {
      taken.add(ws.id);
      return read;
    }
  }
  return undefined;
}

/** Validates every row of the workbook against the estate; builds the plan of each household. */
export async function validate(
  db: Kysely<DB>,
  actor: Actor,
  estateId: string,
  wb: ExcelJS.Workbook,
  opts: { mode: ImportMode; createRooms: boolean },
): Promise<Validated> {
  const { mode } = opts;
  const lang = actor.lang;
  const errors: ImportError[] = [];
  const taken = new Set<number>();
  const hs = findSheet(wb, 'households', taken);
  if (!hs?.present.has('room'))
    throw HouseholdIoErrors.make('IMPORT_SHEET_MISSING', { sheet: SHEETS.households });
  const ms = findSheet(wb, 'members', taken);
  const vs = findSheet(wb, 'vehicles', taken);

  const fail = (
    sheet: ReadSheet,
    row: number,
    column: string,
    key: RowMessage,
    params: Record<string, unknown> = {},
    plan?: Plan,
  ) => {
    errors.push({ sheet: sheet.name, row, column, message: rowMessage(lang, key, { column, ...params }) });
    if (plan) plan.invalid = true;
  };
  let structural = false;
  for (const s of [hs, ms, vs]) {
    if (!s) continue;
    for (const def of s.missing) {
      fail(s, s.headerRow, def.header, 'columnMissing');
      structural = true;
    }
  }
  const dataRows = (s: ReadSheet | undefined, sheet: DataSheet) =>
    s ? s.rows.filter((r) => !EXAMPLES[sheet].some((ex) => sameRow(r.values, ex, s.present))) : [];
  const householdRows = dataRows(hs, 'households');
  const memberRows = dataRows(ms, 'members');
  const vehicleRows = dataRows(vs, 'vehicles');
  const sheetOrder = [hs.name, ms?.name, vs?.name];
  if (structural)
    return {
      errors,
      plans: [] as Plan[],
      householdRows: householdRows.length,
      structural,
      members: !!ms,
      vehicles: !!vs,
      sheetOrder,
    };

  /** Room text → the estate's room (or, with createRooms, a room to create), or a message key. */
  const resolveRoom = await roomResolver(db, estateId, opts.createRooms);

  // Households: one row per room.
  const plans = new Map<string, Plan>();
  const rowsOfRoom = new Map<string, number[]>();
  const roomCol = header('households', 'room');
  for (const { row, values } of householdRows) {
    const r = resolveRoom(values.room ?? '');
    if (!r.room) {
      fail(hs, row, roomCol, r.problem!, { value: r.code ?? values.room });
      continue;
    }
    const seen = rowsOfRoom.get(r.room.room_code);
    if (seen) {
      seen.push(row);
      continue;
    }
    rowsOfRoom.set(r.room.room_code, [row]);
    const plan: Plan = {
      row,
      room: r.room,
      invalid: false,
      fields: {},
      existingMembers: [],
      existingVehicles: [],
      members: [],
      vehicles: [],
    };
    plans.set(r.room.room_code, plan);
    parseHouseholdFields(
      values,
      hs.present,
      (key, msg, params) => fail(hs, row, header('households', key), msg, params, plan),
      plan.fields,
    );
  }
  for (const [code, rows] of rowsOfRoom) {
    if (rows.length < 2) continue;
    const plan = plans.get(code)!;
    plan.invalid = true;
    for (const row of rows) fail(hs, row, roomCol, 'roomDuplicate', { rows: rows.join('、') });
  }

  // The archives already there (updates keep member ids, so consents stay attached).
  const existing = await repo.householdsByRoomIds(
    db,
    estateId,
    [...plans.values()].map((p) => p.room.id),
  );
  const planOfRoom = new Map([...plans.values()].map((p) => [p.room.id, p]));
  const planOfHousehold = new Map<string, Plan>();
  for (const h of existing) {
    const plan = planOfRoom.get(h.room_id);
    if (!plan) continue;
    plan.existing = h;
    planOfHousehold.set(h.id, plan);
  }
  const ids = [...planOfHousehold.keys()];
  for (const m of await repo.membersOf(db, estateId, ids))
    planOfHousehold.get(m.household_id)?.existingMembers.push(m);
  for (const v of await repo.vehiclesOf(db, estateId, ids))
    planOfHousehold.get(v.household_id)?.existingVehicles.push(v);

  /** The plan of a member or vehicle row's room; reports why when there is none. */
  const planFor = (s: ReadSheet, row: number, text: string): Plan | undefined => {
    const r = resolveRoom(text);
    const column = header('members', 'room');
    if (!r.room) {
      fail(s, row, column, r.problem!, { value: r.code ?? text });
      return undefined;
    }
    const plan = plans.get(r.room.room_code);
    if (!plan) fail(s, row, column, 'roomNotInHouseholds', { value: r.room.room_code, sheet: hs.name });
    return plan;
  };

  // Members: one row per person.
  if (ms) {
    for (const { row, values } of memberRows) {
      const plan = planFor(ms, row, values.room ?? '');
      const bad = (key: string, msg: RowMessage, params?: Record<string, unknown>) =>
        fail(ms, row, header('members', key), msg, params, plan);
      const line = parseMember(row, values, ms.present, bad);
      if (!plan || !line) continue;
      if (plan.members.length >= MAX_MEMBERS) bad('name', 'tooManyMembers', { max: MAX_MEMBERS });
      const primary = plan.members.find((m) => m.primary);
      if (line.primary && primary) bad('primary', 'twoPrimaries', { row: primary.row });
      plan.members.push(line);
    }
    for (const plan of plans.values())
      matchMembers(plan, (row, key, msg, params) => fail(ms, row, header('members', key), msg, params, plan));
  }

  // Vehicles: one row per car; a plate is unique in the estate.
  if (vs) {
    const rowsOfPlate = new Map<string, { row: number; plan?: Plan }[]>();
    for (const { row, values } of vehicleRows) {
      const plan = planFor(vs, row, values.room ?? '');
      const bad = (key: string, msg: RowMessage, params?: Record<string, unknown>) =>
        fail(vs, row, header('vehicles', key), msg, params, plan);
      const plate = parsePlate(values.plate ?? '');
      if (!values.plate) bad('plate', 'required');
      else if (!plate) bad('plate', 'plate', { value: values.plate });
      let reminder = false;
      if (values.reminder) {
        const yn = parseYesNo(values.reminder);
        if (yn === undefined) bad('reminder', 'yesNo');
        else reminder = yn;
      }
      if (!plate) continue;
      rowsOfPlate.set(plate, [...(rowsOfPlate.get(plate) ?? []), { row, plan }]);
      if (!plan) continue;
      if (plan.vehicles.length >= MAX_VEHICLES) bad('plate', 'tooManyVehicles', { max: MAX_VEHICLES });
      plan.vehicles.push({ row, plate, reminder });
    }
    const plateCol = header('vehicles', 'plate');
    for (const [plate, rows] of rowsOfPlate) {
      if (rows.length < 2) continue;
      for (const r of rows)
        fail(
          vs,
          r.row,
          plateCol,
          'plateDuplicate',
          { value: plate, rows: rows.map((x) => x.row).join('、') },
          r.plan,
        );
    }
    // A plate held by a household that this import does not replace is taken. In valid_rows mode
    // a skipped household keeps its plates, which can in turn block another: repeat until stable.
    const owners = new Map(
      (await repo.plateOwners(db, estateId, [...rowsOfPlate.keys()])).map((o) => [o.plate, o]),
    );
    const replaced = (householdId: string) => {
      const p = planOfHousehold.get(householdId);
      return !!p && (mode === 'all_or_nothing' || !p.invalid);
    };
    for (let changed = true; changed; ) {
      changed = false;
      for (const plan of plans.values()) {
        if (plan.invalid && mode === 'valid_rows') continue;
        for (const v of plan.vehicles) {
          const owner = owners.get(v.plate);
          if (!owner || owner.household_id === plan.existing?.id || replaced(owner.household_id)) continue;
          const wasValid = !plan.invalid;
          fail(vs, v.row, plateCol, 'plateTaken', { value: v.plate, room: owner.room_code }, plan);
          if (wasValid && mode === 'valid_rows') changed = true;
        }
      }
    }
  }
  return {
    errors,
    plans: [...plans.values()],
    householdRows: householdRows.length,
    structural,
    members: !!ms,
    vehicles: !!vs,
    sheetOrder,
  };
}

/** Parses the household columns present in the file into `out` (absent columns stay undefined). */
function parseHouseholdFields(
  v: Record<string, string>,
  present: Set<string>,
  bad: (key: string, msg: RowMessage, params?: Record<string, unknown>) => void,
  out: Record<string, unknown>,
) {
  const text = (key: string, max: number) => {
    if (!present.has(key)) return;
    const s = v[key] ?? '';
    if ([...s].length > max) bad(key, 'tooLong', { max });
    out[key] = s || null;
  };
  const list = (key: string) => {
    if (!present.has(key)) return;
    const items = splitList(v[key] ?? '');
    const long = items.find((x) => [...x].length > 20);
    if (long) bad(key, 'itemTooLong', { value: long, max: 20 });
    if (items.length > MAX_LIST_ITEMS) bad(key, 'tooManyItems', { max: MAX_LIST_ITEMS });
    out[key] = items;
  };
  const occupancy = parseChoice(OCCUPANCY_LABELS, v.occupancy ?? '');
  if (!v.occupancy) bad('occupancy', 'required');
  else if (!occupancy) bad('occupancy', 'choice', { options: labelsText(OCCUPANCY_LABELS) });
  out.occupancy = occupancy;
  if (present.has('moveInDate')) {
    const s = v.moveInDate ?? '';
    const d = s ? parseDate(s) : null;
    if (d === undefined) bad('moveInDate', 'date', { value: s });
    out.moveInDate = d ?? null;
  }
  text('familyStructure', 60);
  if (present.has('careFlags')) {
    const flags: string[] = [];
    for (const item of splitList(v.careFlags ?? '')) {
      const f = parseChoice(CARE_FLAG_LABELS, item);
      if (!f) bad('careFlags', 'listChoice', { value: item, options: labelsText(CARE_FLAG_LABELS, '、') });
      else if (!flags.includes(f)) flags.push(f);
    }
    out.careFlags = flags;
  }
  list('hobbies');
  list('skills');
  list('tags');
  if (present.has('preferredChannel')) {
    const s = v.preferredChannel ?? '';
    const c = s ? parseChoice(CHANNEL_LABELS, s) : null;
    if (c === undefined) bad('preferredChannel', 'choice', { options: labelsText(CHANNEL_LABELS) });
    out.preferredChannel = c ?? null;
  }
  text('preferredHours', 40);
  text('notes', 2000);
}

function parseMember(
  row: number,
  v: Record<string, string>,
  present: Set<string>,
  bad: (key: string, msg: RowMessage, params?: Record<string, unknown>) => void,
): MemberLine | undefined {
  let ok = true;
  const no = (key: string, msg: RowMessage, params?: Record<string, unknown>) => {
    bad(key, msg, params);
    ok = false;
  };
  const name = v.name ?? '';
  if (!name) no('name', 'required');
  else if ([...name].length > 40) no('name', 'tooLong', { max: 40 });
  let relation: string | null | undefined;
  if (present.has('relation')) {
    relation = v.relation || null;
    if (relation && [...relation].length > 20) no('relation', 'tooLong', { max: 20 });
  }
  const role = parseChoice(ROLE_LABELS, v.role ?? '');
  if (!v.role) no('role', 'required');
  else if (!role) no('role', 'choice', { options: labelsText(ROLE_LABELS) });
  let phone: string | null | undefined;
  let maskedPhone: string | undefined;
  if (present.has('phone')) {
    const s = (v.phone ?? '').replace(/\s+/g, '');
    if (!s) phone = null;
    else if (MASKED_PHONE.test(s)) maskedPhone = s;
    else {
      phone = parsePhone(s);
      if (!phone) no('phone', 'phone');
    }
  }
  let email: string | null | undefined;
  let maskedEmail: string | undefined;
  if (present.has('email')) {
    const s = (v.email ?? '').normalize('NFKC').trim().toLowerCase();
    if (!s) email = null;
    else if (MASKED_EMAIL.test(s)) maskedEmail = s;
    else {
      email = parseEmail(s);
      if (!email) no('email', 'email');
    }
  }
  let ageBand: string | null | undefined;
  if (present.has('ageBand')) {
    ageBand = v.ageBand ? parseChoice(AGE_BAND_LABELS, v.ageBand) : null;
    if (ageBand === undefined) no('ageBand', 'choice', { options: labelsText(AGE_BAND_LABELS) });
  }
  let primary = false;
  if (v.primary) {
    const yn = parseYesNo(v.primary);
    if (yn === undefined) no('primary', 'yesNo');
    else primary = yn;
  }
  if (!ok || !role) return undefined;
  return { row, name, relation, role, phone, maskedPhone, email, maskedEmail, ageBand, primary };
}

/**
 * Pairs the file's members with the stored ones by name (keeping their ids, so consents and
 * history stay attached), restores masked phones, masked e-mails and kept minors, and refuses new
 * minors.
 */
function matchMembers(
  plan: Plan,
  bad: (row: number, key: string, msg: RowMessage, params?: Record<string, unknown>) => void,
) {
  const used = new Set<string>();
  for (const line of plan.members) {
    const pick = (f: (m: any) => boolean) => plan.existingMembers.find((m) => !used.has(m.id) && f(m));
    const match =
      pick((m) => m.name === line.name) ??
      pick((m) => m.age_band === 'under14' && maskName(m.name) === line.name);
    if (match) used.add(match.id);
    line.match = match;
    // Only a minor already recorded in the system (with the guardian's consent) is kept.
    if (line.ageBand === 'under14' && match?.age_band !== 'under14') bad(line.row, 'ageBand', 'minor');
    if (line.maskedPhone && !(match?.phone && maskPhone(match.phone) === line.maskedPhone)) {
      bad(line.row, 'phone', 'phoneMasked', { value: line.maskedPhone });
    }
    if (line.maskedEmail && !(match?.email && maskEmail(match.email)?.toLowerCase() === line.maskedEmail)) {
      bad(line.row, 'email', 'emailMasked', { value: line.maskedEmail });
    }
  }
}
