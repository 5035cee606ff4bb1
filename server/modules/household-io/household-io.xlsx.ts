import { PassThrough } from 'node:stream';
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import ExcelJS from 'exceljs';
import { type ColumnDef, isHeaderOf, MAX_ROWS, normalizeHeader } from './household-io.columns.js';
import { HouseholdIoErrors } from './household-io.errors.js';

/**
 * Reading and writing .xlsx files safely. Uploaded workbooks are checked before exceljs parses
 * them: exceljs expands every cell of a defined name, data validation or merge range into memory,
 * so a 6 KB file naming `A1:Z1048576` blocks the process for minutes (exceljs issues #1842,
 * #2296). We verify the ZIP (sizes, no bombs), drop defined names from workbook.xml and tell
 * exceljs to skip validations and merges: the importer needs none of them.
 */

const MAX_UNCOMPRESSED = 64 * 1024 * 1024;
const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_END = 0x06054b50;

interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  time: number;
  date: number;
  crc: number;
  compressedSize: number;
  size: number;
  dataOffset: number;
}

/** The central directory of a ZIP, or undefined when it is malformed (or ZIP64, which no xlsx this small uses). */
function readZipDirectory(buf: Buffer): ZipEntry[] | undefined {
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === SIG_END) {
      end = i;
      break;
    }
  }
  if (end < 0) return undefined;
  const count = buf.readUInt16LE(end + 10);
  const dirOffset = buf.readUInt32LE(end + 16);
  if (count === 0xffff || dirOffset === 0xffffffff) return undefined;
  const out: ZipEntry[] = [];
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== SIG_CENTRAL) return undefined;
    const nameLen = buf.readUInt16LE(p + 28);
    const localOffset = buf.readUInt32LE(p + 42);
    if (localOffset + 30 > buf.length || buf.readUInt32LE(localOffset) !== SIG_LOCAL) return undefined;
    const entry: ZipEntry = {
      name: buf.toString('utf8', p + 46, p + 46 + nameLen).replace(/^\/+/, ''),
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      time: buf.readUInt16LE(p + 12),
      date: buf.readUInt16LE(p + 14),
      crc: buf.readUInt32LE(p + 16),
      compressedSize: buf.readUInt32LE(p + 20),
      size: buf.readUInt32LE(p + 24),
      dataOffset: localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28),
    };
    if (entry.compressedSize === 0xffffffff || entry.size === 0xffffffff) return undefined;
    if (entry.dataOffset + entry.compressedSize > buf.length) return undefined;
    out.push(entry);
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

/** Inflates an entry, refusing one that grows beyond its declared size (a ZIP bomb lies about it). */
function inflateEntry(buf: Buffer, e: ZipEntry): Buffer {
  const raw = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  const data = e.method === 0 ? raw : inflateRawSync(raw, { maxOutputLength: e.size + 1 });
  if (data.length !== e.size) throw new Error('size mismatch');
  return data;
}

/** The uncompressed content of one entry of a ZIP (tests use it to craft files). */
export function readZipEntry(buf: Buffer, name: string): Buffer | undefined {
  const e = readZipDirectory(buf)?.find((x) => x.name === name);
  return e ? inflateEntry(buf, e) : undefined;
}

/** The ZIP with some entries' content replaced (tests use it to craft files). */
export function replaceZipEntries(buf: Buffer, replaced: Map<string, Buffer>): Buffer {
  const entries = readZipDirectory(buf);
  if (!entries) throw new Error('not a zip');
  return rebuildZip(buf, entries, replaced);
}

/** Writes a ZIP from entries, keeping the compressed bytes of those not replaced. */
function rebuildZip(buf: Buffer, entries: ZipEntry[], replaced: Map<string, Buffer>): Buffer {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const plain = replaced.get(e.name);
    const data = plain ? deflateRawSync(plain) : buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    const method = plain ? 8 : e.method;
    const crc = plain ? crc32(plain) : e.crc;
    const size = plain ? plain.length : e.size;
    const flags = 0x0800; // UTF-8 names; no data descriptor (sizes are known)
    const local = Buffer.alloc(30);
    local.writeUInt32LE(SIG_LOCAL, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(e.time, 10);
    local.writeUInt16LE(e.date, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(SIG_CENTRAL, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(flags, 8);
    dir.writeUInt16LE(method, 10);
    dir.writeUInt16LE(e.time, 12);
    dir.writeUInt16LE(e.date, 14);
    dir.writeUInt32LE(crc, 16);
    dir.writeUInt32LE(data.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    parts.push(local, name, data);
    central.push(dir, name);
    offset += 30 + name.length + data.length;
  }
  const dirBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(SIG_END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dirBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, dirBuf, end]);
}

/**
 * Checks an uploaded file and parses it: 400 IMPORT_NOT_XLSX unless it starts with the ZIP magic
 * `PK\x03\x04` and holds xl/workbook.xml; 400 IMPORT_UNREADABLE / IMPORT_CONTENT_TOO_LARGE for a
 * damaged, encrypted or oversized one.
 */
export async function loadWorkbook(file: Buffer): Promise<ExcelJS.Workbook> {
  if (file.length < 30 || file.readUInt32LE(0) !== SIG_LOCAL) throw HouseholdIoErrors.make('IMPORT_NOT_XLSX');
  const entries = readZipDirectory(file);
  if (!entries) throw HouseholdIoErrors.make('IMPORT_UNREADABLE');
  const book = entries.find((e) => e.name === 'xl/workbook.xml');
  if (!book) throw HouseholdIoErrors.make('IMPORT_NOT_XLSX');
  const total = entries.reduce((n, e) => n + e.size, 0);
  if (total > MAX_UNCOMPRESSED)
    throw HouseholdIoErrors.make('IMPORT_CONTENT_TOO_LARGE', { mb: MAX_UNCOMPRESSED / 1024 / 1024 });
  let bookXml = '';
  for (const e of entries) {
    // Encrypted entries (bit 0) or methods other than store/deflate: nothing Excel or WPS writes.
    if (e.flags & 1 || (e.method !== 0 && e.method !== 8)) throw HouseholdIoErrors.make('IMPORT_UNREADABLE');
    try {
      const data = inflateEntry(file, e);
      if (e === book) bookXml = data.toString('utf8');
    } catch {
      throw HouseholdIoErrors.make('IMPORT_UNREADABLE');
    }
  }
  const stripped = bookXml.replace(
    /<(\w+:)?definedNames\b[\s\S]*?<\/(\w+:)?definedNames>|<(\w+:)?definedNames\s*\/>/g,
    '',
  );
  const safe =
    stripped === bookXml
      ? file
      : rebuildZip(file, entries, new Map([[book.name, Buffer.from(stripped, 'utf8')]]));
  const wb = new ExcelJS.Workbook();
  try {
    // maxRows guards memory; the real cap (data rows, blank rows not counted) is checked per sheet.
    const options = {
      ignoreNodes: ['dataValidations', 'mergeCells'],
      maxRows: MAX_ROWS.members + 40_000,
      maxCols: 1000,
    };
    await wb.xlsx.load(safe as any, options as any);
  } catch (err) {
    if (/Max row count/.test(String((err as Error).message))) {
      throw HouseholdIoErrors.make('IMPORT_TOO_MANY_ROWS', {
        sheet: ' ',
        max: MAX_ROWS.members.toLocaleString('en-US'),
      });
    }
    throw HouseholdIoErrors.make('IMPORT_UNREADABLE');
  }
  return wb;
}

function pad(n: number, w = 2) {
  return String(n).padStart(w, '0');
}

function dateText(d: Date): string {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/** A cell's value as the text the user sees (trimmed); dates as YYYY-MM-DD. */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : dateText(v);
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText))
      return o.richText
        .map((r: { text?: string }) => r.text ?? '')
        .join('')
        .trim();
    if ('result' in o) return cellText(o.result);
    if ('formula' in o || 'sharedFormula' in o) return '';
    if ('text' in o) return cellText(o.text);
    if ('error' in o) return '';
  }
  return '';
}

/** A date cell: a Date, an Excel serial number (a date column not formatted as date), or text. */
export function cellDateText(v: unknown): string {
  if (typeof v === 'number' && v >= 1 && v < 2958466 && Number.isInteger(v)) {
    return dateText(new Date(Date.UTC(1899, 11, 30) + v * 86_400_000));
  }
  if (v && typeof v === 'object' && 'result' in (v as object))
    return cellDateText((v as { result: unknown }).result);
  return cellText(v);
}

export interface SheetRow {
  /** The row number Excel shows. */
  row: number;
  values: Record<string, string>;
}

export interface ReadSheet {
  name: string;
  headerRow: number;
  present: Set<string>;
  missing: ColumnDef[];
  rows: SheetRow[];
}

/**
 * Reads a data sheet by its headers or their aliases (order free, extra columns ignored). The header row is the
 * first of the first five rows that holds 房号, so a title row above the headers is tolerated.
 * Blank rows are skipped; more than `maxRows` data rows → 400 IMPORT_TOO_MANY_ROWS.
 */
export function readSheet(
  ws: ExcelJS.Worksheet,
  columns: ColumnDef[],
  maxRows: number,
  /** Decides from the headers found whether this is the sheet wanted; the rows are read only if so. */
  accept: (present: Set<string>) => boolean = () => true,
): ReadSheet | undefined {
  let headerRow = 1;
  const colOf = new Map<string, number>();
  for (let r = 1; r <= Math.min(5, ws.rowCount || 1); r++) {
    const row = ws.getRow(r);
    const found = new Map<string, number>();
    row.eachCell((cell, col) => {
      const h = normalizeHeader(cellText(cell.value));
      const def = columns.find((c) => isHeaderOf(c, h));
      if (def && !found.has(def.key)) found.set(def.key, col);
    });
    if (found.has('room')) {
      headerRow = r;
      for (const [k, v] of found) colOf.set(k, v);
      break;
    }
  }
  if (!accept(new Set(colOf.keys()))) return undefined;
  const rows: SheetRow[] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber <= headerRow) return;
    const values: Record<string, string> = {};
    let any = false;
    for (const def of columns) {
      const col = colOf.get(def.key);
      if (col === undefined) continue;
      const raw = row.getCell(col).value;
      const text = def.date ? cellDateText(raw) : cellText(raw);
      values[def.key] = text;
      if (text) any = true;
    }
    if (!any) return;
    if (rows.length >= maxRows) {
      throw HouseholdIoErrors.make('IMPORT_TOO_MANY_ROWS', {
        sheet: ` ${ws.name} `,
        max: maxRows.toLocaleString('en-US'),
      });
    }
    rows.push({ row: rowNumber, values });
  });
  return {
    name: ws.name,
    headerRow,
    present: new Set(colOf.keys()),
    missing: columns.filter((c) => c.required && !colOf.has(c.key)),
    rows,
  };
}

/** Builds a workbook with the streaming writer (low memory for large exports) into a Buffer. */
export async function writeWorkbook(
  build: (wb: ExcelJS.stream.xlsx.WorkbookWriter) => void | Promise<void>,
): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true });
  wb.creator = 'Guanjia 管家';
  await build(wb);
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}
