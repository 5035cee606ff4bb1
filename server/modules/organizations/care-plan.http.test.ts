import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/helpers/build-app.js';
import { createEstate, createStaff, type TestEstate } from '../../../test/helpers/factories.js';
import { seedDefaultPlan } from '../plan/index.js';
import { moveIntoQuarter, quarterOf, quarterSpan, shiftQuarter } from './index.js';

// Friday 2026-11-27 10:00 in Beijing: quarter 2026-Q4.
const NOW = new Date('2026-11-27T02:00:00Z');

let t: TestApp;
let estate: TestEstate;
let other: TestEstate;
const cookies: Record<string, string> = {};
const ids: Record<string, string> = {};

const call = (who: string, opts: InjectOptions) => t.call(cookies[who], opts);

function create(payload: Record<string, unknown>, who = 'manager') {
  return call(who, { method: 'POST', url: `/api/estates/${estate.id}/care-plan`, payload });
}

function kpiC7(lang = 'zh-CN') {
  return call('manager', {
    method: 'GET',
    url: `/api/estates/${estate.id}/kpi`,
    headers: { 'accept-language': lang },
  }).then((r) => r.json().rows.find((x: { measureCode: string }) => x.measureCode === 'C7'));
}

beforeAll(async () => {
  t = await buildTestApp();
  const db = t.database.db;
  estate = await createEstate(db, 'lvyuan', { buildings: 1, floors: 1 });
  other = await createEstate(db, 'other', { buildings: 1, floors: 1 });
  await seedDefaultPlan(db, estate.id, NOW);
  ids.manager = await createStaff(db, 'manager', 'manager', [estate], 'management');
  ids.butler = await createStaff(db, 'butler', 'butler', [estate], 'service');
  ids.butler2 = await createStaff(db, 'butler2', 'butler', [estate], 'service');
  ids.foreignmgr = await createStaff(db, 'foreignmgr', 'manager', [other], 'management');
  for (const u of ['manager', 'butler', 'butler2', 'foreignmgr']) cookies[u] = await t.login(u);
});
afterAll(async () => {
  await t?.close();
});

describe('quarters', () => {
  it('names, spans, shifts and moves dates between quarters', () => {
    expect(quarterOf('2026-11-27')).toBe('2026-Q4');
    expect(quarterOf('2026-01-01')).toBe('2026-Q1');
    expect(quarterSpan('2026-Q4')).toEqual({ start: '2026-10-01', end: '2027-01-01' });
    expect(quarterSpan('2026-Q2')).toEqual({ start: '2026-04-01', end: '2026-07-01' });
    expect(shiftQuarter('2026-Q1', -1)).toBe('2025-Q4');
    expect(shiftQuarter('2026-Q4', 1)).toBe('2027-Q1');
    expect(moveIntoQuarter('2026-10-15', '2026-Q4', '2027-Q1')).toBe('2027-01-15');
    expect(moveIntoQuarter('2026-12-31', '2026-Q4', '2027-Q1')).toBe('2027-03-31');
    // The day clamps to the month's last day.
    expect(moveIntoQuarter('2026-08-31', '2026-Q3', '2026-Q4')).toBe('2026-11-30');
    expect(moveIntoQuarter('2026-05-31', '2026-Q2', '2027-Q1')).toBe('2027-02-28');
  });
});

describe('seasonal care plan (C7)', () => {
  it('no items yet: an empty current quarter and "no evidence yet" on the KPI board', async () => {
    const r = await call('butler', { method: 'GET', url: `/api/estates/${estate.id}/care-plan` });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({
      quarter: '2026-Q4',
      start: '2026-10-01',
      end: '2027-01-01',
      current: true,
      total: 0,
      done: 0,
      items: [],
    });
    const c7 = await kpiC7();
    expect(c7.status).toBe('no_commitment');
    expect(c7.latestEvidence).toBeNull();
  });

  it('managers add items within the quarter; others may not; bad input names the field', async () => {
    const a = await create({
      quarter: '2026-Q4',
      title: '为独居老人检查取暖设备',
      audience: 'elderly_alone',
      ownerId: ids.butler,
      dueDate: '2026-11-15',
    });
    expect(a.statusCode, a.body).toBe(201);
    expect(a.json()).toMatchObject({ done: false, overdue: true, ownerName: 'butler-name', version: 1 });
    ids.a = a.json().id;
    const b = await create({
      quarter: '2026-Q4',
      title: '冬至送饺子',
      audience: 'care_flag',
      audienceNote: '有关怀标记的住户',
      ownerId: ids.butler2,
      dueDate: '2026-12-21',
    });
    expect(b.statusCode).toBe(201);
    ids.b = b.json().id;
    const cc = await create({
      quarter: '2026-Q4',
      title: '楼道防滑垫',
      audience: 'all',
      ownerId: ids.manager,
      dueDate: '2026-12-31',
    });
    ids.c = cc.json().id;

    const outside = await create(
      { quarter: '2026-Q4', title: 'x', audience: 'all', ownerId: ids.butler, dueDate: '2027-01-05' },
      'manager',
    );
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.message).toContain('dueDate');
    const badQuarter = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/care-plan`,
      headers: { 'accept-language': 'en' },
      payload: { quarter: '2026-Q5', title: '', audience: 'all', ownerId: ids.butler, dueDate: '2026-12-01' },
    });
    expect(badQuarter.statusCode).toBe(400);
    expect(badQuarter.body).toMatch(/quarter/);
    expect(badQuarter.body).toMatch(/title/);
    const foreignOwner = await create({
      quarter: '2026-Q4',
      title: 'x',
      audience: 'all',
      ownerId: ids.foreignmgr,
      dueDate: '2026-12-01',
    });
    expect(foreignOwner.statusCode).toBe(400);
    expect(foreignOwner.json().error.details.field).toBe('ownerId');
    const butler = await create(
      { quarter: '2026-Q4', title: 'x', audience: 'all', ownerId: ids.butler, dueDate: '2026-12-01' },
      'butler',
    );
    expect(butler.statusCode).toBe(403);
    const foreign = await call('foreignmgr', { method: 'GET', url: `/api/estates/${estate.id}/care-plan` });
    expect(foreign.statusCode).toBe(404);
    const foreignEdit = await call('foreignmgr', {
      method: 'PATCH',
      url: `/api/care-plan/${ids.a}`,
      payload: { version: 1, done: true },
    });
    expect(foreignEdit.statusCode).toBe(404);
  });

  it('the owner marks an item done (only done fields); a stale version is refused', async () => {
    const notOwner = await call('butler2', {
      method: 'PATCH',
      url: `/api/care-plan/${ids.a}`,
      payload: { version: 1, done: true },
    });
    expect(notOwner.statusCode).toBe(403);
    const retitle = await call('butler', {
      method: 'PATCH',
      url: `/api/care-plan/${ids.a}`,
      payload: { version: 1, title: '改名' },
    });
    expect(retitle.statusCode).toBe(403);
    const future = await call('butler', {
      method: 'PATCH',
      url: `/api/care-plan/${ids.a}`,
      payload: { version: 1, done: true, doneOn: '2026-11-28' },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.message).toContain('doneOn');
    const done = await call('butler', {
      method: 'PATCH',
      url: `/api/care-plan/${ids.a}`,
      payload: { version: 1, done: true, doneOn: '2026-11-14', doneNote: '检查了 12 户' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({
      done: true,
      doneOn: '2026-11-14',
      doneNote: '检查了 12 户',
      doneBy: ids.butler,
      overdue: false,
      version: 2,
    });
    const stale = await call('manager', {
      method: 'PATCH',
      url: `/api/care-plan/${ids.a}`,
      payload: { version: 1, done: false },
    });
    expect(stale.statusCode).toBe(412);
    const moved = await call('manager', {
      method: 'PATCH',
      url: `/api/care-plan/${ids.b}`,
      payload: { version: 1, dueDate: '2027-01-02' },
    });
    expect(moved.statusCode).toBe(400);
    const plan = (
      await call('butler2', { method: 'GET', url: `/api/estates/${estate.id}/care-plan` })
    ).json();
    expect(plan).toMatchObject({ total: 3, done: 1, overdue: 0 });
    expect(plan.items.map((i: { title: string }) => i.title)).toEqual([
      '为独居老人检查取暖设备',
      '冬至送饺子',
      '楼道防滑垫',
    ]);
  });

  it('the KPI board shows items done this quarter, x of y, in the reader’s language', async () => {
    const c7 = await kpiC7();
    expect(c7.latestEvidence).toMatchObject({ type: 'care_plan_item', id: ids.a, at: NOW.toISOString() });
    expect(c7.latestEvidence.summary).toBe('2026-Q4 关怀计划已完成 1/3 项');
    expect((await kpiC7('en')).latestEvidence.summary).toBe('Care plan 2026-Q4: 1 of 3 done');
    // Not done any more: back to no evidence for this quarter.
    const undo = await call('manager', {
      method: 'PATCH',
      url: `/api/care-plan/${ids.a}`,
      payload: { version: 2, done: false },
    });
    expect(undo.statusCode).toBe(200);
    expect(undo.json()).toMatchObject({ done: false, doneOn: null });
    expect((await kpiC7()).latestEvidence).toBeNull();
    await call('manager', {
      method: 'PATCH',
      url: `/api/care-plan/${ids.a}`,
      payload: { version: 3, done: true },
    });
    expect((await kpiC7()).latestEvidence.summary).toBe('2026-Q4 关怀计划已完成 1/3 项');
  });

  it('copies a quarter into the next, not done, due dates moved along, never twice', async () => {
    const r = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/care-plan/copy`,
      payload: { from: '2026-Q4', to: '2027-Q1' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ copied: 3, skipped: 0 });
    expect(r.json().plan).toMatchObject({ quarter: '2027-Q1', current: false, total: 3, done: 0 });
    expect(r.json().plan.items.map((i: { dueDate: string; done: boolean }) => [i.dueDate, i.done])).toEqual([
      ['2027-02-15', false],
      ['2027-03-21', false],
      ['2027-03-31', false],
    ]);
    const again = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/care-plan/copy`,
      payload: { from: '2026-Q4', to: '2027-Q1' },
    });
    expect(again.json()).toMatchObject({ copied: 0, skipped: 3 });
    expect(again.json().plan.total).toBe(3);
    const same = await call('manager', {
      method: 'POST',
      url: `/api/estates/${estate.id}/care-plan/copy`,
      payload: { from: '2026-Q4', to: '2026-Q4' },
    });
    expect(same.statusCode).toBe(400);
    const butler = await call('butler', {
      method: 'POST',
      url: `/api/estates/${estate.id}/care-plan/copy`,
      payload: { from: '2026-Q4', to: '2027-Q2' },
    });
    expect(butler.statusCode).toBe(403);
    // The board reads this quarter only.
    expect((await kpiC7()).latestEvidence.summary).toBe('2026-Q4 关怀计划已完成 1/3 项');
  });
});
