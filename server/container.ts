import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Clock } from './lib/clock.js';
import { createAgendaService } from './modules/agenda/index.js';
import {
  type AttachmentSettings,
  createAttachmentService,
  createAttachmentStorage,
  DEFAULT_ATTACHMENT_SETTINGS,
} from './modules/attachments/index.js';
import { createAuditService } from './modules/audit/index.js';
import {
  type AuthSettings,
  createAccountService,
  createAuthService,
  createSessionCache,
  DEFAULT_AUTH_SETTINGS,
} from './modules/auth/index.js';
import { type BoardDeps, createBoardService } from './modules/board/index.js';
import { createCalendarService } from './modules/calendar/index.js';
import { createCampaignService } from './modules/campaigns/index.js';
import { createEstateService } from './modules/estates/index.js';
import { createHouseholdIoService } from './modules/household-io/index.js';
import {
  createConsentService,
  createCustomFieldService,
  createHouseholdService,
} from './modules/households/index.js';
import { createJourneyService } from './modules/journey/index.js';
import { createLoanService } from './modules/loans/index.js';
import { createMessagingService, type MessagingDeps } from './modules/messaging/index.js';
import { createCarePlanService, createOrganizationService } from './modules/organizations/index.js';
import { createPlanService } from './modules/plan/index.js';
import { createRatingService } from './modules/ratings/index.js';
import { createRosterService } from './modules/roster/index.js';
import {
  createCatalogService,
  createServiceFiguresService,
  createServiceRequestService,
} from './modules/service-requests/index.js';
import { createTipService } from './modules/tips/index.js';
import { createLoyalGroupService, createVisitService } from './modules/visits/index.js';

export interface ContainerOptions {
  db: Kysely<DB>;
  clock: Clock;
  auth?: Partial<AuthSettings>;
  /** Key for provider secrets (GUANJIA_SECRET_KEY); without it SMS providers cannot be configured. */
  secretKey?: string;
  /** Test seams of the board module (fake fetch, provider base URLs, cache freshness). */
  board?: Partial<Pick<BoardDeps, 'fetch' | 'baseUrls' | 'freshMs' | 'retryAfterMs' | 'log'>>;
  /** Test seams of the messaging module (a recording dev channel, fake SMS clients, settings). */
  messaging?: Partial<Pick<MessagingDeps, 'devChannel' | 'smsClient' | 'settings' | 'log'>>;
  /** Photo uploads: the folder (DATA_DIR/uploads; default a temp folder, for tests) and limits. */
  attachments?: { dir?: string } & Partial<AttachmentSettings>;
}

/** The one composition root: every repository-backed service, wired with narrow dependencies. */
export function createContainer(opts: ContainerOptions) {
  const { db, clock } = opts;
  const audit = createAuditService({ db, clock });
  const sessions = createSessionCache();
  const auth = createAuthService({
    db,
    clock,
    audit,
    settings: { ...DEFAULT_AUTH_SETTINGS, ...opts.auth },
    sessions,
  });
  const accounts = createAccountService({ db, clock, audit, sessions });
  const estates = createEstateService({ db, clock, audit });
  const households = createHouseholdService({ db, clock, audit, estates });
  const consents = createConsentService({ db, clock, audit, households });
  const customFields = createCustomFieldService({ db, clock, audit });
  const householdIo = createHouseholdIoService({ db, clock, audit, households, estates });
  const calendar = createCalendarService({ db, clock, audit });
  const plan = createPlanService({ db, clock, audit });
  const visits = createVisitService({ db, clock, audit, households });
  const loyalGroups = createLoyalGroupService({ db, clock, audit, households });
  const ratings = createRatingService({ db, clock, audit, planCommitments: (id) => plan.commitmentsOf(id) });
  const roster = createRosterService({ db, clock, audit });
  const catalog = createCatalogService({ db, clock, audit });
  const serviceRequests = createServiceRequestService({
    db,
    clock,
    audit,
    onCompleted: (id) => ratings.onRequestCompleted(id),
    roster,
  });
  const serviceFigures = createServiceFiguresService({ db, clock });
  const loans = createLoanService({ db, clock, audit, roster });
  const organizations = createOrganizationService({ db, clock, audit });
  const carePlan = createCarePlanService({ db, clock, audit });
  const { dir: uploadsDir, ...attachmentLimits } = opts.attachments ?? {};
  const attachments = createAttachmentService({
    db,
    clock,
    audit,
    storage: createAttachmentStorage(uploadsDir ?? join(tmpdir(), 'guanjia-uploads')),
    settings: { ...DEFAULT_ATTACHMENT_SETTINGS, ...attachmentLimits },
    serviceRequests,
    visits,
  });
  const board = createBoardService({ db, clock, audit, calendar, secretKey: opts.secretKey, ...opts.board });
  const agenda = createAgendaService({ db, clock, audit, plan, visits, serviceRequests });
  const journey = createJourneyService({ db, clock, audit, agenda });
  const messaging = createMessagingService({
    db,
    clock,
    audit,
    households,
    secretKey: opts.secretKey,
    ...opts.messaging,
  });
  const tips = createTipService({ db, clock, audit, board });
  const campaigns = createCampaignService({ db, clock, audit, messaging, calendar, agenda, tips });
  return {
    db,
    clock,
    audit,
    auth,
    accounts,
    estates,
    households,
    consents,
    customFields,
    householdIo,
    calendar,
    plan,
    visits,
    loyalGroups,
    serviceRequests,
    serviceFigures,
    catalog,
    ratings,
    roster,
    agenda,
    loans,
    organizations,
    carePlan,
    attachments,
    board,
    messaging,
    campaigns,
    tips,
    journey,
  };
}

export type Container = ReturnType<typeof createContainer>;
