import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createEstate,
  createStaff,
  TEST_PASSWORD,
  type TestEstate,
} from '../../../test/helpers/factories.js';
import { createTestDb, engineName } from '../../../test/helpers/test-db.js';
import { buildApp } from '../../app.js';
import { type Container, createContainer } from '../../container.js';
import type { Database } from '../../db/database.js';
import type { DB } from '../../db/schema.js';
import { FixedClock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { systemActor } from '../auth/index.js';
import { readZipEntry, replaceZipEntries } from './household-io.xlsx.js';
import {
  createHouseholdIoService,
  exportFile,
  type HouseholdIoService,
  householdIoRoutes,
  importFile,
} from './index.js';

// ------------------------------------------------------------------ a test app with the io routes

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let database: Database;
let c: Container;
let app: FastifyInstance;
let io: HouseholdIoService;
let estate: TestEstate;
let manager: string;
let guard: string;
/** Runs just before the import's write transaction starts (simulates a concurrent edit). */
let beforeWrite: (() => Promise<void>) | undefined;

/** The database as the io service sees it: `transaction()` first runs `beforeWrite`. */
function racingDb(db: Kysely<DB>): Kysely<DB> {
  return new Proxy(db, {
    get(target, prop) {
      if (prop !== 'transaction') {
        // Kysely keeps private fields: call its methods on the real object.
        const v = Reflect.get(target, prop, target);
        return typeof v === 'function' ? v.bind(target) : v;
      }
      return () => {
        const builder = target.transaction();
        return {
          async execute<T>(fn: (trx: any) => Promise<T>): Promise<T> {
            const hook = beforeWrite;
            beforeWrite = undefined;
            if (hook) await hook();
            return builder.execute(fn);
          },
        };
      };
    },
  });
}

async function login(username: string): Promise<string> {
  const r = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: TEST_PASSWORD },
  });
  if (r.statusCode !== 200) throw new Error(`login ${username} failed: ${r.statusCode} ${r.body}`);
  return `sid=${r.cookies.find((x) => x.name === 'sid')!.value}`;
}

function call(cookie: string | undefined, opts: InjectOptions): Promise<LightMyRequestResponse> {
  return app.inject({ ...opts, headers: { ...(cookie ? { cookie } : {}), ...(opts.headers ?? {}) } });
}

/** A multipart/form-data body with one file in the field `file`, built by hand. */
function multipart(file: Buffer, field = 'file', filename = 'households.xlsx') {
  const boundary = `----guanjia${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: ${XLSX}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, file, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function upload(
  cookie: string,
  file: Buffer,
  query: Record<string, string> = {},
  headers: Record<string, string> = {},
) {
  const body = multipart(file);
  const qs = new URLSearchParams({ estateId: estate.id, ...query }).toString();
  return call(cookie, {
    method: 'POST',
    url: `/api/households/import?${qs}`,
    payload: body.payload,
    headers: { ...body.headers, ...headers },
  });
}

type Rows = (string | number | Date | null)[][];

const H_HEAD = [
  '房号',
  '居住状态',
  '入住日期',
  '家庭结构',
  '关怀标记',
  '爱好',
  '特长',
  '标签',
  '联系方式偏好',
  '联系时段',
  '备注',
];
const M_HEAD = ['房号', '姓名', '关系', '身份', '手机', '邮箱', '年龄段', '主联系人'];
/** The members' headers of a file made before the 邮箱 column: it still imports, keeping stored addresses. */
const M_HEAD_NO_EMAIL = M_HEAD.filter((h) => h !== '邮箱');
const V_HEAD = ['房号', '车牌', '限行提醒'];

/**
 * A workbook as a member of staff would fill it in (text cells, a real Excel date cell). The members
 * sheet has the headers `memberHead`, by default those of a file without the 邮箱 column.
 */
async function workbook(sheets: {
  households: Rows;
  members?: Rows;
  vehicles?: Rows;
  memberHead?: string[];
}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const add = (name: string, head: string[], rows: Rows) => {
    const ws = wb.addWorksheet(name);
    ws.addRow(head);
    for (const r of rows) ws.addRow(r);
  };
  add('家庭档案', H_HEAD, sheets.households);
  if (sheets.members) add('家庭成员', sheets.memberHead ?? M_HEAD_NO_EMAIL, sheets.members);
  if (sheets.vehicles) add('车辆', V_HEAD, sheets.vehicles);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readXlsx(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as any);
  return wb;
}

function sheetValues(wb: ExcelJS.Workbook, name: string): string[][] {
  const out: string[][] = [];
  wb.getWorksheet(name)!.eachRow((row) => {
    out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))));
  });
  return out;
}

/** A JSON column: text on SQLite, an object on PostgreSQL. */
function json(v: unknown) {
  return typeof v === 'string' ? JSON.parse(v) : v;
}

async function countHouseholds() {
  const r = await database.db
    .selectFrom('households')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('estate_id', '=', estate.id)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function find(q: string) {
  const r = await call(manager, {
    method: 'GET',
    url: `/api/households?estateId=${estate.id}&q=${encodeURIComponent(q)}`,
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items as any[];
}

async function archiveOf(roomCode: string) {
  const [s] = await find(roomCode);
  if (!s) return undefined;
  return (await call(manager, { method: 'GET', url: `/api/households/${s.id}` })).json();
}

beforeAll(async () => {
  database = await createTestDb();
  const clock = new FixedClock(new Date('2026-11-27T02:00:00Z'));
  c = createContainer({ db: database.db, clock, auth: { ipMaxFailures: 1000 } });
  io = createHouseholdIoService({
    db: racingDb(database.db),
    clock,
    audit: c.audit,
    households: c.households,
    estates: c.estates,
  });
  // Once server/app.ts registers the io routes from the container, hand it this instance instead
  // of registering the routes a second time.
  const wired = 'householdIo' in c;
  if (wired) (c as any).householdIo = io;
  app = await buildApp({
    container: c,
    logLevel: 'silent',
    extraRoutes: wired ? [] : [householdIoRoutes(io) as any],
  });
  await app.ready();
  estate = await createEstate(database.db, 'lvyuan', { buildings: 3, floors: 4 });
  await createStaff(database.db, 'mgr', 'manager', [estate], 'management');
  await createStaff(database.db, 'guard', 'guard', [estate], 'security');
  manager = await login('mgr');
  guard = await login('guard');
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});
beforeEach(() => {
  beforeWrite = undefined;
});

// ------------------------------------------------------------------ tests

describe('API contract', () => {
  it('documents the three operations, the xlsx responses and the import result', async () => {
    const spec = (await call(undefined, { method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.paths['/api/households/import-template'].get.operationId).toBe('downloadImportTemplate');
    expect(spec.paths['/api/households/export'].get.operationId).toBe('exportHouseholds');
    expect(Object.keys(spec.paths['/api/households/export'].get.responses['200'].content)).toEqual([XLSX]);
    const imp = spec.paths['/api/households/import'].post;
    expect(imp.operationId).toBe('importHouseholds');
    expect(Object.keys(imp.responses['200'].content['application/json'].schema.properties)).toEqual(
      expect.arrayContaining(['imported', 'updated', 'skipped', 'errors', 'dryRun']),
    );
  });
});

describe('import template', () => {
  it('downloads as .xlsx with the Chinese headers, dropdowns, an example row and 说明', async () => {
    const r = await call(manager, { method: 'GET', url: '/api/households/import-template' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe(XLSX);
    expect(r.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('家庭档案导入模板.xlsx')}`,
    );
    const wb = await readXlsx(r.rawPayload);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['家庭档案', '家庭成员', '车辆', '说明']);
    const hs = sheetValues(wb, '家庭档案');
    expect(hs[0]).toEqual(H_HEAD);
    expect(hs[1]![0]).toBe('3-2-501');
    const ms = sheetValues(wb, '家庭成员');
    expect(ms[0]).toEqual(M_HEAD);
    // The e-mail column: an example address on one example member, none on the other.
    expect(ms.slice(1).map((row) => row[5])).toEqual(['zhangjianguo@example.com', '']);
    expect(sheetValues(wb, '车辆')[0]).toEqual(V_HEAD);
    const ws = wb.getWorksheet('家庭档案')!;
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getColumn(1).width).toBeGreaterThan(10);
    expect(ws.getCell('B5').dataValidation?.formulae).toEqual(['"自住,出租,空置,装修中"']);
    expect(wb.getWorksheet('家庭成员')!.getCell('G9').dataValidation?.formulae?.[0]).toContain('80岁及以上');
    expect(wb.getWorksheet('家庭成员')!.getColumn(6).numFmt).toBe('@');
    const help = sheetValues(wb, '说明').map((row) => row.join(' '));
    expect(help.some((l) => l.includes('年龄段') && l.includes('14岁以下'))).toBe(true);
    expect(
      help.some(
        (l) => l.startsWith('家庭成员 邮箱') && l.includes('可不填') && l.includes('z***@example.com'),
      ),
    ).toBe(true);
  });

  it('is refused to a guard (403)', async () => {
    const r = await call(guard, { method: 'GET', url: '/api/households/import-template' });
    expect(r.statusCode).toBe(403);
  });
});

describe('import', () => {
  it('imports the filled-in template: households and members, searchable by room and name', async () => {
    const tpl = await readXlsx(
      (await call(manager, { method: 'GET', url: '/api/households/import-template' })).rawPayload,
    );
    // The example rows stay where they are: unchanged, they are skipped.
    tpl.getWorksheet('家庭档案')!.addRows([
      [
        '1-1-101',
        '自住',
        new Date(Date.UTC(2019, 5, 1)),
        '三代同堂',
        '高龄老人、独居老人',
        '太极拳，书法',
        '',
        '楼长',
        '微信',
        '晚上',
        '',
      ],
      ['1栋2单元201', '出租', '2021/3/5', '', '', '', '', '', '', '', ''],
      ['2-1-102', '空置', '', '', '', '', '', '', '', '', '房东在外地'],
    ]);
    tpl.getWorksheet('家庭成员')!.addRows([
      ['1-1-101', '王建国', '本人', '业主', '13812345678', ' Wang.JianGuo@Example.COM ', '60-79岁', '是'],
      ['1-1-101', '李秀英', '配偶', '家属', '139 0000 1111', '', '60-79岁', ''],
      ['1-2-201', '赵磊', '', '租户', '15000002222', '', '18-39岁', ''],
      ['2-1-102', '孙梅', '', '业主', '', '', '', ''],
    ]);
    // Excel turns a typed address into a mailto: link; the importer reads its text.
    tpl.getWorksheet('家庭成员')!.getCell('F7').value = {
      text: 'sunmei@example.com',
      hyperlink: 'mailto:sunmei@example.com',
    };
    tpl.getWorksheet('车辆')!.addRows([['1-1-101', '京A1234B', '是']]);
    const file = Buffer.from(await tpl.xlsx.writeBuffer());
    const r = await upload(manager, file);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ imported: 3, updated: 0, skipped: 0, errors: [], dryRun: false });

    expect((await find('1-1-101')).map((h) => h.primaryName)).toEqual(['王建国']);
    expect((await find('李秀英')).map((h) => h.roomCode)).toEqual(['1-1-101']);
    expect((await find('赵磊')).map((h) => h.roomCode)).toEqual(['1-2-201']);
    const h = await archiveOf('1-1-101');
    expect(h).toMatchObject({
      occupancy: 'owner_occupied',
      moveInDate: '2019-06-01',
      careFlags: ['elderly', 'elderly_alone'],
      hobbies: ['太极拳', '书法'],
      tags: ['楼长'],
      preferredChannel: 'wechat',
    });
    expect(h.members.map((m: any) => [m.name, m.phone, m.email, m.ageBand, m.isPrimary])).toEqual([
      ['王建国', '13812345678', 'wang.jianguo@example.com', '60to79', true],
      ['李秀英', '13900001111', null, '60to79', false],
    ]);
    expect((await archiveOf('2-1-102')).members.map((m: any) => [m.name, m.email])).toEqual([
      ['孙梅', 'sunmei@example.com'],
    ]);
    expect(h.vehicles).toMatchObject([{ plate: '京A1234B', restrictionReminder: true }]);
    expect((await archiveOf('1-2-201')).moveInDate).toBe('2021-03-05');
    const history = (await call(manager, { method: 'GET', url: `/api/households/${h.id}/history` })).json();
    expect(history[0]).toMatchObject({ actorName: 'mgr-name', version: 1 });
    const events = await database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'import.households')
      .execute();
    expect(events).toHaveLength(1);
    expect(json(events[0]!.details)).toMatchObject({ mode: 'all_or_nothing', imported: 3 });
    expect(JSON.stringify(json(events[0]!.details))).not.toContain('13812345678');
    expect(JSON.stringify(json(events[0]!.details))).not.toContain('wang.jianguo');
  });

  const badFile = () =>
    workbook({
      households: [
        ['1-1-102', '自住'],
        ['9-9-999', '自住'],
        ['1-1-201', '自己住'],
        ['3-1-101', '出租'],
        ['3-1-101', '空置'],
      ],
      members: [
        ['1-1-102', '周涛', '本人', '业主', '13811112222'],
        ['1-1-201', '吴静', '本人', '业主', '1381234'],
      ],
    });

  it('all_or_nothing: one bad row imports nothing and says where, in Chinese', async () => {
    const before = await countHouseholds();
    const r = await upload(manager, await badFile());
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({ imported: 0, updated: 0, skipped: 5 });
    expect(body.errors).toEqual([
      { sheet: '家庭档案', row: 3, column: '房号', message: '房号 9-9-999 在本小区不存在' },
      { sheet: '家庭档案', row: 4, column: '居住状态', message: '居住状态只能是 自住/出租/空置/装修中' },
      { sheet: '家庭档案', row: 5, column: '房号', message: expect.stringContaining('同一房号在表中重复') },
      { sheet: '家庭档案', row: 6, column: '房号', message: expect.stringContaining('同一房号在表中重复') },
      { sheet: '家庭成员', row: 3, column: '手机', message: '手机号应为11位数字（座机写成 010-12345678）' },
    ]);
    expect(await countHouseholds()).toBe(before);
  });

  it('answers in English for an English browser', async () => {
    const r = await upload(manager, await badFile(), {}, { 'accept-language': 'en-US,en;q=0.9' });
    expect(r.json().errors[0].message).toBe('Room 9-9-999 does not exist in this estate');
  });

  it('valid_rows: imports the good households and reports the bad ones', async () => {
    const before = await countHouseholds();
    const r = await upload(manager, await badFile(), { mode: 'valid_rows' });
    expect(r.statusCode, r.body).toBe(200);
    // 1-1-102 is fine; 1-1-201 has a bad occupancy and a bad member phone; 3-1-101 twice.
    expect(r.json()).toMatchObject({ imported: 1, updated: 0, skipped: 4 });
    expect(r.json().errorCount).toBe(5);
    expect(await countHouseholds()).toBe(before + 1);
    expect((await find('周涛')).map((h) => h.roomCode)).toEqual(['1-1-102']);
    expect(await find('1-1-201')).toEqual([]);
  });

  it('dryRun counts what would happen and writes nothing', async () => {
    const before = await countHouseholds();
    const file = await workbook({
      households: [
        ['2-2-101', '自住'],
        ['2-2-102', '装修中'],
      ],
      members: [['2-2-101', '钱多多', '', '业主', '']],
    });
    const r = await upload(manager, file, { dryRun: 'true' });
    expect(r.json()).toMatchObject({ imported: 2, updated: 0, skipped: 0, errors: [], dryRun: true });
    expect(await countHouseholds()).toBe(before);
    expect(await find('钱多多')).toEqual([]);
  });

  it('refuses members under 14 and duplicate or taken plates', async () => {
    const file = await workbook({
      households: [
        ['2-2-201', '自住'],
        ['2-2-202', '自住'],
      ],
      members: [
        ['2-2-201', '郑大', '本人', '业主', '13700001111', '40-59岁', '是'],
        ['2-2-201', '郑小宝', '儿子', '家属', '', '14岁以下', ''],
      ],
      vehicles: [
        ['2-2-201', '沪B 12345', ''],
        ['2-2-202', '沪B12345', ''],
        ['2-2-202', '京A1234B', '否'],
      ],
    });
    const r = await upload(manager, file);
    const errors = r.json().errors;
    expect(errors).toContainEqual({
      sheet: '家庭成员',
      row: 3,
      column: '年龄段',
      message: expect.stringContaining('14岁以下未成年人的信息须取得监护人同意'),
    });
    expect(errors).toContainEqual({
      sheet: '车辆',
      row: 2,
      column: '车牌',
      message: '车牌 沪B12345 在表中重复（第 2、3 行）',
    });
    expect(errors).toContainEqual({
      sheet: '车辆',
      row: 4,
      column: '车牌',
      message: expect.stringContaining('已登记在 1-1-101'),
    });
    expect(r.json().imported).toBe(0);
  });

  it('an invalid e-mail is reported by sheet, row and column, in Chinese and in English', async () => {
    const before = await countHouseholds();
    const file = await workbook({
      households: [['2-1-301', '自住']],
      memberHead: M_HEAD,
      members: [
        ['2-1-301', '陈一', '本人', '业主', '', 'chenyi@', '', ''],
        ['2-1-301', '陈二', '', '家属', '', 'chen er@example.com', '', ''],
        ['2-1-301', '陈三', '', '家属', '', 'chensan@example.com', '', ''],
      ],
    });
    const r = await upload(manager, file);
    expect(r.statusCode, r.body).toBe(200);
    const message = '邮箱格式不正确，应如 zhangsan@example.com';
    expect(r.json()).toMatchObject({ imported: 0, skipped: 1, errorCount: 2 });
    expect(r.json().errors).toEqual([
      { sheet: '家庭成员', row: 2, column: '邮箱', message },
      { sheet: '家庭成员', row: 3, column: '邮箱', message },
    ]);
    const en = await upload(manager, file, {}, { 'accept-language': 'en' });
    expect(en.json().errors[0]).toEqual({
      sheet: '家庭成员',
      row: 2,
      column: '邮箱',
      message: 'The e-mail address is not valid; write it like zhangsan@example.com',
    });
    expect(await countHouseholds()).toBe(before);
  });

  it('reads the e-mail headers staff type (电子邮件, 电子邮箱, Email, E-mail) and a full-width ＠', async () => {
    const withHeader = (name: string, value: string, room = '2-1-302') =>
      workbook({
        households: [[room, '自住']],
        memberHead: M_HEAD.map((h) => (h === '邮箱' ? name : h)),
        members: [[room, '陈三', '本人', '业主', '13700002222', value, '', '']],
      });
    for (const name of ['电子邮件', '电子邮箱', 'Email', 'E-mail', 'e-mail（选填）']) {
      const r = (await upload(manager, await withHeader(name, 'not-an-address'), { dryRun: 'true' })).json();
      expect(r.errors, name).toEqual([
        { sheet: '家庭成员', row: 2, column: '邮箱', message: expect.stringContaining('邮箱格式不正确') },
      ]);
    }
    const r = await upload(manager, await withHeader('E-mail', 'Chen.San＠Example.com'));
    expect(r.json()).toMatchObject({ imported: 1, errors: [] });
    expect((await archiveOf('2-1-302')).members[0]).toMatchObject({
      name: '陈三',
      email: 'chen.san@example.com',
    });
  });

  it('a file without the 邮箱 column keeps the stored addresses; a blank 邮箱 clears one', async () => {
    const members = [['2-1-302', '陈三', '本人', '业主', '13700002222', '', '']];
    const old = (
      await upload(manager, await workbook({ households: [['2-1-302', '出租']], members }))
    ).json();
    expect(old).toMatchObject({ updated: 1, errors: [] });
    expect((await archiveOf('2-1-302')).members[0].email).toBe('chen.san@example.com');

    const blank = await workbook({
      households: [['2-1-302', '出租']],
      memberHead: M_HEAD,
      members: [['2-1-302', '陈三', '本人', '业主', '13700002222', '', '', '']],
    });
    expect((await upload(manager, blank)).json()).toMatchObject({ updated: 1, errors: [] });
    expect((await archiveOf('2-1-302')).members[0].email).toBeNull();
  });

  it('a guard gets 403', async () => {
    const r = await upload(guard, await workbook({ households: [['2-2-301', '自住']] }));
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('FORBIDDEN');
  });

  it('a non-xlsx upload gets 400 IMPORT_NOT_XLSX; no file gets 400 IMPORT_FILE_REQUIRED', async () => {
    const csv = await upload(manager, Buffer.from('房号,居住状态\n1-1-101,自住\n', 'utf8'));
    expect(csv.statusCode).toBe(400);
    expect(csv.json().error.code).toBe('IMPORT_NOT_XLSX');
    expect(csv.json().error.message).toContain('.xlsx');
    const xls = await upload(manager, Buffer.from('d0cf11e0a1b11ae1000000000000000000000000', 'hex'));
    expect(xls.json().error.code).toBe('IMPORT_NOT_XLSX');
    const qs = `estateId=${estate.id}`;
    const none = await call(manager, { method: 'POST', url: `/api/households/import?${qs}` });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('IMPORT_FILE_REQUIRED');
    const empty = await call(manager, {
      method: 'POST',
      url: `/api/households/import?${qs}`,
      ...multipart(Buffer.alloc(0)),
    });
    expect(empty.json().error.code).toBe('IMPORT_FILE_REQUIRED');
  });

  it('a workbook with whole-column ranges (defined names, dropdowns) is read in a moment', async () => {
    // exceljs expands such ranges cell by cell; it cannot even write this file, so we patch the XML.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('家庭档案');
    ws.addRow(H_HEAD);
    ws.addRow(['2-2-301', '自住']);
    ws.mergeCells('D2:E2');
    const plain = Buffer.from(await wb.xlsx.writeBuffer());
    const sheetXml = readZipEntry(plain, 'xl/worksheets/sheet1.xml')!.toString('utf8');
    const bookXml = readZipEntry(plain, 'xl/workbook.xml')!.toString('utf8');
    const hostile = replaceZipEntries(
      plain,
      new Map([
        [
          'xl/worksheets/sheet1.xml',
          Buffer.from(
            sheetXml.replace(
              /<mergeCells[\s\S]*?<\/mergeCells>/,
              '<mergeCells count="1"><mergeCell ref="F1:Z1048576"/></mergeCells>' +
                '<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A2:Z1048576"><formula1>"自住,出租"</formula1></dataValidation></dataValidations>',
            ),
          ),
        ],
        [
          'xl/workbook.xml',
          Buffer.from(
            bookXml.replace(
              '</sheets>',
              `</sheets><definedNames><definedName name="everything">'家庭档案'!$A$1:$Z$1048576</definedName></definedNames>`,
            ),
          ),
        ],
      ]),
    );
    expect(readZipEntry(hostile, 'xl/workbook.xml')!.toString('utf8')).toContain('$Z$1048576');
    const started = Date.now();
    const r = await upload(manager, hostile, { dryRun: 'true' });
    expect(r.json()).toMatchObject({ imported: 1, errors: [] });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('all_or_nothing leaves nothing behind when a write fails midway', async () => {
    const before = await countHouseholds();
    // Make the last insert of the transaction (the history rows) fail.
    if (engineName === 'postgres') {
      await sql`CREATE FUNCTION boom() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'boom'; END $$ LANGUAGE plpgsql`.execute(
        database.db,
      );
      await sql`CREATE TRIGGER boom BEFORE INSERT ON household_changes FOR EACH ROW EXECUTE FUNCTION boom()`.execute(
        database.db,
      );
    } else {
      await sql`CREATE TRIGGER boom BEFORE INSERT ON household_changes BEGIN SELECT RAISE(ABORT, 'boom'); END`.execute(
        database.db,
      );
    }
    try {
      const r = await upload(
        manager,
        await workbook({
          households: [
            ['3-2-101', '自住'],
            ['3-2-102', '自住'],
          ],
          members: [['3-2-101', '冯一', '', '业主', '']],
        }),
      );
      expect(r.statusCode).toBe(500);
      expect(r.body).not.toContain('boom');
    } finally {
      await sql`DROP TRIGGER boom${sql.raw(engineName === 'postgres' ? ' ON household_changes' : '')}`.execute(
        database.db,
      );
      if (engineName === 'postgres') await sql`DROP FUNCTION boom()`.execute(database.db);
    }
    expect(await countHouseholds()).toBe(before);
    expect(await find('冯一')).toEqual([]);
  });

  it('a room archived by someone else during the import: all_or_nothing writes nothing, valid_rows the rest', async () => {
    const rows = {
      households: [
        ['3-2-201', '自住'],
        ['3-2-202', '自住'],
      ] as Rows,
    };
    const grab = (room: string) => async () => {
      await c.households.create(
        {
          id: 'x',
          role: 'admin',
          displayName: 'other',
          estateIds: [estate.id],
          allEstates: true,
          ip: null,
          lang: 'zh-CN',
        },
        {
          estateId: estate.id,
          roomId: (
            await database.db
              .selectFrom('rooms')
              .select('id')
              .where('room_code', '=', room)
              .executeTakeFirstOrThrow()
          ).id,
          occupancy: 'vacant',
        },
      );
    };
    beforeWrite = grab('3-2-202');
    const all = (await upload(manager, await workbook(rows))).json();
    expect(all).toMatchObject({
      imported: 0,
      errors: [
        { sheet: '家庭档案', row: 3, column: '房号', message: expect.stringContaining('已被他人建档') },
      ],
    });
    expect(await find('3-2-201')).toEqual([]);

    await database.db.deleteFrom('households').where('room_code', '=', '3-2-202').execute();
    beforeWrite = grab('3-2-202');
    const some = (await upload(manager, await workbook(rows), { mode: 'valid_rows' })).json();
    expect(some).toMatchObject({ imported: 1, skipped: 1 });
    expect((await find('3-2-201')).length).toBe(1);
  });
});

describe('export', () => {
  it('exports with masked phones and minors, a watermark and an audit event', async () => {
    // A child recorded in the system with the guardian's consent.
    const h = await archiveOf('1-1-101');
    const consent = await call(manager, {
      method: 'POST',
      url: `/api/households/${h.id}/consents`,
      payload: { purpose: 'minor_info', grantedByName: '王建国', method: 'paper_form' },
    });
    expect(consent.statusCode, consent.body).toBe(201);
    const members = [
      ...h.members.map((m: any) => ({ id: m.id, name: m.name, role: m.role })),
      { name: '王小明', role: 'family', relation: '孙子', ageBand: 'under14' },
    ];
    const p = await call(manager, {
      method: 'PATCH',
      url: `/api/households/${h.id}`,
      payload: { version: h.version, members },
    });
    expect(p.statusCode, p.body).toBe(200);

    const r = await call(manager, { method: 'GET', url: `/api/households/export?estateId=${estate.id}` });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe(XLSX);
    expect(r.headers['content-disposition']).toBe(
      `attachment; filename="households-lvyuan-20261127.xlsx"; filename*=UTF-8''${encodeURIComponent('家庭档案-lvyuan-20261127.xlsx')}`,
    );
    const wb = await readXlsx(r.rawPayload);
    const all = wb.worksheets.flatMap((w) => sheetValues(wb, w.name).flat()).join('\n');
    expect(all).not.toContain('13812345678');
    expect(all).not.toContain('wang.jianguo');
    expect(all).not.toContain('王小明');
    const ms = sheetValues(wb, '家庭成员');
    expect(ms[0]).toEqual(M_HEAD);
    expect(ms).toContainEqual([
      '1-1-101',
      '王建国',
      '本人',
      '业主',
      '138****5678',
      'w***@example.com',
      '60-79岁',
      '是',
    ]);
    expect(ms).toContainEqual(['1-1-101', '李秀英', '配偶', '家属', '139****1111', '', '60-79岁', '否']);
    expect(ms).toContainEqual(['1-1-101', '王*明', '孙子', '家属', '', '', '14岁以下', '否']);
    expect(ms).toContainEqual(['2-1-102', '孙梅', '', '业主', '', 's***@example.com', '', '是']);
    expect(sheetValues(wb, '家庭档案')[0]).toEqual(H_HEAD);
    expect(sheetValues(wb, '说明')[0]![0]).toMatch(/^由 mgr-name 于 2026-11-27 10:00 导出.*仅限内部使用/);
    const ev = await database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'export.households')
      .execute();
    expect(ev).toHaveLength(1);
    expect(json(ev[0]!.details)).toMatchObject({ rows: await countHouseholds(), filter: {} });
  });

  it('uses the list search: ?q= narrows the export', async () => {
    const r = await call(manager, {
      method: 'GET',
      url: `/api/households/export?estateId=${estate.id}&q=${encodeURIComponent('王建国')}`,
    });
    const wb = await readXlsx(r.rawPayload);
    expect(
      sheetValues(wb, '家庭档案')
        .slice(1)
        .map((row) => row[0]),
    ).toEqual(['1-1-101']);
  });

  it('a guard cannot export (403)', async () => {
    const r = await call(guard, { method: 'GET', url: `/api/households/export?estateId=${estate.id}` });
    expect(r.statusCode).toBe(403);
  });

  it('round trip: the export imports again unchanged, and edits made in it are applied', async () => {
    const exported = (
      await call(manager, { method: 'GET', url: `/api/households/export?estateId=${estate.id}` })
    ).rawPayload;
    const n = await countHouseholds();
    const same = (await upload(manager, exported)).json();
    expect(same).toMatchObject({ imported: 0, updated: 0, unchanged: n, skipped: 0, errors: [] });

    const before = await archiveOf('1-1-101');
    const wb = await readXlsx(exported);
    const hs = wb.getWorksheet('家庭档案')!;
    hs.eachRow((row) => {
      if (row.getCell(1).value === '1-1-101') row.getCell(2).value = '出租';
    });
    wb.getWorksheet('家庭成员')!.addRow([
      '1-1-101',
      '王丽',
      '女儿',
      '家属',
      '13566667777',
      'WangLi@example.com',
      '18-39岁',
      '否',
    ]);
    const edited = (await upload(manager, Buffer.from(await wb.xlsx.writeBuffer()))).json();
    expect(edited).toMatchObject({ imported: 0, updated: 1, unchanged: n - 1, errors: [] });

    const after = await archiveOf('1-1-101');
    expect(after.occupancy).toBe('rented');
    expect(after.version).toBe(before.version + 1);
    // Masked phones and e-mails kept the stored ones; member ids (and the minor, with her consent) survive.
    expect(before.members[0].email).toBe('wang.jianguo@example.com');
    expect(after.members.map((m: any) => [m.id, m.name, m.phone, m.email])).toEqual([
      ...before.members.map((m: any) => [m.id, m.name, m.phone, m.email]),
      [expect.any(String), '王丽', '13566667777', 'wangli@example.com'],
    ]);
    expect((await archiveOf('2-1-102')).members[0].email).toBe('sunmei@example.com');
    expect(after.members.find((m: any) => m.ageBand === 'under14').name).toBe('王小明');
    const history = (
      await call(manager, { method: 'GET', url: `/api/households/${after.id}/history` })
    ).json();
    expect(history[0].changes).toEqual(
      expect.arrayContaining([
        { field: 'occupancy', old: 'owner_occupied', new: 'rented' },
        expect.objectContaining({ field: 'members[王丽]', old: null }),
      ]),
    );
  });

  it('a masked e-mail that matches no stored address of the member is an error', async () => {
    const exported = (
      await call(manager, { method: 'GET', url: `/api/households/export?estateId=${estate.id}` })
    ).rawPayload;
    const wb = await readXlsx(exported);
    const ms = wb.getWorksheet('家庭成员')!;
    ms.eachRow((row) => {
      if (row.getCell(2).value === '王建国') row.getCell(6).value = 'x***@example.com';
    });
    // A new member cannot have a masked address: there is no stored one to keep.
    ms.addRow(['1-1-101', '王强', '儿子', '家属', '', 'w***@example.com', '40-59岁', '否']);
    const before = await archiveOf('1-1-101');
    const r = (await upload(manager, Buffer.from(await wb.xlsx.writeBuffer()))).json();
    const rowOf = (name: string) => {
      let n = 0;
      ms.eachRow((row, i) => {
        if (row.getCell(2).value === name) n = i;
      });
      return n;
    };
    expect(r).toMatchObject({ imported: 0, updated: 0, unchanged: 0, errorCount: 2 });
    expect(r.errors).toEqual([
      {
        sheet: '家庭成员',
        row: rowOf('王建国'),
        column: '邮箱',
        message: '邮箱 x***@example.com 已打码，找不到该成员在系统中的原地址；请填写完整地址，或留空',
      },
      {
        sheet: '家庭成员',
        row: rowOf('王强'),
        column: '邮箱',
        message: expect.stringContaining('邮箱 w***@example.com 已打码'),
      },
    ]);
    expect(await archiveOf('1-1-101')).toEqual(before);
  });

  it('a file without the 家庭成员 sheet updates the household and keeps its members', async () => {
    const before = await archiveOf('1-2-201');
    const r = (await upload(manager, await workbook({ households: [['1-2-201', '自住']] }))).json();
    expect(r).toMatchObject({ updated: 1, errors: [] });
    const after = await archiveOf('1-2-201');
    expect(after.occupancy).toBe('owner_occupied');
    expect(after.members).toEqual(before.members);
  });
});

describe('import with createRooms (the roster of a newly taken-over estate)', () => {
  /** An estate without buildings, units or rooms, and a manager of it. */
  let fresh: TestEstate;
  let freshManager: string;
  beforeAll(async () => {
    fresh = await createEstate(database.db, 'xinyuan', { buildings: 0 });
    await createStaff(database.db, 'mgr-xinyuan', 'manager', [fresh], 'management');
    freshManager = await login('mgr-xinyuan');
  });

  const roster = () =>
    workbook({
      households: [
        ['3-2-501', '自住'],
        ['3栋2单元1203', '出租'],
        ['3-1-101', '自住'],
        ['12号楼1单元1501室', '空置'],
      ],
      members: [
        ['3-2-501', '林小满', '本人', '业主', '13800001111', '', '是'],
        ['3-2-1203', '何文', '', '租户', '', '', ''],
      ],
      vehicles: [['3-2-501', '沪B12345', '否']],
    });

  async function structure(estateId: string) {
    const [buildings, units, rooms] = await Promise.all([
      database.db.selectFrom('buildings').selectAll().where('estate_id', '=', estateId).execute(),
      database.db.selectFrom('units').selectAll().where('estate_id', '=', estateId).execute(),
      database.db
        .selectFrom('rooms')
        .selectAll()
        .where('estate_id', '=', estateId)
        .orderBy('room_code')
        .execute(),
    ]);
    return { buildings, units, rooms };
  }

  async function householdsOf(estateId: string) {
    const r = await database.db
      .selectFrom('households')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('estate_id', '=', estateId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  it('off (the default): a room the estate lacks is roomUnknown and nothing is written', async () => {
    const r = await upload(freshManager, await roster(), { estateId: fresh.id });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      imported: 0,
      skipped: 4,
      createdBuildings: 0,
      createdUnits: 0,
      createdRooms: 0,
      dryRun: false,
    });
    expect(r.json().errors[0]).toMatchObject({
      sheet: '家庭档案',
      row: 2,
      column: '房号',
      message: '房号 3-2-501 在本小区不存在',
    });
    const off = await upload(freshManager, await roster(), { estateId: fresh.id, createRooms: 'false' });
    expect(off.json().errors.map((e: { message: string }) => e.message)).toContain(
      '房号 12-1-1501 在本小区不存在',
    );
    expect(await structure(fresh.id)).toEqual({ buildings: [], units: [], rooms: [] });
    expect(await householdsOf(fresh.id)).toBe(0);
  });

  it('a dry run counts the buildings, units and rooms it would create and writes nothing', async () => {
    const r = await upload(freshManager, await roster(), {
      estateId: fresh.id,
      createRooms: 'true',
      dryRun: 'true',
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      imported: 4,
      updated: 0,
      skipped: 0,
      createdBuildings: 2,
      createdUnits: 3,
      createdRooms: 4,
      errors: [],
      dryRun: true,
    });
    expect(await structure(fresh.id)).toEqual({ buildings: [], units: [], rooms: [] });
    expect(await householdsOf(fresh.id)).toBe(0);
  });

  it('creates the buildings, units and rooms with the households; they are searchable and listed', async () => {
    const r = await upload(freshManager, await roster(), { estateId: fresh.id, createRooms: 'true' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      imported: 4,
      skipped: 0,
      createdBuildings: 2,
      createdUnits: 3,
      createdRooms: 4,
      errors: [],
      dryRun: false,
    });
    expect(await householdsOf(fresh.id)).toBe(4);

    const s = await structure(fresh.id);
    expect(s.rooms.map((x) => [x.room_code, x.number, x.floor, x.area_m2])).toEqual([
      ['12-1-1501', '1501', 15, null],
      ['3-1-101', '101', 1, null],
      ['3-2-1203', '1203', 12, null],
      ['3-2-501', '501', 5, null],
    ]);
    const building = (code: string) => s.buildings.find((b) => b.code === code)!;
    expect(building('3')).toMatchObject({ name: '3栋', sort: 3 });
    expect(building('12')).toMatchObject({ name: '12栋', sort: 12 });
    const room501 = s.rooms.find((x) => x.room_code === '3-2-501')!;
    expect(room501.building_id).toBe(building('3').id);
    expect(s.units.find((u) => u.id === room501.unit_id)).toMatchObject({
      building_id: building('3').id,
      code: '2',
      name: '2单元',
    });

    const found = await call(freshManager, {
      method: 'GET',
      url: `/api/households?estateId=${fresh.id}&q=${encodeURIComponent('3栋2单元501')}`,
    });
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json().items).toHaveLength(1);
    expect(found.json().items[0]).toMatchObject({ roomCode: '3-2-501' });
    const archive = (
      await call(freshManager, { method: 'GET', url: `/api/households/${found.json().items[0].id}` })
    ).json();
    expect(archive.members.map((m: { name: string }) => m.name)).toEqual(['林小满']);
    expect(archive.vehicles).toMatchObject([{ plate: '沪B12345' }]);

    const listed = await call(freshManager, { method: 'GET', url: `/api/estates/${fresh.id}/buildings` });
    expect(listed.statusCode, listed.body).toBe(200);
    expect(
      listed
        .json()
        .map(
          (b: {
            code: string;
            name: string;
            households: number;
            units: { code: string; rooms: number }[];
          }) => [b.code, b.name, b.households, b.units.map((u) => [u.code, u.rooms])],
        ),
    ).toEqual([
      [
        '3',
        '3栋',
        3,
        [
          ['1', 1],
          ['2', 2],
        ],
      ],
      ['12', '12栋', 1, [['1', 1]]],
    ]);

    const events = await database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'import.households')
      .where('estate_id', '=', fresh.id)
      .execute();
    expect(events.map((e) => json(e.details))).toContainEqual(
      expect.objectContaining({ imported: 4, createdBuildings: 2, createdUnits: 3, createdRooms: 4 }),
    );
  });

  it('importing the same file again creates nothing', async () => {
    const before = await structure(fresh.id);
    const r = await upload(freshManager, await roster(), { estateId: fresh.id, createRooms: 'true' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      imported: 0,
      updated: 0,
      unchanged: 4,
      createdBuildings: 0,
      createdUnits: 0,
      createdRooms: 0,
      errors: [],
    });
    expect(await structure(fresh.id)).toEqual(before);
    expect(await householdsOf(fresh.id)).toBe(4);
  });

  it('valid_rows creates rooms only for the households it imports', async () => {
    const file = await workbook({
      households: [
        ['5-1-101', '自住'],
        ['5-1-102', '不知道'],
        ['6-1-101', '不知道'],
        ['3-1-102', '自住'],
      ],
    });
    const dry = await upload(freshManager, file, {
      estateId: fresh.id,
      createRooms: 'true',
      mode: 'valid_rows',
      dryRun: 'true',
    });
    expect(dry.json()).toMatchObject({
      imported: 2,
      skipped: 2,
      createdBuildings: 1,
      createdUnits: 1,
      createdRooms: 2,
    });
    const r = await upload(freshManager, file, {
      estateId: fresh.id,
      createRooms: 'true',
      mode: 'valid_rows',
    });
    expect(r.json()).toMatchObject({
      imported: 2,
      skipped: 2,
      createdBuildings: 1,
      createdUnits: 1,
      createdRooms: 2,
      errorCount: 2,
    });
    const codes = (await structure(fresh.id)).rooms.map((x) => x.room_code);
    expect(codes).toEqual(expect.arrayContaining(['5-1-101', '3-1-102']));
    expect(codes).not.toContain('5-1-102');
    expect((await structure(fresh.id)).buildings.map((b) => b.code).sort()).toEqual(['12', '3', '5']);
  });

  it('an estate that has the building and unit gets only the rooms (dry run)', async () => {
    const r = await upload(
      manager,
      await workbook({
        households: [
          ['1-1-901', '自住'],
          ['4-1-101', '自住'],
        ],
      }),
      { createRooms: 'true', dryRun: 'true' },
    );
    expect(r.json()).toMatchObject({
      imported: 2,
      createdBuildings: 1,
      createdUnits: 1,
      createdRooms: 2,
      errors: [],
    });
  });

  it('a building and room created by someone else during the import are used, not duplicated', async () => {
    const file = await workbook({
      households: [
        ['8-1-101', '自住'],
        ['8-1-102', '自住'],
      ],
    });
    const ids = { building: newId(), unit: newId(), room: newId() };
    beforeWrite = async () => {
      await database.db
        .insertInto('buildings')
        .values({ estate_id: fresh.id, id: ids.building, code: '8', name: '8号楼', floors: 18, sort: 8 })
        .execute();
      await database.db
        .insertInto('units')
        .values({ estate_id: fresh.id, id: ids.unit, building_id: ids.building, code: '1', name: '一单元' })
        .execute();
      await database.db
        .insertInto('rooms')
        .values({
          estate_id: fresh.id,
          id: ids.room,
          building_id: ids.building,
          unit_id: ids.unit,
          number: '101',
          floor: 1,
          area_m2: 120,
          room_code: '8-1-101',
        })
        .execute();
    };
    const r = await upload(freshManager, file, { estateId: fresh.id, createRooms: 'true' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      imported: 2,
      createdBuildings: 0,
      createdUnits: 0,
      createdRooms: 1,
      errors: [],
    });
    const s = await structure(fresh.id);
    expect(s.buildings.filter((b) => b.code === '8')).toMatchObject([{ id: ids.building, name: '8号楼' }]);
    const room = s.rooms.find((x) => x.room_code === '8-1-101')!;
    expect(room).toMatchObject({ id: ids.room, area_m2: 120 });
    const h = await database.db
      .selectFrom('households')
      .select(['room_id', 'building_id'])
      .where('estate_id', '=', fresh.id)
      .where('room_code', 'in', ['8-1-101', '8-1-102'])
      .orderBy('room_code')
      .execute();
    expect(h[0]).toEqual({ room_id: ids.room, building_id: ids.building });
    expect(h[1]!.building_id).toBe(ids.building);
  });

  it('all_or_nothing with an error creates no room either', async () => {
    const before = await structure(fresh.id);
    const r = await upload(
      freshManager,
      await workbook({
        households: [
          ['7-1-101', '自住'],
          ['7-1-102', '不知道'],
        ],
      }),
      { estateId: fresh.id, createRooms: 'true' },
    );
    expect(r.json()).toMatchObject({ imported: 0, createdRooms: 0, errorCount: 1 });
    expect(await structure(fresh.id)).toEqual(before);
  });
});

describe('CLI helpers', () => {
  it('exportFile writes 家庭档案-<estate>-<date>.xlsx into a folder; importFile reads it back', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'guanjia-io-'));
    try {
      const actor = systemActor();
      const out = await exportFile(io, actor, { estateId: estate.id }, dir);
      expect(await readdir(dir)).toEqual(['家庭档案-lvyuan-20261127.xlsx']);
      expect(out.rows).toBe(await countHouseholds());
      if (process.platform !== 'win32') expect((await stat(out.path)).mode & 0o777).toBe(0o600);
      const r = await importFile(io, actor, estate.id, out.path, { dryRun: true });
      expect(r).toMatchObject({ imported: 0, updated: 0, unchanged: out.rows, errors: [], dryRun: true });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
