import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../contract/auth.js';
import { multipartBody, png } from '../../server/modules/attachments/attachment.fixtures.js';
import { seedDefaultLoanItems } from '../../server/modules/loans/index.js';
import { seedDefaultPlan } from '../../server/modules/plan/index.js';
import { seedDefaultCatalog } from '../../server/modules/service-requests/index.js';
import { seedDefaultTips } from '../../server/modules/tips/index.js';
import { buildTestApp, type TestApp } from '../helpers/build-app.js';
import { createEstate, createStaff, type TestEstate } from '../helpers/factories.js';

/**
 * Role × operation table (GitLab ProjectPolicyTable style): every cell has an expectation.
 * 'ok' = allowed (2xx), 'deny' = 403, 'hidden' = 404 (outside the actor's estate), 'auth' = 401.
 * The table is written by hand from the product rules, not derived from the code under test.
 */
type Expect = 'ok' | 'deny' | 'hidden' | 'auth';
type Who = Role | 'anonymous' | 'foreign_manager';
const WHO: Who[] = [
  'anonymous',
  'admin',
  'manager',
  'butler',
  'culture',
  'guard',
  'squad_leader',
  'technician',
  'cleaner',
  'env_supervisor',
  'foreign_manager',
];

const READ_ALL: Partial<Record<Who, Expect>> = { anonymous: 'auth' };
/** Dispatchers (manager, admin, squad leader, env supervisor) see and dispatch every team's requests. */
const DISPATCH_OK: Partial<Record<Who, Expect>> = {
  anonymous: 'auth',
  admin: 'ok',
  manager: 'ok',
  squad_leader: 'ok',
  env_supervisor: 'ok',
  foreign_manager: 'hidden',
};
/** A catalog entry as a manager writes it (the code is made unique per cell). */
const CATALOG_ENTRY = {
  team: 'technical',
  category: 'carpentry',
  name: '更换门锁',
  visibility: 'residents',
  priceKind: 'fixed',
  priceFen: 4000,
  targets: Object.fromEntries(
    ['urgent', 'high', 'normal', 'low'].map((p) => [p, { responseMinutes: 30, completionMinutes: 240 }]),
  ),
  supervisionCard: true,
  revisitPolicy: { afterDays: 30, lowScoreThreshold: 3 },
};
function row(defaults: Expect, overrides: Partial<Record<Who, Expect>>): Record<Who, Expect> {
  return Object.fromEntries(WHO.map((w) => [w, overrides[w] ?? defaults])) as Record<Who, Expect>;
}

interface Ctx {
  estate: TestEstate;
  householdId: string;
  version: () => Promise<number>;
  accountId: string;
  butlerId: string;
  visitId: string;
  leaderId: string;
  memberId: string;
  techId: string;
  /** A new household (a free room) for one cell. */
  freshHousehold: () => Promise<string>;
  /** A new household already in the squad leader's loyal group. */
  freshMember: () => Promise<string>;
  requestBody: () => Promise<Record<string, unknown>>;
  /** A new technical request taken by the admin (status new). */
  freshRequest: () => Promise<string>;
  /** A new technical request assigned to and accepted by the team's technician. */
  acceptedRequest: () => Promise<string>;
  /** A technical request completed by the team's technician (it has a supervision card). */
  completedRequest: () => Promise<string>;
  /** A fresh rating link token of a new completed request. */
  freshCardToken: () => Promise<string>;
  /** The id of a card the resident rated with a comment. */
  commentedCard: () => Promise<string>;
  /** The routine 30-day revisit of a new completed request (owned by the technician). */
  routineRevisit: () => Promise<string>;
  /** A new visit by the admin (open for photos) and one with a photo the admin uploaded. */
  freshVisit: () => Promise<string>;
  visitPhoto: () => Promise<{ visitId: string; id: string }>;
  messageId: string;
  /** A manual agenda task of the technician (only dispatchers may complete another's task). */
  manualTask: () => Promise<string>;
  bulbId: string;
  /** A new open loan (of a spare bulb) to return. */
  freshLoan: () => Promise<string>;
  boardToken: string;
  /** A new board notice (id and version) to change. */
  freshNotice: () => Promise<{ id: string; version: number }>;
  campaignBody: Record<string, unknown>;
  campaignId: string;
  /** A new draft campaign to start. */
  freshCampaign: () => Promise<string>;
  /** A plan measure of the estate by code, as the admin sees it now. */
  measure: (code: string) => Promise<any>;
  /** GET as the admin, parsed (to build a request from current data). */
  adminGet: (url: string) => Promise<any>;
  /** Owners' organizations (C4): a new one (the manager account responsible), with `householdId` as a member if asked. */
  freshOrg: (withMember?: boolean) => Promise<string>;
  /** A new contact with a follow-up (id, version 1) of a new organization. */
  freshOrgContact: () => Promise<string>;
  /** A new care plan item (C7) of the current quarter owned by the butler (id, version 1). */
  freshCareItem: () => Promise<string>;
  /** A new leave of the technician on the duty roster (id) to delete. */
  freshDutyException: () => Promise<string>;
  /** A new catalog entry (id and version) to change. */
  freshCatalogEntry: () => Promise<{ id: string; version: number }>;
}

interface Case {
  op: string;
  req: (c: Ctx) => Promise<{
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    url: string;
    payload?: Record<string, unknown> | Buffer;
    headers?: Record<string, string>;
  }>;
  expect: Record<Who, Expect>;
}

const CASES: Case[] = [
  {
    op: 'getCurrentUser',
    req: async () => ({ method: 'GET', url: '/api/auth/me' }),
    expect: row('ok', READ_ALL),
  },
  {
    op: 'listEstates',
    req: async () => ({ method: 'GET', url: '/api/estates' }),
    expect: row('ok', READ_ALL),
  },
  {
    op: 'getEstate',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'listBuildings',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/buildings` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'listRooms',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/rooms` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'listEntrances',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/entrances` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'listTeams',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/teams` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'listPosts',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/posts` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'listStaff',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/staff` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'listHouseholds',
    req: async () => ({ method: 'GET', url: '/api/households' }),
    expect: row('ok', READ_ALL),
  },
  {
    op: 'getHousehold',
    req: async (c) => ({ method: 'GET', url: `/api/households/${c.householdId}` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'createHousehold',
    req: async (c) => ({
      method: 'POST',
      url: '/api/households',
      payload: { estateId: c.estate.id, roomId: c.estate.roomIds[5], occupancy: 'vacant' },
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'updateHousehold',
    req: async (c) => ({
      method: 'PATCH',
      url: `/api/households/${c.householdId}`,
      payload: { version: await c.version(), notes: `n${Math.random()}` },
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      squad_leader: 'ok',
      env_supervisor: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'listHouseholdChanges',
    req: async (c) => ({ method: 'GET', url: `/api/households/${c.householdId}/history` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'listConsents',
    req: async (c) => ({ method: 'GET', url: `/api/households/${c.householdId}/consents` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'recordConsent',
    req: async (c) => ({
      method: 'POST',
      url: `/api/households/${c.householdId}/consents`,
      payload: { purpose: 'greetings', grantedByName: '王建国', method: 'paper_form' },
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'getSensitiveFacts',
    req: async (c) => ({ method: 'GET', url: `/api/households/${c.householdId}/sensitive` }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      squad_leader: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'listCustomFields',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/custom-fields` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'createCustomField',
    req: async (c) => ({
      method: 'POST',
      url: `/api/estates/${c.estate.id}/custom-fields`,
      payload: { key: `f${Math.floor(Math.random() * 1e9)}`, label: '字段', type: 'text' },
    }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
  {
    op: 'listAuditEvents',
    req: async () => ({ method: 'GET', url: '/api/audit-events' }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'ok' }),
  },
  {
    op: 'setBuildingButlers',
    req: async (c) => ({
      method: 'PUT' as const,
      url: `/api/estates/${c.estate.id}/buildings/${c.estate.buildingIds[0]}/butlers`,
      payload: { accountIds: [c.butlerId] },
    }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
  {
    op: 'createEstate',
    req: async () => ({
      method: 'POST',
      url: '/api/estates',
      payload: { code: `e${Math.floor(Math.random() * 1e9)}`, name: '新项目', city: '北京' },
    }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok' }),
  },
  {
    op: 'getCalendarDay',
    req: async () => ({ method: 'GET', url: '/api/calendar/day?date=2026-10-01' }),
    expect: row('ok', READ_ALL),
  },
  {
    op: 'listHolidays',
    req: async () => ({ method: 'GET', url: '/api/calendar/holidays?year=2026' }),
    expect: row('ok', READ_ALL),
  },
  {
    op: 'getPlateRestriction',
    req: async () => ({
      method: 'GET',
      url: `/api/plate-restriction?city=${encodeURIComponent('北京')}&date=2026-11-27`,
    }),
    expect: row('ok', READ_ALL),
  },
  {
    op: 'listPlateRules',
    req: async () => ({ method: 'GET', url: '/api/plate-rules' }),
    expect: row('ok', READ_ALL),
  },
  {
    op: 'upsertHoliday',
    req: async () => ({
      method: 'PUT',
      url: '/api/calendar/holidays/2027-10-01',
      payload: { kind: 'holiday', name: '国庆节' },
    }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok' }),
  },
  {
    op: 'deleteHoliday',
    req: async () => ({ method: 'DELETE', url: '/api/calendar/holidays/2027-10-01' }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok' }),
  },
  {
    op: 'updatePlateRule',
    req: async (c) => {
      const {
        city: _c,
        source: _s,
        updatedAt: _u,
        updatedBy: _b,
        overrides: _o,
        ...rule
      } = (await c.adminGet('/api/plate-rules')).find((r: any) => r.city === 'tianjin');
      return { method: 'PUT', url: '/api/plate-rules/tianjin', payload: rule };
    },
    expect: row('deny', { anonymous: 'auth', admin: 'ok' }),
  },
  {
    op: 'addPlateOverride',
    req: async () => ({
      method: 'POST',
      url: '/api/plate-rules/tianjin/overrides',
      payload: { date: '2026-12-15', numbers: 'none', reason: '测试' },
    }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok' }),
  },
  {
    op: 'deletePlateOverride',
    req: async () => ({ method: 'DELETE', url: '/api/plate-rules/tianjin/overrides/2026-12-15' }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok' }),
  },
  {
    op: 'listPlanStages',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/plan/stages` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'listPlanMeasures',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/plan/measures` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'getPlanMeasure',
    req: async (c) => ({
      method: 'GET',
      url: `/api/estates/${c.estate.id}/plan/measures/${(await c.measure('S7')).id}`,
    }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'listPlanMeasureChanges',
    req: async (c) => ({
      method: 'GET',
      url: `/api/estates/${c.estate.id}/plan/measures/${(await c.measure('S7')).id}/history`,
    }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'updatePlanMeasure',
    req: async (c) => {
      const m = await c.measure('S7');
      return {
        method: 'PATCH',
        url: `/api/estates/${c.estate.id}/plan/measures/${m.id}`,
        payload: { version: m.version, textEn: `t${Math.random()}` },
      };
    },
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
  {
    op: 'createPlanMeasure',
    req: async (c) => ({
      method: 'POST',
      url: `/api/estates/${c.estate.id}/plan/measures`,
      payload: { textZh: '新措施', team: 'service', stage: 'help' },
    }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
  {
    op: 'setCommitmentTarget',
    req: async (c) => {
      const m = await c.measure('E1');
      return {
        method: 'PUT',
        url: `/api/estates/${c.estate.id}/plan/commitments/${m.commitments[0].id}/target`,
        payload: { target: 3 },
      };
    },
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
  // Home visits (走访) and loyal-household groups (S5).
  {
    op: 'createVisit',
    req: async (c) => ({
      method: 'POST',
      url: '/api/visits',
      payload: { householdId: c.householdId, kind: 'routine', notes: '走访' },
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      squad_leader: 'ok',
      env_supervisor: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    // S2: guards record home safety checks (visit.safety_check) and no other kind of visit.
    op: 'createVisit',
    req: async (c) => ({
      method: 'POST',
      url: '/api/visits',
      payload: { householdId: c.householdId, kind: 'safety_check', notes: '燃气、门窗已检查' },
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      guard: 'ok',
      squad_leader: 'ok',
      env_supervisor: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'suggestVisitHouseholds',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/visit-suggestions?limit=5` }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      squad_leader: 'ok',
      env_supervisor: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'listVisits',
    req: async (c) => ({ method: 'GET', url: `/api/visits?estateId=${c.estate.id}` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'getVisit',
    req: async (c) => ({ method: 'GET', url: `/api/visits/${c.visitId}` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'listLoyalGroups',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/loyal-groups` }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      squad_leader: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'addLoyalGroupMember',
    req: async (c) => ({
      method: 'POST',
      url: `/api/estates/${c.estate.id}/loyal-groups/${c.leaderId}/members`,
      payload: { householdId: await c.freshHousehold() },
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      squad_leader: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'removeLoyalGroupMember',
    req: async (c) => ({
      method: 'DELETE',
      url: `/api/estates/${c.estate.id}/loyal-groups/${c.leaderId}/members/${await c.freshMember()}`,
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      squad_leader: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'logLoyalGroupContact',
    req: async (c) => ({
      method: 'POST',
      url: `/api/estates/${c.estate.id}/loyal-groups/${c.leaderId}/contacts`,
      payload: { householdId: c.memberId, channel: 'phone', note: '月度联系' },
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      squad_leader: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  // Service requests. Matrix staff belong to no team: only dispatchers see others' requests.
  {
    op: 'listServiceCatalog',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/service-catalog` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  // Catalog editing: managers (plan.manage).
  {
    op: 'createCatalogEntry',
    req: async (c) => ({
      method: 'POST',
      url: `/api/estates/${c.estate.id}/service-catalog`,
      payload: { ...CATALOG_ENTRY, code: `M.${Math.floor(Math.random() * 1e9)}` },
    }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
  {
    op: 'updateCatalogEntry',
    req: async (c) => {
      const e = await c.freshCatalogEntry();
      return {
        method: 'PATCH',
        url: `/api/estates/${c.estate.id}/service-catalog/${e.id}`,
        payload: { version: e.version, priceFen: 5000 },
      };
    },
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
  {
    op: 'retireCatalogEntry',
    req: async (c) => {
      const e = await c.freshCatalogEntry();
      return {
        method: 'POST',
        url: `/api/estates/${c.estate.id}/service-catalog/${e.id}/retire`,
        payload: { version: e.version },
      };
    },
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
  {
    op: 'createServiceRequest',
    req: async (c) => ({ method: 'POST', url: '/api/service-requests', payload: await c.requestBody() }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'listServiceRequests',
    req: async (c) => ({ method: 'GET', url: `/api/service-requests?estateId=${c.estate.id}` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'getServiceRequest',
    req: async (c) => ({ method: 'GET', url: `/api/service-requests/${await c.freshRequest()}` }),
    expect: row('hidden', DISPATCH_OK),
  },
  {
    op: 'suggestAssignees',
    req: async (c) => ({
      method: 'GET',
      url: `/api/service-requests/${await c.freshRequest()}/assignee-suggestions`,
    }),
    expect: row('deny', DISPATCH_OK),
  },
  {
    op: 'assignServiceRequest',
    req: async (c) => ({
      method: 'POST',
      url: `/api/service-requests/${await c.freshRequest()}/assign`,
      payload: { assigneeId: c.techId },
    }),
    expect: row('deny', DISPATCH_OK),
  },
  {
    op: 'acceptServiceRequest',
    req: async (c) => ({
      method: 'POST',
      url: `/api/service-requests/${await c.freshRequest()}/accept`,
      payload: {},
    }),
    expect: row('hidden', {
      anonymous: 'auth',
      admin: 'deny',
      manager: 'deny',
      squad_leader: 'deny',
      env_supervisor: 'deny',
    }),
  },
  {
    op: 'startServiceRequest',
    req: async (c) => ({
      method: 'POST',
      url: `/api/service-requests/${await c.acceptedRequest()}/start`,
      payload: {},
    }),
    expect: row('hidden', {
      anonymous: 'auth',
      admin: 'deny',
      manager: 'deny',
      squad_leader: 'deny',
      env_supervisor: 'deny',
    }),
  },
  {
    op: 'completeServiceRequest',
    req: async (c) => ({
      method: 'POST',
      url: `/api/service-requests/${await c.acceptedRequest()}/complete`,
      payload: { notes: '已修好', minutesSpent: 20, materials: [], charge: { kind: 'free', reason: '测试' } },
    }),
    expect: row('hidden', {
      anonymous: 'auth',
      admin: 'deny',
      manager: 'deny',
      squad_leader: 'deny',
      env_supervisor: 'deny',
    }),
  },
  {
    op: 'cancelServiceRequest',
    req: async (c) => ({
      method: 'POST',
      url: `/api/service-requests/${await c.freshRequest()}/cancel`,
      payload: { reason: '住户取消' },
    }),
    expect: row('hidden', DISPATCH_OK),
  },
  // Supervision cards and revisits: the card is public by token; staff need their team or dispatch.
  {
    op: 'getRatingCard',
    req: async (c) => ({ method: 'GET', url: `/api/public/rating-cards/${await c.freshCardToken()}` }),
    expect: row('ok', {}),
  },
  {
    op: 'submitRating',
    req: async (c) => ({
      method: 'POST',
      url: `/api/public/rating-cards/${await c.freshCardToken()}`,
      payload: { punctuality: 5, attitude: 5, skill: 5, tidiness: 5, overall: 5 },
    }),
    expect: row('ok', {}),
  },
  {
    op: 'getRatingCardPdf',
    req: async (c) => ({
      method: 'GET',
      url: `/api/service-requests/${await c.completedRequest()}/rating-card.pdf`,
    }),
    expect: row('hidden', DISPATCH_OK),
  },
  {
    op: 'issueRatingLink',
    req: async (c) => ({
      method: 'POST',
      url: `/api/service-requests/${await c.completedRequest()}/rating-link`,
    }),
    expect: row('hidden', DISPATCH_OK),
  },
  {
    op: 'listRatingCards',
    req: async (c) => ({ method: 'GET', url: `/api/rating-cards?estateId=${c.estate.id}` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'replyToRatingComment',
    req: async (c) => ({
      method: 'POST',
      url: `/api/rating-cards/${await c.commentedCard()}/reply`,
      payload: { text: '感谢您的反馈，我们会改进。' },
    }),
    expect: row('deny', DISPATCH_OK),
  },
  {
    op: 'listRevisits',
    req: async (c) => ({ method: 'GET', url: `/api/revisits?estateId=${c.estate.id}` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'completeRevisit',
    req: async (c) => ({
      method: 'POST',
      url: `/api/revisits/${await c.routineRevisit()}/complete`,
      payload: { outcome: '住户表示满意' },
    }),
    expect: row('deny', DISPATCH_OK),
  },
  // Agenda and the promise-keeping board.
  {
    op: 'getAgenda',
    req: async () => ({ method: 'GET', url: '/api/agenda' }),
    expect: row('ok', { anonymous: 'auth' }),
  },
  {
    op: 'completeTask',
    req: async (c) => ({
      method: 'POST',
      url: `/api/agenda/tasks/${await c.manualTask()}/complete`,
      payload: {},
    }),
    expect: row('deny', { ...DISPATCH_OK, foreign_manager: 'hidden' }),
  },
  {
    op: 'getKpiBoard',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/kpi?period=2026-11` }),
    expect: row('deny', DISPATCH_OK),
  },
  {
    op: 'getServiceFigures',
    req: async (c) => ({
      method: 'GET',
      url: `/api/estates/${c.estate.id}/service-figures?from=2026-11-01&to=2026-11-30`,
    }),
    expect: row('deny', DISPATCH_OK),
  },
  // Messaging: the outbox, templates and providers.
  {
    op: 'listMessages',
    req: async (c) => ({ method: 'GET', url: `/api/messages?estateId=${c.estate.id}` }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'getMessage',
    req: async (c) => ({ method: 'GET', url: `/api/messages/${c.messageId}` }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'listTemplates',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/message-templates` }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'upsertTemplate',
    req: async (c) => ({
      method: 'PUT',
      url: `/api/estates/${c.estate.id}/message-templates/greet`,
      payload: {
        name: '节日问候',
        purpose: 'greetings',
        textZh: '{name}您好，祝节日快乐！',
        paramNames: ['name'],
      },
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'listProviders',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/message-providers` }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'putProvider',
    req: async (c) => ({
      method: 'PUT',
      url: `/api/estates/${c.estate.id}/message-providers/sms_tencent`,
      payload: {
        signName: '绿苑物业',
        sdkAppId: '1400000000',
        accessKeyId: 'AKIDtest',
        accessKeySecret: 'secret-test',
      },
    }),
    // Only head office holds provider credentials: a manager is refused before any estate lookup.
    expect: row('deny', { anonymous: 'auth', admin: 'ok' }),
  },
  {
    op: 'updateConsent',
    req: async (c) => ({
      method: 'PUT',
      url: `/api/households/${c.householdId}/consents/messaging`,
      payload: { purpose: 'tips', granted: false },
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'dispatchMessagesNow',
    req: async () => ({ method: 'POST', url: '/api/messages/dispatch', payload: {} }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok' }),
  },
  // Lending (T9, S9) and demand peaks (T6).
  {
    op: 'listLoanItems',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/loan-items` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'createLoan',
    req: async (c) => ({
      method: 'POST',
      url: '/api/loans',
      payload: { itemId: c.bulbId, householdId: c.householdId, borrowerName: '王建国' },
    }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'returnLoan',
    req: async (c) => ({
      method: 'POST',
      url: `/api/loans/${await c.freshLoan()}/return`,
      payload: { condition: 'ok' },
    }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  // Photos: who sees the visit sees its photos; visit recorders add; uploader or dispatcher deletes.
  {
    op: 'uploadAttachment',
    req: async (c) => ({
      method: 'POST',
      url: `/api/attachments?ownerKind=visit&ownerId=${await c.freshVisit()}`,
      ...multipartBody(png()),
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      squad_leader: 'ok',
      env_supervisor: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'listAttachments',
    req: async (c) => ({
      method: 'GET',
      url: `/api/attachments?ownerKind=visit&ownerId=${(await c.visitPhoto()).visitId}`,
    }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'downloadAttachment',
    req: async (c) => ({ method: 'GET', url: `/api/attachments/${(await c.visitPhoto()).id}/content` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'deleteAttachment',
    req: async (c) => ({ method: 'DELETE', url: `/api/attachments/${(await c.visitPhoto()).id}` }),
    expect: row('deny', { ...DISPATCH_OK }),
  },
  {
    op: 'listLoans',
    req: async (c) => ({ method: 'GET', url: `/api/loans?estateId=${c.estate.id}` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'getDemandPeaks',
    req: async (c) => ({
      method: 'GET',
      url: `/api/estates/${c.estate.id}/demand-peaks?weeks=4&team=technical`,
    }),
    expect: row('deny', DISPATCH_OK),
  },
  // The duty roster (值班表): every staff member reads it; dispatchers and managers edit it.
  {
    op: 'getDutyRoster',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/duty-roster` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'listOnDuty',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/on-duty?team=technical` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'putDutyShifts',
    req: async (c) => {
      const roster = await c.adminGet(`/api/estates/${c.estate.id}/duty-roster?team=technical`);
      const me = roster.teams[0].members.find((m: any) => m.accountId === c.techId);
      return {
        method: 'PUT',
        url: `/api/estates/${c.estate.id}/duty-roster/${c.techId}/shifts`,
        payload: { version: me.version, shifts: [{ weekday: 1, start: '08:00', end: '17:00' }] },
      };
    },
    expect: row('deny', DISPATCH_OK),
  },
  {
    op: 'addDutyException',
    req: async (c) => ({
      method: 'POST',
      url: `/api/estates/${c.estate.id}/duty-exceptions`,
      payload: { accountId: c.techId, date: '2026-12-01', kind: 'leave' },
    }),
    expect: row('deny', DISPATCH_OK),
  },
  {
    op: 'deleteDutyException',
    req: async (c) => ({
      method: 'DELETE',
      url: `/api/estates/${c.estate.id}/duty-exceptions/${await c.freshDutyException()}`,
    }),
    expect: row('deny', DISPATCH_OK),
  },
  // The entrance board (S11, E16) and weather.
  {
    op: 'getBoard',
    req: async (c) => ({ method: 'GET', url: `/api/public/boards/${c.boardToken}` }),
    expect: row('ok', {}),
  },
  {
    op: 'getWeather',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/weather?date=2026-11-27` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'enterWeather',
    req: async (c) => ({
      method: 'PUT',
      url: `/api/estates/${c.estate.id}/weather/2026-11-28`,
      payload: { conditionZh: '晴', conditionEn: 'Sunny', tempMin: -3, tempMax: 6 },
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      guard: 'ok',
      squad_leader: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'getWeatherSource',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/weather-source` }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
  {
    op: 'putWeatherSource',
    req: async (c) => ({
      method: 'PUT',
      url: `/api/estates/${c.estate.id}/weather-source`,
      payload: { provider: 'manual' },
    }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok' }),
  },
  {
    op: 'listBoardNotices',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/board/notices` }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
  {
    op: 'createBoardNotice',
    req: async (c) => ({
      method: 'POST',
      url: `/api/estates/${c.estate.id}/board/notices`,
      payload: { textZh: '明日停水，请提前储水', fromDate: '2026-11-27', toDate: '2026-11-28' },
    }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
  {
    op: 'updateBoardNotice',
    req: async (c) => {
      const n = await c.freshNotice();
      return {
        method: 'PATCH',
        url: `/api/estates/${c.estate.id}/board/notices/${n.id}`,
        payload: { version: n.version, active: false },
      };
    },
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
  {
    op: 'listBoardGreetings',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/board/greetings` }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
  {
    op: 'upsertBoardGreeting',
    req: async (c) => ({
      method: 'POST',
      url: `/api/estates/${c.estate.id}/board/greetings`,
      payload: { textZh: '出门愉快' },
    }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
  {
    op: 'listBoards',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/boards` }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
  // Greeting and tips campaigns.
  {
    op: 'createCampaign',
    req: async (c) => ({
      method: 'POST',
      url: `/api/estates/${c.estate.id}/campaigns`,
      payload: c.campaignBody,
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'previewCampaign',
    req: async (c) => ({
      method: 'POST',
      url: `/api/estates/${c.estate.id}/campaigns/preview`,
      payload: c.campaignBody,
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'previewSavedCampaign',
    req: async (c) => ({ method: 'GET', url: `/api/campaigns/${c.campaignId}/preview` }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'startCampaign',
    req: async (c) => ({ method: 'POST', url: `/api/campaigns/${await c.freshCampaign()}/start` }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'cancelCampaign',
    req: async (c) => ({
      method: 'POST',
      url: `/api/campaigns/${await c.freshCampaign()}/cancel`,
      payload: {},
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'getCampaign',
    req: async (c) => ({ method: 'GET', url: `/api/campaigns/${c.campaignId}` }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'listCampaigns',
    req: async (c) => ({ method: 'GET', url: `/api/campaigns?estateId=${c.estate.id}` }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'listCampaignProposals',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/campaign-proposals` }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'getEmailProvider',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/email-provider` }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok' }),
  },
  {
    op: 'putEmailProvider',
    req: async (c) => ({
      method: 'PUT',
      url: `/api/estates/${c.estate.id}/email-provider`,
      payload: {
        host: 'smtp.example.com',
        username: 'notice@example.com',
        password: 'smtp-secret',
        fromAddress: 'notice@example.com',
        fromName: '绿苑物业',
      },
    }),
    // Like SMS credentials: only head office holds them.
    expect: row('deny', { anonymous: 'auth', admin: 'ok' }),
  },
  // Provider callbacks: the secret token in the URL is the only credential (a session is not one).
  {
    op: 'getProviderCallbackUrls',
    req: async (c) => ({
      method: 'GET',
      url: `/api/estates/${c.estate.id}/message-providers/sms_tencent/callbacks`,
    }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok' }),
  },
  {
    op: 'aliyunSmsStatusReport',
    req: async (c) => ({
      method: 'POST',
      url: `/api/public/sms/sms_aliyun/${c.estate.id}/not-the-token/status`,
      payload: [{ success: true, out_id: c.messageId }],
    }),
    expect: row('hidden', {}),
  },
  {
    op: 'aliyunSmsReplies',
    req: async (c) => ({
      method: 'POST',
      url: `/api/public/sms/sms_aliyun/${c.estate.id}/not-the-token/replies`,
      payload: [{ phone_number: '13800000000', content: '退订' }],
    }),
    expect: row('hidden', {}),
  },
  {
    op: 'tencentSmsStatusReport',
    req: async (c) => ({
      method: 'POST',
      url: `/api/public/sms/sms_tencent/${c.estate.id}/not-the-token/status`,
      payload: [{ sid: 'x', report_status: 'SUCCESS' }],
    }),
    expect: row('hidden', {}),
  },
  {
    op: 'tencentSmsReply',
    req: async (c) => ({
      method: 'POST',
      url: `/api/public/sms/sms_tencent/${c.estate.id}/not-the-token/replies`,
      payload: { mobile: '13800000000', text: 'R' },
    }),
    expect: row('hidden', {}),
  },
  // Birthdays (kept with the member's agreement) and the tips library (C8, E10, E11, T10).
  {
    op: 'listHouseholdBirthdays',
    req: async (c) => ({ method: 'GET', url: `/api/households/${c.householdId}/birthdays` }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'putMemberBirthday',
    req: async (c) => {
      const hh = await c.adminGet(`/api/households/${c.householdId}`);
      return {
        method: 'PUT',
        url: `/api/households/${c.householdId}/members/${hh.members[0].id}/birthday`,
        payload: { monthDay: '03-14', grantedByName: '本人' },
      };
    },
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'deleteMemberBirthday',
    req: async (c) => {
      const hh = await c.adminGet(`/api/households/${c.householdId}`);
      return {
        method: 'DELETE',
        url: `/api/households/${c.householdId}/members/${hh.members[0].id}/birthday`,
      };
    },
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'listTips',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/tips` }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'listTipProposals',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/tip-proposals` }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'createTip',
    req: async (c) => ({
      method: 'POST',
      url: `/api/estates/${c.estate.id}/tips`,
      payload: {
        category: 'plants',
        season: 'winter',
        titleZh: '多肉防冻',
        titleEn: 'Succulents in frost',
        textZh: '多肉植物请在霜冻前移入室内。',
        textEn: 'Bring succulents indoors before the frost.',
      },
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'updateTip',
    req: async (c) => {
      const tip = (await c.adminGet(`/api/estates/${c.estate.id}/tips?category=utilities`))[0];
      return {
        method: 'PATCH',
        url: `/api/estates/${c.estate.id}/tips/${tip.id}`,
        payload: { version: tip.version, titleZh: tip.titleZh },
      };
    },
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'postTipAsNotice',
    req: async (c) => {
      const tip = (await c.adminGet(`/api/estates/${c.estate.id}/tips?category=plants&active=true`))[0];
      return {
        method: 'POST',
        url: `/api/estates/${c.estate.id}/tips/${tip.id}/notice`,
        payload: { fromDate: '2026-11-27', toDate: '2026-11-30' },
      };
    },
    // A notice on the entrance board: as createBoardNotice (board.manage).
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
  // Customer journey (五步一法 stages) and the monthly report for the owners' committee.
  {
    op: 'getJourneyFunnel',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/journey` }),
    expect: row('deny', DISPATCH_OK),
  },
  {
    op: 'listJourneyStuck',
    req: async (c) => ({
      method: 'GET',
      url: `/api/estates/${c.estate.id}/journey/stuck?stage=know&limit=5`,
    }),
    expect: row('deny', DISPATCH_OK),
  },
  {
    op: 'downloadMonthlyReport',
    req: async (c) => ({
      method: 'GET',
      url: `/api/estates/${c.estate.id}/reports/monthly?month=2026-11&format=xlsx`,
    }),
    expect: row('deny', DISPATCH_OK),
  },
  {
    op: 'listAccounts',
    req: async () => ({ method: 'GET', url: '/api/accounts' }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok' }),
  },
  {
    op: 'createAccount',
    req: async () => ({
      method: 'POST',
      url: '/api/accounts',
      payload: {
        username: `u${Math.floor(Math.random() * 1e9)}`,
        displayName: '新员工',
        role: 'cleaner',
        password: 'Long-enough-pass-1',
      },
    }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok' }),
  },
  {
    op: 'resetAccountPassword',
    req: async (c) => ({
      method: 'POST',
      url: `/api/accounts/${c.accountId}/reset-password`,
      payload: { password: 'Another-long-pass-2' },
    }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok' }),
  },
  // Owners' organizations (C4): staff read; managers create and edit; managers, the staff member
  // responsible (here the manager account) and the culture specialist keep members and the log.
  {
    op: 'listOrganizations',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/organizations` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'getOrganization',
    req: async (c) => ({ method: 'GET', url: `/api/organizations/${await c.freshOrg()}` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'createOrganization',
    req: async (c) => ({
      method: 'POST',
      url: `/api/estates/${c.estate.id}/organizations`,
      payload: {
        name: `舞蹈队${Math.floor(Math.random() * 1e9)}`,
        kind: 'dance_team',
        managerId: c.butlerId,
      },
    }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
  {
    op: 'updateOrganization',
    req: async (c) => ({
      method: 'PATCH',
      url: `/api/organizations/${await c.freshOrg()}`,
      payload: { version: 1, meetingTime: '每周三 19:00' },
    }),
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
  {
    op: 'addOrganizationMember',
    req: async (c) => ({
      method: 'POST',
      url: `/api/organizations/${await c.freshOrg()}/members`,
      payload: { householdId: c.householdId, role: '队长' },
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'removeOrganizationMember',
    req: async (c) => ({
      method: 'DELETE',
      url: `/api/organizations/${await c.freshOrg(true)}/members/${c.householdId}`,
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'logOrganizationContact',
    req: async (c) => ({
      method: 'POST',
      url: `/api/organizations/${await c.freshOrg()}/contacts`,
      payload: { channel: 'phone', summary: '电话问候会长' },
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'listOrganizationContacts',
    req: async (c) => ({ method: 'GET', url: `/api/organizations/${await c.freshOrg()}/contacts` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'updateOrganizationContact',
    req: async (c) => ({
      method: 'PATCH',
      url: `/api/organization-contacts/${await c.freshOrgContact()}`,
      payload: { version: 1, followUpDone: true },
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      culture: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  // Seasonal care plan (C7): staff read; managers plan; an item's owner (the butler) marks it done.
  {
    op: 'listCarePlanItems',
    req: async (c) => ({ method: 'GET', url: `/api/estates/${c.estate.id}/care-plan` }),
    expect: row('ok', { ...READ_ALL, foreign_manager: 'hidden' }),
  },
  {
    op: 'createCarePlanItem',
    req: async (c) => {
      const plan = await c.adminGet(`/api/estates/${c.estate.id}/care-plan`);
      return {
        method: 'POST',
        url: `/api/estates/${c.estate.id}/care-plan`,
        payload: {
          quarter: plan.quarter,
          title: '冬至送饺子',
          audience: 'care_flag',
          ownerId: c.butlerId,
          dueDate: plan.start,
        },
      };
    },
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
  {
    op: 'updateCarePlanItem',
    req: async (c) => ({
      method: 'PATCH',
      url: `/api/care-plan/${await c.freshCareItem()}`,
      payload: { version: 1, done: true, doneNote: '已完成' },
    }),
    expect: row('deny', {
      anonymous: 'auth',
      admin: 'ok',
      manager: 'ok',
      butler: 'ok',
      foreign_manager: 'hidden',
    }),
  },
  {
    op: 'copyCarePlanQuarter',
    req: async (c) => {
      const plan = await c.adminGet(`/api/estates/${c.estate.id}/care-plan`);
      const [y, q] = plan.quarter.split('-Q').map(Number);
      return {
        method: 'POST',
        url: `/api/estates/${c.estate.id}/care-plan/copy`,
        payload: { from: plan.quarter, to: q === 4 ? `${y + 1}-Q1` : `${y}-Q${q + 1}` },
      };
    },
    expect: row('deny', { anonymous: 'auth', admin: 'ok', manager: 'ok', foreign_manager: 'hidden' }),
  },
];

const STATUS: Record<Expect, (s: number) => boolean> = {
  ok: (s) => s >= 200 && s < 300,
  deny: (s) => s === 403,
  hidden: (s) => s === 404,
  auth: (s) => s === 401,
};

let t: TestApp;
const cookies = new Map<Who, string | undefined>();
let ctx: Ctx;

beforeAll(async () => {
  t = await buildTestApp();
  const estate = await createEstate(t.database.db, 'home', { buildings: 2, floors: 10 });
  await seedDefaultPlan(t.database.db, estate.id, t.clock.now());
  await seedDefaultCatalog(t.database.db, estate.id, t.clock.now());
  const foreign = await createEstate(t.database.db, 'away', { buildings: 1, floors: 1 });
  for (const w of WHO) {
    if (w === 'anonymous') continue;
    const role = w === 'foreign_manager' ? 'manager' : w;
    await createStaff(t.database.db, `u_${w}`, role, [w === 'foreign_manager' ? foreign : estate]);
  }
  const target = await createStaff(t.database.db, 'target', 'cleaner', [estate]);
  for (const w of WHO) cookies.set(w, w === 'anonymous' ? undefined : await t.login(`u_${w}`));
  const created = await t.call(cookies.get('admin'), {
    method: 'POST',
    url: '/api/households',
    payload: {
      estateId: estate.id,
      roomId: estate.roomIds[0],
      occupancy: 'owner_occupied',
      members: [{ name: '王建国', role: 'owner', phone: '13812345678' }],
    },
  });
  const householdId = created.json().id;
  const admin = () => cookies.get('admin');
  // Rooms 1–11 go to the createHousehold cells; the rest are handed out one per cell here.
  let nextRoom = 20;
  const freshHousehold = async () => {
    const r = await t.call(admin(), {
      method: 'POST',
      url: '/api/households',
      payload: { estateId: estate.id, roomId: estate.roomIds[nextRoom++], occupancy: 'owner_occupied' },
    });
    return r.json().id as string;
  };
  const idOf = async (username: string) =>
    (
      await t.database.db
        .selectFrom('accounts')
        .select('id')
        .where('username', '=', username)
        .executeTakeFirstOrThrow()
    ).id;
  const leaderId = await idOf('u_squad_leader');
  const techId = await createStaff(t.database.db, 'matrix_tech', 'technician', [estate], 'technical');
  const techCookie = await t.login('matrix_tech');
  const freshMember = async () => {
    const id = await freshHousehold();
    await t.call(admin(), {
      method: 'POST',
      url: `/api/estates/${estate.id}/loyal-groups/${leaderId}/members`,
      payload: { householdId: id },
    });
    return id;
  };
  const memberId = await freshMember();
  const catalog = (
    await t.call(admin(), { method: 'GET', url: `/api/estates/${estate.id}/service-catalog` })
  ).json();
  const faucet = (Array.isArray(catalog) ? catalog : catalog.items).find((e: any) => e.code === 'T8.faucet');
  const requestBody = async () => ({
    estateId: estate.id,
    householdId,
    catalogId: faucet.id,
    description: '水龙头漏水',
    channel: 'phone',
  });
  const freshRequest = async () =>
    (
      await t.call(admin(), { method: 'POST', url: '/api/service-requests', payload: await requestBody() })
    ).json().id as string;
  const acceptedRequest = async () => {
    const id = await freshRequest();
    await t.call(admin(), {
      method: 'POST',
      url: `/api/service-requests/${id}/assign`,
      payload: { assigneeId: techId },
    });
    await t.call(techCookie, { method: 'POST', url: `/api/service-requests/${id}/accept`, payload: {} });
    return id;
  };
  const visit = await t.call(admin(), {
    method: 'POST',
    url: '/api/visits',
    payload: { householdId, kind: 'routine' },
  });
  const freshVisit = async () =>
    (
      await t.call(admin(), { method: 'POST', url: '/api/visits', payload: { householdId, kind: 'routine' } })
    ).json().id as string;
  const visitPhoto = async () => {
    const visitId = await freshVisit();
    const r = await t.call(admin(), {
      method: 'POST',
      url: `/api/attachments?ownerKind=visit&ownerId=${visitId}`,
      ...multipartBody(png()),
    });
    if (r.statusCode !== 201) throw new Error(`upload failed: ${r.body}`);
    return { visitId, id: r.json().id as string };
  };
  const completedRequest = async () => {
    const id = await acceptedRequest();
    await t.call(techCookie, { method: 'POST', url: `/api/service-requests/${id}/start`, payload: {} });
    const done = await t.call(techCookie, {
      method: 'POST',
      url: `/api/service-requests/${id}/complete`,
      payload: { notes: '已更换', minutesSpent: 15, materials: [], charge: { kind: 'free', reason: '测试' } },
    });
    if (done.statusCode !== 200) throw new Error(`complete failed: ${done.body}`);
    return id;
  };
  const issueLink = async () =>
    (
      await t.call(admin(), {
        method: 'POST',
        url: `/api/service-requests/${await completedRequest()}/rating-link`,
      })
    ).json();
  const freshCardToken = async () => (await issueLink()).path.split('/').pop() as string;
  const commentedCard = async () => {
    const link = await issueLink();
    await t.call(undefined, {
      method: 'POST',
      url: `/api/public/rating-cards/${link.path.split('/').pop()}`,
      payload: { punctuality: 4, attitude: 4, skill: 4, tidiness: 4, overall: 4, comment: '师傅很认真' },
    });
    return link.cardId as string;
  };
  const routineRevisit = async () => {
    const id = await completedRequest();
    const list = (
      await t.call(admin(), {
        method: 'GET',
        url: `/api/revisits?estateId=${estate.id}&kind=routine_30d&limit=200`,
      })
    ).json();
    const items = Array.isArray(list) ? list : list.items;
    return items.find((r: any) => r.requestId === id).id as string;
  };
  await t.c.messaging.enqueue([
    {
      estateId: estate.id,
      key: 'matrix:greet',
      householdId,
      channel: 'dev',
      templateCode: 'greet',
      params: {},
      purpose: 'service_notices',
      createdBy: 'test',
    },
  ]);
  const messageId = (await t.database.db.selectFrom('messages').select('id').executeTakeFirstOrThrow()).id;
  let taskNo = 0;
  const manualTask = async () => {
    const subject = `matrix-${taskNo++}`;
    await t.c.agenda.createTask({
      estateId: estate.id,
      measureCode: 'E15',
      assigneeId: techId,
      subject,
      periodKey: '2026-11-27',
      titleZh: '回访测试',
      titleEn: 'Test follow-up',
      dueAt: new Date('2026-11-30T10:00:00Z'),
    });
    return (
      await t.database.db
        .selectFrom('agenda_tasks')
        .select('id')
        .where('subject', '=', subject)
        .executeTakeFirstOrThrow()
    ).id;
  };
  await seedDefaultLoanItems(t.database.db, estate.id, t.clock.now());
  await seedDefaultTips(t.database.db, estate.id, t.clock.now());
  // Plenty of spare bulbs: every cell of the lending rows borrows one.
  await t.database.db
    .updateTable('loan_items')
    .set({ stock: 1000 })
    .where('estate_id', '=', estate.id)
    .where('kind', '=', 'bulb')
    .execute();
  const bulbId = (
    await t.database.db
      .selectFrom('loan_items')
      .select('id')
      .where('estate_id', '=', estate.id)
      .where('kind', '=', 'bulb')
      .executeTakeFirstOrThrow()
  ).id;
  const freshLoan = async () =>
    (
      await t.call(admin(), {
        method: 'POST',
        url: '/api/loans',
        payload: { itemId: bulbId, borrowerName: '李秀英' },
      })
    ).json().id as string;
  const freshDutyException = async () =>
    (
      await t.call(admin(), {
        method: 'POST',
        url: `/api/estates/${estate.id}/duty-exceptions`,
        payload: { accountId: techId, date: '2026-12-02', kind: 'leave' },
      })
    ).json().id as string;
  const freshCatalogEntry = async () =>
    (
      await t.call(admin(), {
        method: 'POST',
        url: `/api/estates/${estate.id}/service-catalog`,
        payload: { ...CATALOG_ENTRY, code: `F.${Math.floor(Math.random() * 1e9)}` },
      })
    ).json() as { id: string; version: number };
  const boardToken = (
    await t.database.db
      .selectFrom('entrances')
      .select('board_token')
      .where('estate_id', '=', estate.id)
      .executeTakeFirstOrThrow()
  ).board_token;
  const freshNotice = async () =>
    (
      await t.call(admin(), {
        method: 'POST',
        url: `/api/estates/${estate.id}/board/notices`,
        payload: { textZh: '电梯检修', fromDate: '2026-11-27', toDate: '2026-11-30' },
      })
    ).json() as { id: string; version: number };
  await t.call(admin(), {
    method: 'PUT',
    url: `/api/estates/${estate.id}/message-templates/greet`,
    payload: {
      name: '节日问候',
      purpose: 'greetings',
      textZh: '{name}您好，祝节日快乐！',
      paramNames: ['name'],
    },
  });
  const campaignBody = { name: '中秋问候', purpose: 'greetings', templateCode: 'greet', channel: 'dev' };
  const freshCampaign = async () =>
    (
      await t.call(admin(), {
        method: 'POST',
        url: `/api/estates/${estate.id}/campaigns`,
        payload: campaignBody,
      })
    ).json().id as string;
  const campaignId = await freshCampaign();
  // Owners' organizations (C4) and the care plan (C7).
  const managerId = await idOf('u_manager');
  const freshOrg = async (withMember = false) => {
    const id = (
      await t.call(admin(), {
        method: 'POST',
        url: `/api/estates/${estate.id}/organizations`,
        payload: { name: `协会${Math.floor(Math.random() * 1e9)}`, kind: 'other', managerId },
      })
    ).json().id as string;
    if (withMember)
      await t.call(admin(), {
        method: 'POST',
        url: `/api/organizations/${id}/members`,
        payload: { householdId },
      });
    return id;
  };
  const freshOrgContact = async () =>
    (
      await t.call(admin(), {
        method: 'POST',
        url: `/api/organizations/${await freshOrg()}/contacts`,
        payload: { channel: 'meeting', summary: '例会', followUp: '借场地' },
      })
    ).json().id as string;
  const butlerAccount = await idOf('u_butler');
  const freshCareItem = async () => {
    const plan = (
      await t.call(admin(), { method: 'GET', url: `/api/estates/${estate.id}/care-plan` })
    ).json();
    return (
      await t.call(admin(), {
        method: 'POST',
        url: `/api/estates/${estate.id}/care-plan`,
        payload: {
          quarter: plan.quarter,
          title: '送温暖',
          audience: 'elderly_alone',
          ownerId: butlerAccount,
          dueDate: plan.start,
        },
      })
    ).json().id as string;
  };
  ctx = {
    estate,
    freshOrg,
    freshOrgContact,
    freshCareItem,
    householdId,
    visitId: visit.json().id,
    freshVisit,
    visitPhoto,
    leaderId,
    memberId,
    techId,
    freshHousehold,
    freshMember,
    requestBody,
    freshRequest,
    acceptedRequest,
    campaignBody,
    campaignId,
    freshCampaign,
    boardToken,
    freshNotice,
    bulbId,
    freshLoan,
    freshDutyException,
    freshCatalogEntry,
    messageId,
    manualTask,
    completedRequest,
    freshCardToken,
    commentedCard,
    routineRevisit,
    accountId: target,
    adminGet: async (url: string) => (await t.call(cookies.get('admin'), { method: 'GET', url })).json(),
    measure: async (code: string) =>
      (await t.call(cookies.get('admin'), { method: 'GET', url: `/api/estates/${estate.id}/plan/measures` }))
        .json()
        .find((m: any) => m.code === code),
    butlerId: (
      await t.database.db
        .selectFrom('accounts')
        .select('id')
        .where('username', '=', 'u_butler')
        .executeTakeFirstOrThrow()
    ).id,
    version: async () =>
      (await t.call(cookies.get('admin'), { method: 'GET', url: `/api/households/${householdId}` })).json()
        .version,
  };
});
afterAll(async () => t.close());

describe('role × operation matrix', () => {
  for (const c of CASES) {
    for (const who of WHO) {
      it(`${c.op} as ${who} → ${c.expect[who]}`, async () => {
        // Creating a household consumes a room: give each allowed role its own room.
        const req = await c.req(ctx);
        if (c.op === 'createHousehold')
          (req.payload as any).roomId = ctx.estate.roomIds[1 + WHO.indexOf(who)];
        const r = await t.call(cookies.get(who), req);
        expect(STATUS[c.expect[who]](r.statusCode), `${r.statusCode} ${r.body.slice(0, 200)}`).toBe(true);
        if (c.expect[who] !== 'ok') expect(r.json().error.code).toMatch(/^[A-Z_]+$/);
      });
    }
  }

  it('covers every operation of the API', async () => {
    const spec = (await t.call(undefined, { method: 'GET', url: '/api/openapi.json' })).json();
    const ops: string[] = [];
    for (const path of Object.values<any>(spec.paths))
      for (const op of Object.values<any>(path)) ops.push(op.operationId);
    expect(ops.every((o) => typeof o === 'string' && o.length > 0)).toBe(true);
    const covered = new Set([
      ...CASES.map((c) => c.op),
      'login',
      'logout',
      'getHealth',
      'updateAccount',
      'withdrawConsent',
      'addSensitiveFact',
      'deleteSensitiveFact',
      'updateCustomField',
    ]);
    // Import/export are covered by their own module's tests.
    const elsewhere = new Set(['importHouseholds', 'exportHouseholds', 'downloadImportTemplate']);
    expect(ops.filter((o) => !covered.has(o) && !elsewhere.has(o))).toEqual([]);
  });
});
