import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateHouseholdBody } from '../../../contract/households.js';
import {
  createEstate,
  createStaff,
  TEST_PASSWORD,
  type TestEstate,
} from '../../../test/helpers/factories.js';
import { createTestDb } from '../../../test/helpers/test-db.js';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import { type Container, createContainer } from '../../container.js';
import type { Database } from '../../db/database.js';
import { FixedClock } from '../../lib/clock.js';
import { systemActor } from '../auth/index.js';
import { seedDefaultCatalog } from '../service-requests/index.js';
import {
  heicHeader,
  JPEG_24x16,
  jpegWithExif,
  multipartBody,
  png,
  WEBP_24x16,
} from './attachment.fixtures.js';

const MB = 1024 * 1024;
let database: Database;
let app: FastifyInstance;
let c: Container;
let clock: FixedClock;
let estate: TestEstate;
let other: TestEstate;
let uploads: string;
const cookie: Record<string, string> = {};
const ids: Record<string, string> = {};
let household: string;
let faucet: string;

async function login(username: string) {
  const r = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username, password: TEST_PASSWORD },
  });
  expect(r.statusCode, r.body).toBe(200);
  cookie[username] = `sid=${r.cookies.find((x) => x.name === 'sid')!.value}`;
}

async function call(who: string | undefined, opts: InjectOptions) {
  const send = () =>
    app.inject({ ...opts, headers: { ...(who ? { cookie: cookie[who]! } : {}), ...(opts.headers ?? {}) } });
  let r = await send();
  if (who && r.statusCode === 401) {
    await login(who); // the clock moved past the idle timeout
    r = await send();
  }
  return r;
}

function upload(
  who: string | undefined,
  owner: { kind: string; id: string },
  file: Buffer,
  opts: { filename?: string; contentType?: string; lang?: string } = {},
) {
  const body = multipartBody(file, opts);
  return call(who, {
    method: 'POST',
    url: `/api/attachments?ownerKind=${owner.kind}&ownerId=${owner.id}`,
    payload: body.payload,
    headers: { ...body.headers, 'accept-language': opts.lang ?? 'zh-CN' },
  });
}

const list = (who: string | undefined, owner: { kind: string; id: string }) =>
  call(who, { method: 'GET', url: `/api/attachments?ownerKind=${owner.kind}&ownerId=${owner.id}` });

/** A request assigned to and accepted by `tech`. */
async function acceptedRequest() {
  const r = await call('mgr', {
    method: 'POST',
    url: '/api/service-requests',
    payload: {
      estateId: estate.id,
      householdId: household,
      catalogId: faucet,
      description: '水龙头漏水',
      channel: 'phone',
    },
  });
  expect(r.statusCode, r.body).toBe(201);
  const id = r.json().id as string;
  await call('mgr', {
    method: 'POST',
    url: `/api/service-requests/${id}/assign`,
    payload: { assigneeId: ids.tech },
  });
  const a = await call('tech', { method: 'POST', url: `/api/service-requests/${id}/accept`, payload: {} });
  expect(a.statusCode, a.body).toBe(200);
  return { kind: 'service_request', id };
}

async function visit() {
  const r = await call('butler', {
    method: 'POST',
    url: '/api/visits',
    payload: { householdId: household, kind: 'routine' },
  });
  expect(r.statusCode, r.body).toBe(201);
  return { kind: 'visit', id: r.json().id as string };
}

beforeAll(async () => {
  database = await createTestDb();
  clock = new FixedClock(new Date('2026-11-27T02:00:00Z'));
  uploads = mkdtempSync(join(tmpdir(), 'guanjia-attach-test-'));
  c = createContainer({
    db: database.db,
    clock,
    auth: { ipMaxFailures: 1000 },
    attachments: { dir: uploads, maxBytes: 1 * MB },
  });
  app = await buildApp({ container: c, logLevel: 'silent', validateResponses: true });
  await app.ready();
  const db = database.db;
  estate = await createEstate(db, 'lvyuan', { buildings: 1, floors: 2 });
  other = await createEstate(db, 'other', { buildings: 1, floors: 1 });
  await seedDefaultCatalog(db, estate.id, clock.now());
  const staff = [
    ['mgr', 'manager', estate, 'management'],
    ['tech', 'technician', estate, 'technical'],
    ['tech2', 'technician', estate, 'technical'],
    ['guard', 'guard', estate, 'security'],
    ['butler', 'butler', estate, 'service'],
    ['foreignmgr', 'manager', other, 'management'],
  ] as const;
  for (const [u, role, e, team] of staff) {
    ids[u] = await createStaff(db, u, role, [e], team);
    await login(u);
  }
  household = (
    await c.households.create(
      systemActor([estate.id]),
      CreateHouseholdBody.parse({
        estateId: estate.id,
        roomId: estate.roomIds[0],
        occupancy: 'owner_occupied',
      }),
    )
  ).id;
  faucet = (
    await db
      .selectFrom('service_catalog')
      .select('id')
      .where('estate_id', '=', estate.id)
      .where('code', '=', 'T8.faucet')
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => {
  await app?.close();
  await database?.close();
  rmSync(uploads, { recursive: true, force: true });
});

describe('photo attachments (issue 3 completion photos, issue 4 visit photos)', () => {
  it('a technician uploads a PNG and a JPEG; they list, download with safe headers, and the EXIF is gone', async () => {
    const req = await acceptedRequest();
    const p = png(32, 24, [200, 30, 30], 'secret comment');
    const a = await upload('tech', req, p, { filename: '../../etc/厨房 漏水.png', contentType: 'image/png' });
    expect(a.statusCode, a.body).toBe(201);
    const pngAtt = a.json();
    expect(pngAtt).toMatchObject({ contentType: 'image/png', ownerKind: 'service_request', canDelete: true });
    expect(pngAtt.originalName).toBe('厨房 漏水.png');

    // A phone JPEG sent as application/octet-stream: the bytes decide, not the client's type.
    const j = jpegWithExif(6, 'GPS 31.2304N 121.4737E iPhone 15');
    const b = await upload('tech', req, j, {
      filename: 'IMG_0001.JPG',
      contentType: 'application/octet-stream',
    });
    expect(b.statusCode, b.body).toBe(201);
    expect(b.json().contentType).toBe('image/jpeg');

    const l = await list('tech', req);
    expect(l.statusCode).toBe(200);
    expect(l.json()).toMatchObject({ maxPerOwner: 9, maxBytes: MB, canUpload: true, closed: false });
    expect(l.json().items.map((x: any) => x.contentType)).toEqual(['image/png', 'image/jpeg']);

    const d = await call('mgr', { method: 'GET', url: pngAtt.url });
    expect(d.statusCode).toBe(200);
    expect(d.headers['content-type']).toBe('image/png');
    expect(d.headers['x-content-type-options']).toBe('nosniff');
    const disp = String(d.headers['content-disposition']);
    expect(disp.startsWith('inline; filename="')).toBe(true);
    expect(disp).not.toContain('/');
    expect(disp).toContain(`filename*=UTF-8''${encodeURIComponent('厨房 漏水.png')}`);
    // The PNG text chunk is dropped; the pixels are the same.
    expect(d.rawPayload.includes(Buffer.from('secret comment'))).toBe(false);
    expect(d.rawPayload.includes(p.subarray(p.indexOf(Buffer.from('IDAT')) - 4))).toBe(true);
    expect(createHash('sha256').update(d.rawPayload).digest('hex')).toBe(pngAtt.sha256);

    const dj = await call('tech', { method: 'GET', url: b.json().url });
    expect(dj.headers['content-type']).toBe('image/jpeg');
    expect(dj.rawPayload.includes(Buffer.from('GPS 31.2304N'))).toBe(false);
    expect(dj.rawPayload.includes(Buffer.from('iPhone'))).toBe(false);
    // The orientation survives (a minimal EXIF block), so a portrait photo still shows upright.
    const exif = dj.rawPayload.indexOf(Buffer.from('Exif\0\0MM'));
    expect(exif).toBeGreaterThan(0);
    expect(dj.rawPayload.readUInt16BE(exif + 6 + 8 + 2 + 8)).toBe(6);
    expect(dj.rawPayload.length).toBeLessThan(j.length);

    // On disk: under uploads/<estate>/service_request/ with a random name, never the client's.
    const files = readdirSync(join(uploads, estate.id, 'service_request'));
    expect(files.some((f) => /^[0-9a-f]{32}\.png$/.test(f))).toBe(true);
    expect(files.some((f) => f.includes('厨房') || f.includes('IMG'))).toBe(false);

    const audit = await database.db
      .selectFrom('audit_events')
      .select(['action', 'target_id'])
      .where('action', '=', 'attachment.upload')
      .execute();
    expect(audit.map((x) => x.target_id)).toEqual(expect.arrayContaining([pngAtt.id, b.json().id]));
  });

  it('a text file renamed .jpg is refused with a 400 naming the field and the reason, in both languages', async () => {
    const req = await acceptedRequest();
    const text = Buffer.from('这不是照片，只是一个文本文件\n'.repeat(20));
    const zh = await upload('tech', req, text, { filename: 'photo.jpg', contentType: 'image/jpeg' });
    expect(zh.statusCode).toBe(400);
    expect(zh.json().error.code).toBe('ATTACHMENT_TYPE_NOT_ALLOWED');
    expect(zh.json().error.message).toContain('file');
    expect(zh.json().error.message).toContain('不是允许的图片格式');
    expect(zh.json().error.details).toMatchObject({ field: 'file', reason: 'type' });
    const en = await upload('tech', req, text, {
      filename: 'photo.jpg',
      contentType: 'image/jpeg',
      lang: 'en',
    });
    expect(en.statusCode).toBe(400);
    expect(en.json().error.message).toMatch(
      /^file: "photo\.jpg" is not an accepted image; only JPEG, PNG, WebP or HEIC/,
    );
    // A JPEG start with a broken structure is refused too.
    const broken = Buffer.concat([JPEG_24x16.subarray(0, 20), Buffer.from([0xff, 0xdb, 0xff, 0xff])]);
    const bad = await upload('tech', req, broken, { lang: 'en' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('ATTACHMENT_MALFORMED');
    expect((await list('tech', req)).json().items).toEqual([]);
  });

  it('a file over the configured size is refused with 413 and the limit; a missing file with 400', async () => {
    const req = await acceptedRequest();
    const big = Buffer.concat([png(8, 8), Buffer.alloc(MB + 10, 1)]);
    const r = await upload('tech', req, big, { lang: 'en' });
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(r.json().error.message).toBe(
      'file: a photo may be at most 1 MB; make it smaller and upload again',
    );
    const zh = await upload('tech', req, big);
    expect(zh.json().error.message).toContain('照片不能超过 1 MB');
    const json = await call('tech', {
      method: 'POST',
      url: `/api/attachments?ownerKind=service_request&ownerId=${req.id}`,
      payload: { file: 'x' },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().error).toMatchObject({ code: 'ATTACHMENT_FILE_REQUIRED', details: { field: 'file' } });
    const wrongField = multipartBody(png(), { field: 'photo' });
    const wf = await call('tech', {
      method: 'POST',
      url: `/api/attachments?ownerKind=service_request&ownerId=${req.id}`,
      ...wrongField,
    });
    expect(wf.json().error.code).toBe('ATTACHMENT_FILE_REQUIRED');
    const kind = await call('tech', {
      method: 'GET',
      url: `/api/attachments?ownerKind=car&ownerId=${req.id}`,
    });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.message).toContain('ownerKind');
    expect((await list('tech', req)).json().items).toEqual([]);
  });

  it('at most 9 photos per request, also when uploads race; deleting one frees a place', async () => {
    const req = await acceptedRequest();
    for (let i = 0; i < 8; i++)
      expect((await upload('tech', req, png(4, 4, [i * 20, 0, 0]))).statusCode).toBe(201);
    const race = await Promise.all([0, 1, 2].map(() => upload('tech', req, JPEG_24x16)));
    expect(race.map((r) => r.statusCode).sort()).toEqual([201, 422, 422]);
    const tenth = await upload('tech', req, png(), { lang: 'en' });
    expect(tenth.statusCode).toBe(422);
    expect(tenth.json().error).toMatchObject({ code: 'ATTACHMENT_LIMIT_REACHED' });
    expect(tenth.json().error.message).toContain('At most 9 photos');
    const l = (await list('tech', req)).json();
    expect(l.items).toHaveLength(9);
    expect(l.canUpload).toBe(false);
    const del = await call('tech', { method: 'DELETE', url: `/api/attachments/${l.items[3].id}` });
    expect(del.statusCode, del.body).toBe(200);
    expect((await call('tech', { method: 'GET', url: l.items[3].url })).statusCode).toBe(404);
    expect((await upload('tech', req, png())).statusCode).toBe(201);
  });

  it('outside the owner’s scope a photo does not exist (404); residents 403, anonymous 401', async () => {
    const req = await acceptedRequest();
    const a = (await upload('tech', req, png())).json();
    for (const who of ['foreignmgr', 'guard']) {
      expect((await call(who, { method: 'GET', url: a.url })).statusCode, who).toBe(404);
      expect((await list(who, req)).statusCode, who).toBe(404);
      expect((await upload(who, req, png())).statusCode, who).toBe(404);
      expect((await call(who, { method: 'DELETE', url: `/api/attachments/${a.id}` })).statusCode, who).toBe(
        404,
      );
    }
    // Residents have no password login (the portal uses SMS codes): the service refuses them.
    const resident = {
      ...systemActor([estate.id]),
      id: 'resident-1',
      role: 'resident' as const,
      allEstates: false,
    };
    const q = { ownerKind: 'service_request' as const, ownerId: req.id };
    await expect(c.attachments.list(resident, q)).rejects.toMatchObject({ status: 403 });
    await expect(c.attachments.upload(resident, q, async () => null)).rejects.toMatchObject({ status: 403 });
    await expect(c.attachments.download(resident, a.id)).rejects.toMatchObject({ status: 404 });
    expect((await call(undefined, { method: 'GET', url: a.url })).statusCode).toBe(401);
    expect((await list(undefined, req)).statusCode).toBe(401);
    expect((await upload(undefined, req, png())).statusCode).toBe(401);
    // Denials are audited; the photo is still there for those who may see it.
    expect((await call('mgr', { method: 'GET', url: a.url })).statusCode).toBe(200);
  });

  it('only the uploader or a dispatcher deletes, and nothing changes once the request is completed', async () => {
    const req = await acceptedRequest();
    const mine = (await upload('tech', req, png())).json();
    const second = (await upload('tech', req, JPEG_24x16)).json();
    const other = await call('tech2', { method: 'DELETE', url: `/api/attachments/${mine.id}` });
    expect(other.statusCode).toBe(403);
    expect(other.json().error.code).toBe('ATTACHMENT_DELETE_NOT_ALLOWED');
    expect((await list('tech2', req)).json().items.map((x: any) => x.canDelete)).toEqual([false, false]);
    expect((await call('mgr', { method: 'DELETE', url: `/api/attachments/${mine.id}` })).statusCode).toBe(
      200,
    );
    const gone = await database.db
      .selectFrom('attachments')
      .select(['deleted_by', 'slot', 'stored_name'])
      .where('id', '=', mine.id)
      .executeTakeFirstOrThrow();
    expect(gone).toMatchObject({ deleted_by: ids.mgr, slot: null });
    expect(existsSync(join(uploads, gone.stored_name))).toBe(false);
    expect(
      await database.db
        .selectFrom('audit_events')
        .select('actor_id')
        .where('action', '=', 'attachment.delete')
        .where('target_id', '=', mine.id)
        .execute(),
    ).toEqual([{ actor_id: ids.mgr }]);

    const done = await call('tech', {
      method: 'POST',
      url: `/api/service-requests/${req.id}/complete`,
      payload: {
        notes: '已更换阀芯',
        minutesSpent: 20,
        materials: [],
        charge: { kind: 'free', reason: '测试' },
      },
    });
    expect(done.statusCode, done.body).toBe(200);
    const late = await upload('tech', req, png(), { lang: 'en' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('ATTACHMENT_OWNER_CLOSED');
    expect((await call('mgr', { method: 'DELETE', url: `/api/attachments/${second.id}` })).statusCode).toBe(
      409,
    );
    const l = (await list('tech', req)).json();
    expect(l).toMatchObject({ closed: true, canUpload: false });
    expect(l.items.map((x: any) => [x.id, x.canDelete])).toEqual([[second.id, false]]);
    expect(
      readFileSync(
        join(
          uploads,
          estate.id,
          'service_request',
          readdirSync(join(uploads, estate.id, 'service_request'))[0]!,
        ),
      ).length,
    ).toBeGreaterThan(0);
    expect((await call('mgr', { method: 'GET', url: second.url })).statusCode).toBe(200);
  });

  it('visit photos: a butler adds WebP and HEIC; a guard sees them but may not add; closed after a week', async () => {
    const v = await visit();
    const w = await upload('butler', v, WEBP_24x16, { filename: 'door.webp' });
    expect(w.statusCode, w.body).toBe(201);
    expect(w.json().contentType).toBe('image/webp');
    const h = await upload('butler', v, heicHeader(), {
      filename: 'IMG_1234.HEIC',
      contentType: 'image/heic',
    });
    expect(h.statusCode, h.body).toBe(201);
    expect(h.json().contentType).toBe('image/heic');
    const g = await list('guard', v);
    expect(g.statusCode).toBe(200);
    expect(g.json()).toMatchObject({ canUpload: false });
    expect(g.json().items).toHaveLength(2);
    expect((await upload('guard', v, png())).statusCode).toBe(403);
    const d = await call('guard', { method: 'GET', url: w.json().url });
    expect(d.headers['content-type']).toBe('image/webp');
    expect((await call('foreignmgr', { method: 'GET', url: w.json().url })).statusCode).toBe(404);

    clock.set(new Date(clock.now().getTime() + 8 * 86_400_000));
    try {
      const late = await upload('butler', v, png());
      expect(late.statusCode).toBe(409);
      expect(late.json().error.message).toContain('照片不能再添加或删除');
      expect((await list('butler', v)).json()).toMatchObject({ closed: true, canUpload: false });
    } finally {
      clock.set(new Date('2026-11-27T02:00:00Z'));
    }
  });

  it("a guard adds photos to their own safety check (S2), not to another's or a routine visit", async () => {
    const own = await call('guard', {
      method: 'POST',
      url: '/api/visits',
      payload: { householdId: household, kind: 'safety_check', notes: '燃气软管老化' },
    });
    expect(own.statusCode, own.body).toBe(201);
    const mine = { kind: 'visit', id: own.json().id as string };
    expect((await list('guard', mine)).json()).toMatchObject({ canUpload: true });
    expect((await upload('guard', mine, png())).statusCode).toBe(201);
    const butlers = await call('butler', {
      method: 'POST',
      url: '/api/visits',
      payload: { householdId: household, kind: 'safety_check' },
    });
    expect(butlers.statusCode, butlers.body).toBe(201);
    const other = { kind: 'visit', id: butlers.json().id as string };
    expect((await list('guard', other)).json()).toMatchObject({ canUpload: false });
    expect((await upload('guard', other, png())).statusCode).toBe(403);
  });

  it('ATTACHMENT_MAX_MB is read from the environment (default 8) and refused when out of range', () => {
    expect(loadConfig({}).ATTACHMENT_MAX_MB).toBe(8);
    expect(loadConfig({ ATTACHMENT_MAX_MB: '4.5' }).ATTACHMENT_MAX_MB).toBe(4.5);
    expect(() => loadConfig({ ATTACHMENT_MAX_MB: '500' })).toThrow(/ATTACHMENT_MAX_MB/);
  });
});
