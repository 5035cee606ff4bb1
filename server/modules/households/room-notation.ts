/**
 * Room notations people actually type: 3-2-501, 3—2—501, 3/2/501, 3 2 501, 3栋2单元501,
 * 3号楼2单元501室, 3幢2单元501号, 三栋二单元501, A座1单元1201, 3-501, 3栋501, 501.
 * Returns the parts found (building code, unit code, room number), or undefined when the text is
 * not a room notation.
 */
export interface RoomQuery {
  building?: string;
  unit?: string;
  room?: string;
}

const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 三 → 3, 十二 → 12, 二十 → 20 (building and unit numbers rarely pass 99). */
function cnNumber(s: string): string {
  if (/^\d+$/.test(s)) return String(Number(s));
  if (/^[A-Za-z]\d*$/.test(s)) return s.toUpperCase();
  let total = 0;
  let current = 0;
  for (const ch of s) {
    if (ch === '十') {
      total += (current || 1) * 10;
      current = 0;
    } else if (ch in CN_DIGITS) current = CN_DIGITS[ch]!;
    else return s;
  }
  return String(total + current);
}

const FULLWIDTH = /[０-９Ａ-Ｚａ-ｚ－]/g;

function normalize(input: string): string {
  return input
    .trim()
    .replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[—–_/\\·.、，,]/g, '-')
    .replace(/\s+/g, '-')
    .replace(/-+/g, '-');
}

const PART = '([0-9]+|[A-Za-z][0-9]*|[零〇一二两三四五六七八九十]+)';
const BUILDING = `${PART}\\s*(?:号楼|号栋|栋|幢|座|号|楼)`;
const UNIT = `${PART}\\s*(?:单元|门)`;
const ROOM = '([0-9]{2,5})\\s*(?:室|号|房)?';

const CN_FULL = new RegExp(`^${BUILDING}-?${UNIT}-?${ROOM}$`);
const CN_BUILDING_ROOM = new RegExp(`^${BUILDING}-?${ROOM}$`);
const CN_BUILDING_UNIT = new RegExp(`^${BUILDING}-?${UNIT}$`);
const CN_BUILDING = new RegExp(`^${BUILDING}$`);
const DASH_FULL = /^([0-9]+|[A-Za-z][0-9]*)-([0-9]+)-([0-9]{2,5})$/;
const DASH_TWO = /^([0-9]+|[A-Za-z][0-9]*)-([0-9]{2,5})$/;
const ROOM_ONLY = /^([0-9]{3,4})(?:室|号|房)?$/;
// 3-2: building and unit (a one- or two-digit second part; room numbers have three or more).
const DASH_BUILDING_UNIT = /^([0-9]+|[A-Za-z][0-9]*)-([0-9]{1,2})$/;

export function parseRoomQuery(input: string): RoomQuery | undefined {
  const s = normalize(input);
  let m = CN_FULL.exec(s);
  if (m) return { building: cnNumber(m[1]!), unit: cnNumber(m[2]!), room: m[3]! };
  m = DASH_FULL.exec(s);
  if (m) return { building: cnNumber(m[1]!), unit: String(Number(m[2]!)), room: m[3]! };
  m = CN_BUILDING_UNIT.exec(s);
  if (m) return { building: cnNumber(m[1]!), unit: cnNumber(m[2]!) };
  m = CN_BUILDING_ROOM.exec(s);
  if (m) return { building: cnNumber(m[1]!), room: m[2]! };
  m = DASH_BUILDING_UNIT.exec(s);
  if (m) return { building: cnNumber(m[1]!), unit: String(Number(m[2]!)) };
  m = DASH_TWO.exec(s);
  if (m) return { building: cnNumber(m[1]!), room: m[2]! };
  m = CN_BUILDING.exec(s);
  if (m) return { building: cnNumber(m[1]!) };
  m = ROOM_ONLY.exec(s);
  if (m) return { room: m[1]! };
  return undefined;
}

/** The canonical code stored on rooms and households: building-unit-room. */
export function roomCode(building: string, unit: string, room: string): string {
  return `${building}-${unit}-${room}`;
}

/** A sort key that orders codes naturally: 3-2-501 → 0003-0002-00501, A-1-101 → A000-0001-00101. */
export function roomSortKey(code: string): string {
  return code
    .split('-')
    .map((p, i) => {
      const width = i === 2 ? 5 : 4;
      const m = /^([A-Za-z]*)(\d*)$/.exec(p);
      if (!m) return p.padStart(width, '0');
      return m[1]!.toUpperCase() + (m[2] ? m[2].padStart(width - m[1]!.length, '0') : '').padEnd(0);
    })
    .join('-');
}
