import type ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { MemberInput } from '../../../contract/households.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { fromJson, localDate, toJson } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { maskName, maskPhone } from '../../lib/masking.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, requireCap, requireEstate } from '../auth/index.js';
import type { EstateService } from '../estates/index.js';
// The writer helpers keep the archive invariants identical to household.service.ts create/update.
import { diffArchive, resolveMembers, resolveVehicles } from '../households/household.writer.js';
import { type HouseholdService, parseRoomQuery, roomSortKey } from '../households/index.js';
import {
  AGE_BAND_LABELS,
  CARE_FLAG_LABELS,
  CHANNEL_LABELS,
  COLUMNS,
  type DataSheet,
  EXAMPLES,
  GENERAL_HELP,
  MASKED_PHONE,
  MAX_LIST_ITEMS,
  MAX_MEMBERS,
  MAX_ROWS,
  MAX_VEHICLES,
  NO,
  OCCUPANCY_LABELS,
  parseChoice,
  parseDate,
  parsePhone,
  parsePlate,
  parseYesNo,
  ROLE_LABELS,
  SHEETS,
  splitList,
  YES,
} from './household-io.columns.js';
import { HouseholdIoErrors, type RowMessage, rowMessage } from './household-io.errors.js';
import * as repo from './household-io.repository.js';
import { loadWorkbook, type ReadSheet, readSheet, writeWorkbook } from './household-io.xlsx.js';

export type HouseholdIoService = ReturnType<typeof createHouseholdIoService>;

export interface HouseholdIoDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  /** `list` gives the export the very search of GET /households. */
  households: Pick<HouseholdService, 'create' | 'update' | 'load' | 'list'>;
  estates: Pick<EstateService, 'findRoom'>;
}

export type ImportMode = 'all_or_nothing' | 'valid_rows';

export interface ImportOptions {
  /** all_or_nothing: any error imports nothing; valid_rows: households with errors are skipped. */
  mode: ImportMode;
  /** Validate and count only; nothing is written. */
  dryRun: boolean;
}

export interface ImportError {
  sheet: string;
  /** The row number Excel shows. */
  row: number;
  /** The column header (Chinese, as in the file). */
  column: string;
  message: string;
}

export interface ImportResult {
  imported: number;
  updated: number;
  unchanged: number;
  skipped: number;
  errors: ImportError[];
  errorCount: number;
  dryRun: boolean;
}

export interface ExportFilter {
  estateId?: string;
  q?: string;
  buildingId?: string;
  occupancy?: string;
  careFlag?: string;
}

/** Errors listed in a response; the count says how many there were in all. */
const MAX_LISTED_ERRORS = 1000;

type MemberIn = z.infer<typeof MemberInput>;

interface RoomRef {
  id: string;
  building_id: string;
  room_code: string;
}

interface MemberLine {
  row: number;
  name: string;
  relation?: string | null;
  role: 'owner' | 'tenant' | 'family';
  /** undefined: column absent or masked (keep the stored number); null: blank. */
  phone?: string | null;
  maskedPhone?: string;
  ageBand?: string | null;
  primary: boolean;
  /** The stored member this line is taken to be (same name; a kept minor by masked name). */
  match?: any;
}

interface VehicleLine {
  row: number;
  plate: string;
  reminder: boolean;
}

interface Plan {
  row: number;
  room: RoomRef;
  invalid: boolean;
  fields: Record<string, unknown>;
  existing?: any;
  existingMembers: any[];
  existingVehicles: any[];
  members: MemberLine[];
  vehicles: VehicleLine[];
}

interface Prepared {
  plan: Plan;
  kind: 'create' | 'update';
  id: string;
  version: number;
  household?: Record<string, unknown>;
  set?: Record<string, unknown>;
  members?: any[];
  vehicles?: any[];
  tags?: string[];
  changes: unknown[];
}

/** Thrown inside the write transaction when the database moved since validation: rolls it back. */
class WriteConflict extends Error {
  constructor(readonly items: { plan: Plan; key: RowMessage; params?: Record<string, unknown> }[]) {
    super('import write conflict');
  }
}

const HOUSEHOLD_FIELD_COLUMNS: [key: string, column: string, json: boolean][] = [
  ['occupancy', 'occupancy', false],
  ['moveInDate', 'move_in_date', false],
  ['familyStructure', 'family_structure', false],
  ['careFlags', 'care_flags', true],
  ['hobbies', 'hobbies', true],
  ['skills', 'skills', true],
  ['tags', 'tags', true],
  ['preferredChannel', 'preferred_channel', false],
  ['preferredHours', 'preferred_hours', false],
  ['notes', 'notes', false],
];

const labelsText = (labels: Record<string, string>, sep = '/') => Object.values(labels).join(sep);
const header = (sheet: DataSheet, key: string) => COLUMNS[sheet].find((c) => c.key === key)!.header;

/** Excel column letter of a 1-based index (A … Z, AA …). */
function colLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** Display width in Excel character units: CJK characters count double. */
function textWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u2e80-\uffff]/.test(ch) ? 2 : 1;
  return w;
}

function sameRow(values: Record<string, string>, example: Record<string, string>, present: Set<string>) {
  for (const key of present) if ((values[key] ?? '') !== (example[key] ?? '')) return false;
  return true;
}

/** Household archives to and from Excel (家庭档案导入导出): template, import, export. */
export function createHouseholdIoService(deps: HouseholdIoDeps) {
  const { db, clock, audit } = deps;

  // ---------------------------------------------------------------- workbook layout

  function addDataSheet(
    wb: ExcelJS.stream.xlsx.WorkbookWriter,
    sheet: DataSheet,
    rows: Record<string, string>[],
    opts: { example?: boolean; footer?: string },
  ) {
    const defs = COLUMNS[sheet];
    const ws = wb.addWorksheet(SHEETS[sheet], {
      views: [{ state: 'frozen', ySplit: 1 }],
      ...(opts.footer
        ? { headerFooter: { oddHeader: `&L${opts.footer}`, oddFooter: '&C第 &P 页，共 &N 页' } }
        : {}),
    });
    ws.columns = defs.map((d) => ({
      key: d.key,
      width: d.width,
      style: d.text ? { numFmt: '@' } : d.date ? { numFmt: 'yyyy-mm-dd' } : {},
    }));
    const head = ws.addRow(defs.map((d) => d.header));
    head.height = 20;
    head.eachCell((cell, i) => {
      const def = defs[i - 1]!;
      cell.font = { bold: true, color: { argb: def.required ? 'FFC00000' : 'FF000000' } };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
      cell.alignment = { vertical: 'middle', horizontal: 'center' };
      cell.border = { bottom: { style: 'thin', color: { argb: 'FF9BC2E6' } } };
    });
    head.commit();
    for (const values of rows) {
      const r = ws.addRow(defs.map((d) => values[d.key] ?? ''));
      if (opts.example) r.font = { italic: true, color: { argb: 'FF808080' } };
      r.commit();
    }
    defs.forEach((d, i) => {
      if (!d.options) return;
      const col = colLetter(i + 1);
      (
        ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }
      ).dataValidations.add(`${col}2:${col}${MAX_ROWS[sheet] + 1}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`"${d.options.join(',')}"`],
        showErrorMessage: true,
        errorStyle: 'warning',
        errorTitle: d.header,
        error: `${d.header}只能是 ${d.options.join('/')}`,
        showInputMessage: true,
        promptTitle: d.header,
        prompt: d.help.slice(0, 250),
      });
    });
    ws.commit();
  }

  function addHelpSheet(wb: ExcelJS.stream.xlsx.WorkbookWriter, watermark?: string) {
    const ws = wb.addWorksheet(SHEETS.help);
    ws.columns = [{ width: 12 }, { width: 14 }, { width: 8 }, { width: 100 }];
    if (watermark) {
      const w = ws.addRow([watermark]);
      w.font = { bold: true, color: { argb: 'FFC00000' } };
      w.commit();
    }
    const title = ws.addRow(['家庭档案导入导出说明']);
    title.font = { bold: true, size: 14 };
    title.height = 22;
    title.commit();
    GENERAL_HELP.forEach((line, i) => {
      ws.addRow([`${i + 1}. ${line}`]).commit();
    });
    ws.addRow(['红色表头为必填列；有下拉框的列可直接选择。']).commit();
    ws.addRow([]).commit();
    const head = ws.addRow(['工作表', '列名', '必填', '填写说明']);
    head.font = { bold: true };
    head.eachCell((c) => {
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
    });
    head.commit();
    for (const sheet of ['households', 'members', 'vehicles'] as const) {
      for (const d of COLUMNS[sheet]) {
        const r = ws.addRow([SHEETS[sheet], d.header, d.required ? '必填' : '', d.help]);
        r.getCell(4).alignment = { wrapText: true, vertical: 'top' };
        r.height = 15 * Math.max(1, Math.ceil(textWidth(d.help) / 98));
        r.commit();
      }
    }
    ws.commit();
  }

  // ---------------------------------------------------------------- import: reading and validation

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
  async function validate(actor: Actor, estateId: string, wb: ExcelJS.Workbook, mode: ImportMode) {
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

    const rooms = new Map((await repo.listRooms(db, estateId)).map((r) => [r.room_code, r]));
    /** Room text → the estate's room, or a message key. */
    const resolveRoom = (text: string): { room?: RoomRef; code?: string; problem?: RowMessage } => {
      if (!text) return { problem: 'required' };
      const q = parseRoomQuery(text);
      if (!q?.building || !q.unit || !q.room) return { problem: 'roomFormat' };
      const code = `${q.building}-${q.unit}-${q.room}`;
      const room = rooms.get(code);
      return room ? { room, code } : { code, problem: 'roomUnknown' };
    };

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
        matchMembers(plan, (row, key, msg, params) =>
          fail(ms, row, header('members', key), msg, params, plan),
        );
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
    return { row, name, relation, role, phone, maskedPhone, ageBand, primary };
  }

  /**
   * Pairs the file's members with the stored ones by name (keeping their ids, so consents and
   * history stay attached), restores masked phones and kept minors, and refuses new minors.
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
    }
  }

  function memberInputs(plan: Plan): MemberIn[] {
    return plan.members.map((line) => {
      const match = line.match;
      const keepMinorName = match?.age_band === 'under14' && line.name !== match.name;
      return {
        ...(match ? { id: match.id } : {}),
        name: keepMinorName ? match.name : line.name,
        relation: line.relation,
        role: line.role,
        phone: line.maskedPhone ? undefined : line.phone,
        ageBand: line.ageBand as MemberIn['ageBand'],
        isPrimary: line.primary,
      };
    });
  }

  // ---------------------------------------------------------------- import: writing

  function prepare(
    actor: Actor,
    estateId: string,
    plan: Plan,
    withMembers: boolean,
    withVehicles: boolean,
    now: string,
  ): Prepared | undefined {
    const f = plan.fields;
    const h = plan.existing;
    const id: string = h?.id ?? newId();
    const members = withMembers
      ? resolveMembers(estateId, id, memberInputs(plan), plan.existingMembers)
      : undefined;
    const vehicles = withVehicles
      ? resolveVehicles(
          estateId,
          id,
          plan.vehicles.map((v) => ({
            id: plan.existingVehicles.find((x) => x.plate === v.plate)?.id,
            plate: v.plate,
            restrictionReminder: v.reminder,
          })),
        )
      : undefined;
    if (!h) {
      const tags = (f.tags as string[] | undefined) ?? [];
      return {
        plan,
        kind: 'create',
        id,
        version: 1,
        household: {
          estate_id: estateId,
          id,
          room_id: plan.room.id,
          building_id: plan.room.building_id,
          room_code: plan.room.room_code,
          room_sort: roomSortKey(plan.room.room_code),
          occupancy: f.occupancy,
          move_in_date: f.moveInDate ?? null,
          family_structure: f.familyStructure ?? null,
          care_flags: toJson(f.careFlags ?? []),
          hobbies: toJson(f.hobbies ?? []),
          skills: toJson(f.skills ?? []),
          tags: toJson(tags),
          preferred_channel: f.preferredChannel ?? null,
          preferred_hours: f.preferredHours ?? null,
          notes: f.notes ?? null,
          custom_fields: toJson({}),
          primary_name: members?.find((m) => m.is_primary === 1)?.name ?? null,
          member_count: members?.length ?? 0,
          created_at: now,
          updated_at: now,
          created_by: actor.id,
          updated_by: actor.id,
        },
        members: members ?? [],
        vehicles: vehicles ?? [],
        tags,
        changes: [{ field: 'created', old: null, new: plan.room.room_code }],
      };
    }
    const set: Record<string, unknown> = {};
    for (const [key, col, json] of HOUSEHOLD_FIELD_COLUMNS) {
      if (f[key] === undefined) continue;
      set[col] = json ? toJson(f[key]) : f[key];
    }
    if (members) {
      set.primary_name = members.find((m) => m.is_primary === 1)?.name ?? null;
      set.member_count = members.length;
    }
    const changes = diffArchive(
      { row: h, members: plan.existingMembers, pets: [], vehicles: plan.existingVehicles },
      { row: set, members, vehicles },
    );
    if (!changes.length) return undefined;
    return {
      plan,
      kind: 'update',
      id,
      version: Number(h.version),
      set,
      members,
      vehicles,
      tags: f.tags as string[] | undefined,
      changes,
    };
  }

  /** Writes prepared archives inside one transaction; throws WriteConflict when the data moved. */
  async function writeAll(trx: Kysely<DB>, actor: Actor, estateId: string, items: Prepared[], now: string) {
    const creates = items.filter((i) => i.kind === 'create');
    const updates = items.filter((i) => i.kind === 'update');
    const taken = new Set(
      await repo.roomsWithHousehold(
        trx,
        estateId,
        creates.map((c) => c.plan.room.id),
      ),
    );
    const conflicts: ConstructorParameters<typeof WriteConflict>[0] = creates
      .filter((c) => taken.has(c.plan.room.id))
      .map((c) => ({
        plan: c.plan,
        key: 'roomTakenMeanwhile' as const,
        params: { value: c.plan.room.room_code },
      }));
    if (conflicts.length) throw new WriteConflict(conflicts);
    for (const u of updates) {
      const ok = await repo.updateHousehold(trx, estateId, u.id, u.version, {
        ...u.set,
        version: u.version + 1,
        updated_at: now,
        updated_by: actor.id,
      });
      if (!ok) conflicts.push({ plan: u.plan, key: 'changedMeanwhile' });
    }
    if (conflicts.length) throw new WriteConflict(conflicts);
    await repo.deleteParts(
      trx,
      'members',
      estateId,
      updates.filter((u) => u.members).map((u) => u.id),
    );
    await repo.deleteParts(
      trx,
      'vehicles',
      estateId,
      updates.filter((u) => u.vehicles).map((u) => u.id),
    );
    await repo.deleteParts(
      trx,
      'household_tags',
      estateId,
      updates.filter((u) => u.tags).map((u) => u.id),
    );
    // Plates written meanwhile by someone else (ours were just deleted).
    const byPlate = new Map(
      items.flatMap((i) => (i.vehicles ?? []).map((v) => [v.plate as string, i] as const)),
    );
    for (const o of await repo.plateOwners(trx, estateId, [...byPlate.keys()])) {
      conflicts.push({
        plan: byPlate.get(o.plate)!.plan,
        key: 'plateTaken',
        params: { value: o.plate, room: o.room_code },
      });
    }
    if (conflicts.length) throw new WriteConflict(conflicts);
    await repo.insertMany(
      trx,
      'households',
      creates.map((c) => c.household!),
    );
    await repo.insertMany(
      trx,
      'members',
      items.flatMap((i) => i.members ?? []),
    );
    await repo.insertMany(
      trx,
      'vehicles',
      items.flatMap((i) => i.vehicles ?? []),
    );
    await repo.insertMany(
      trx,
      'household_tags',
      items.flatMap((i) =>
        [...new Set(i.tags ?? [])].map((tag) => ({ estate_id: estateId, household_id: i.id, tag })),
      ),
    );
    await repo.insertMany(
      trx,
      'household_changes',
      items.map((i) => ({
        estate_id: estateId,
        id: newId(),
        household_id: i.id,
        at: now,
        actor_id: actor.id,
        actor_name: actor.displayName,
        version: i.kind === 'create' ? 1 : i.version + 1,
        changes: toJson(i.changes),
      })),
    );
  }

  function estateOf(actor: Actor, estateId?: string) {
    const id =
      estateId ?? (!actor.allEstates && actor.estateIds.length === 1 ? actor.estateIds[0] : undefined);
    if (!id) throw HouseholdIoErrors.make('EXPORT_ESTATE_REQUIRED');
    requireEstate(actor, id);
    return id;
  }

  return {
    /** Throws 403/404 before an upload is read when the actor may not import into the estate. */
    authorizeImport(actor: Actor, estateId: string): void {
      requireCap(actor, 'household.import');
      requireEstate(actor, estateId);
    },

    /** The .xlsx import template: three data sheets with one example each, dropdowns, and 说明. */
    async template(actor: Actor): Promise<Buffer> {
      requireCap(actor, 'household.import');
      return writeWorkbook((wb) => {
        for (const sheet of ['households', 'members', 'vehicles'] as const)
          addDataSheet(wb, sheet, EXAMPLES[sheet], { example: true });
        addHelpSheet(wb);
      });
    },

    /**
     * Imports households (and their members and vehicles) from an .xlsx workbook. Every row is
     * validated first; errors name the sheet, the Excel row and the column. A room that has an
     * archive is updated (members and vehicles replaced by the file's), others are created. All
     * writes happen in one transaction: nothing partial is left if one fails.
     */
    async importWorkbook(
      actor: Actor,
      estateId: string,
      file: Buffer,
      opts: ImportOptions,
    ): Promise<ImportResult> {
      requireCap(actor, 'household.import');
      requireEstate(actor, estateId);
      if (!(await repo.findEstate(db, estateId))) throw CommonErrors.make('NOT_FOUND');
      const wb = await loadWorkbook(file);
      const v = await validate(actor, estateId, wb, opts.mode);
      const errors = v.errors;
      const result = (imported: number, updated: number, unchanged: number): ImportResult => {
        const sorted = [...errors].sort(
          (a, b) => v.sheetOrder.indexOf(a.sheet) - v.sheetOrder.indexOf(b.sheet) || a.row - b.row,
        );
        return {
          imported,
          updated,
          unchanged,
          skipped: v.householdRows - imported - updated - unchanged,
          errors: sorted.slice(0, MAX_LISTED_ERRORS),
          errorCount: errors.length,
          dryRun: opts.dryRun,
        };
      };
      const record = (r: ImportResult) =>
        audit.record({
          actor,
          action: 'import.households',
          estateId,
          outcome: r.imported + r.updated + r.unchanged > 0 || !r.errorCount ? 'success' : 'failure',
          details: {
            mode: opts.mode,
            imported: r.imported,
            updated: r.updated,
            unchanged: r.unchanged,
            skipped: r.skipped,
            errors: r.errorCount,
          },
        });
      if (v.structural || (opts.mode === 'all_or_nothing' && errors.length)) {
        const r = result(0, 0, 0);
        if (!opts.dryRun) await record(r);
        return r;
      }
      const now = clock.now().toISOString();
      let items: Prepared[] = [];
      let unchanged = 0;
      for (const plan of v.plans) {
        if (plan.invalid) continue;
        const p = prepare(actor, estateId, plan, v.members, v.vehicles, now);
        if (p) items.push(p);
        else unchanged++;
      }
      const count = (kind: Prepared['kind']) => items.filter((i) => i.kind === kind).length;
      if (opts.dryRun) return result(count('create'), count('update'), unchanged);
      // One transaction. When the data moved since validation (a concurrent edit), all_or_nothing
      // reports it and writes nothing; valid_rows drops the households concerned and retries.
      let rolledBack = false;
      while (items.length) {
        try {
          await db.transaction().execute(async (trx) => {
            await writeAll(trx, actor, estateId, items, now);
          });
          break;
        } catch (e) {
          if (!(e instanceof WriteConflict)) {
            await audit.record({
              actor,
              action: 'import.households',
              estateId,
              outcome: 'failure',
              details: { mode: opts.mode, failed: 'write' },
            });
            throw e;
          }
          for (const c of e.items) {
            errors.push({
              sheet: v.sheetOrder[0]!,
              row: c.plan.row,
              column: header('households', 'room'),
              message: rowMessage(actor.lang, c.key, c.params),
            });
          }
          const failed = new Set(e.items.map((c) => c.plan));
          if (opts.mode === 'all_or_nothing') {
            items = [];
            rolledBack = true;
          } else items = items.filter((i) => !failed.has(i.plan));
        }
      }
      const r = result(count('create'), count('update'), rolledBack ? 0 : unchanged);
      await record(r);
      return r;
    },

    /**
     * Exports the households matching the list filter (the search of GET /households) with their
     * members and vehicles, in the template's layout so the file can be edited and imported again.
     * Phones are always masked, and so are the names of members under 14.
     */
    async exportWorkbook(
      actor: Actor,
      filter: ExportFilter,
    ): Promise<{ buffer: Buffer; filename: string; rows: number }> {
      requireCap(actor, 'household.export');
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
    },
  };
}
