import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../auth/index.js';
import { buildFixture, type Fixture } from './service-request.fixture.js';

let f: Fixture;
beforeAll(async () => {
  f = await buildFixture();
});
afterAll(async () => f?.close());

const t = (response: number, completion: number) => ({
  responseMinutes: response,
  completionMinutes: completion,
});
const TARGETS = { urgent: t(15, 120), high: t(30, 240), normal: t(120, 1440), low: t(480, 4320) };

const entry = (over: Record<string, unknown> = {}) => ({
  code: 'X.window_seal',
  team: 'technical',
  category: 'carpentry',
  name: '更换窗户密封条',
  nameEn: 'Replace a window seal',
  visibility: 'residents',
  priceKind: 'fixed',
  priceFen: 3500,
  freeRules: null,
  targets: TARGETS,
  supervisionCard: true,
  revisitPolicy: { afterDays: 30, lowScoreThreshold: 3 },
  ...over,
});

const url = () => `/api/estates/${f.estate.id}/service-catalog`;

const resident = (): Actor => ({
  id: 'resident-1',
  role: 'resident',
  displayName: '住户',
  estateIds: [f.estate.id],
  allEstates: false,
  ip: null,
  lang: 'zh-CN',
});

describe('catalog editing (服务目录)', () => {
  let id: string;
  let internalId: string;

  it('a manager adds an entry: it is offered after the existing ones with its price in fen', async () => {
    const r = await f.call('mgr', { method: 'POST', url: url(), payload: entry() });
    expect(r.statusCode, r.body).toBe(201);
    id = r.json().id;
    expect(r.json()).toMatchObject({
      code: 'X.window_seal',
      priceKind: 'fixed',
      priceFen: 3500,
      active: true,
      version: 1,
      targets: TARGETS,
    });
    const list = (await f.call('guard', { method: 'GET', url: url() })).json();
    expect(list.at(-1).code).toBe('X.window_seal');
  });

  it('an internal entry (不对外) is listed for staff and never returned to a resident', async () => {
    const r = await f.call('mgr', {
      method: 'POST',
      url: url(),
      payload: entry({
        code: 'X.night_fuse',
        name: '夜间更换保险丝',
        visibility: 'internal',
        priceKind: 'free',
      }),
    });
    expect(r.statusCode, r.body).toBe(201);
    internalId = r.json().id;
    expect(r.json()).toMatchObject({ visibility: 'internal', priceFen: null });
    const staff = (await f.call('guard', { method: 'GET', url: url() })).json();
    expect(staff.map((e: any) => e.code)).toContain('X.night_fuse');
    for (const visibility of [undefined, 'internal' as const]) {
      const list = await f.service.listCatalog(resident(), f.estate.id, {
        visibility,
        includeInactive: true,
      });
      expect(list.map((e) => e.code)).not.toContain('X.night_fuse');
      expect(list.map((e) => e.code)).toContain('X.window_seal');
    }
  });

  it('a manager edits price, targets and visibility with the version read; the audit names old → new', async () => {
    const r = await f.call('mgr', {
      method: 'PATCH',
      url: `${url()}/${id}`,
      payload: {
        version: 1,
        priceFen: 4000,
        visibility: 'internal',
        freeRules: { urgent: true, night: true },
      },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      version: 2,
      priceFen: 4000,
      visibility: 'internal',
      name: '更换窗户密封条',
    });
    expect(r.json().freeRules).toEqual({ urgent: true, night: true });
    const list = await f.service.listCatalog(resident(), f.estate.id);
    expect(list.map((e) => e.code)).not.toContain('X.window_seal');
    const audit = await f.database.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('target_id', '=', id)
      .orderBy('at')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['service_catalog.create', 'service_catalog.update']);
    const details = typeof audit[1]!.details === 'string' ? JSON.parse(audit[1]!.details) : audit[1]!.details;
    expect(details.changed.priceFen).toEqual({ from: 3500, to: 4000 });
    expect(details.changed.visibility).toEqual({ from: 'residents', to: 'internal' });
  });

  it('a stale version gets 412 and changes nothing; no version gets 428', async () => {
    const stale = await f.call('mgr', {
      method: 'PATCH',
      url: `${url()}/${id}`,
      payload: { version: 1, priceFen: 1 },
    });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error.code).toBe('VERSION_CONFLICT');
    const none = await f.call('mgr', { method: 'PATCH', url: `${url()}/${id}`, payload: { priceFen: 1 } });
    expect(none.statusCode).toBe(428);
    const cur = (await f.call('mgr', { method: 'GET', url: url() })).json().find((e: any) => e.id === id);
    expect(cur).toMatchObject({ version: 2, priceFen: 4000 });
  });

  it('bad input gets 400 naming the field; a taken code 409', async () => {
    const noPrice = await f.call('mgr', {
      method: 'POST',
      url: url(),
      headers: { 'accept-language': 'zh-CN' },
      payload: entry({ code: 'X.other', priceFen: null }),
    });
    expect(noPrice.statusCode).toBe(400);
    expect(noPrice.json().error).toMatchObject({
      code: 'CATALOG_PRICE_REQUIRED',
      details: { field: 'priceFen' },
    });
    expect(noPrice.json().error.message).toContain('价格');
    const badTargets = await f.call('mgr', {
      method: 'POST',
      url: url(),
      payload: entry({ code: 'X.other', targets: { ...TARGETS, urgent: t(0, 10) } }),
    });
    expect(badTargets.statusCode).toBe(400);
    expect(JSON.stringify(badTargets.json().error.details)).toContain('targets');
    const badVis = await f.call('mgr', {
      method: 'PATCH',
      url: `${url()}/${id}`,
      payload: { version: 2, visibility: 'everyone' },
    });
    expect(badVis.statusCode).toBe(400);
    expect(JSON.stringify(badVis.json().error.details)).toContain('visibility');
    const taken = await f.call('mgr', { method: 'POST', url: url(), payload: entry() });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({ code: 'CATALOG_CODE_TAKEN', details: { field: 'code' } });
  });

  it('retiring: no new requests for it; it stays listed with includeInactive', async () => {
    const r = await f.call('mgr', {
      method: 'POST',
      url: `${url()}/${internalId}/retire`,
      payload: { version: 1 },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ active: false, version: 2 });
    const active = (await f.call('guard', { method: 'GET', url: url() })).json();
    expect(active.map((e: any) => e.id)).not.toContain(internalId);
    const all = (await f.call('mgr', { method: 'GET', url: `${url()}?includeInactive=true` })).json();
    expect(all.find((e: any) => e.id === internalId).active).toBe(false);
    const take = await f.call('guard', {
      method: 'POST',
      url: '/api/service-requests',
      payload: {
        estateId: f.estate.id,
        catalogId: internalId,
        location: '3栋',
        description: '跳闸',
        channel: 'phone',
      },
    });
    expect(take.statusCode).toBe(422);
    expect(take.json().error.code).toBe('CATALOG_ENTRY_INACTIVE');
    const audit = await f.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('target_id', '=', internalId)
      .execute();
    expect(audit.map((a) => a.action)).toContain('service_catalog.retire');
  });

  it('only managers edit: a squad leader gets 403, another estate’s manager 404', async () => {
    const squad = await f.call('squad', { method: 'POST', url: url(), payload: entry({ code: 'X.s' }) });
    expect(squad.statusCode).toBe(403);
    const foreign = await f.call('foreignmgr', {
      method: 'PATCH',
      url: `${url()}/${id}`,
      payload: { version: 2 },
    });
    expect(foreign.statusCode).toBe(404);
  });
});
