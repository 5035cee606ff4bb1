import type { Kysely } from 'kysely';
import type { DB } from './db/schema.js';
import type { Clock } from './lib/clock.js';
import { createAuditService } from './modules/audit/index.js';
import {
  type AuthSettings,
  createAccountService,
  createAuthService,
  DEFAULT_AUTH_SETTINGS,
} from './modules/auth/index.js';
import { createCalendarService } from './modules/calendar/index.js';
import { createEstateService } from './modules/estates/index.js';
import { createHouseholdIoService } from './modules/household-io/index.js';
import {
  createConsentService,
  createCustomFieldService,
  createHouseholdService,
} from './modules/households/index.js';
import { createPlanService } from './modules/plan/index.js';
import { createServiceRequestService } from './modules/service-requests/index.js';
import { createLoyalGroupService, createVisitService } from './modules/visits/index.js';

export interface ContainerOptions {
  db: Kysely<DB>;
  clock: Clock;
  auth?: Partial<AuthSettings>;
}

/** The one composition root: every repository-backed service, wired with narrow dependencies. */
export function createContainer(opts: ContainerOptions) {
  const { db, clock } = opts;
  const audit = createAuditService({ db, clock });
  const auth = createAuthService({ db, clock, audit, settings: { ...DEFAULT_AUTH_SETTINGS, ...opts.auth } });
  const accounts = createAccountService({ db, clock, audit });
  const estates = createEstateService({ db, clock, audit });
  const households = createHouseholdService({ db, clock, audit, estates });
  const consents = createConsentService({ db, clock, audit, households });
  const customFields = createCustomFieldService({ db, clock, audit });
  const householdIo = createHouseholdIoService({ db, clock, audit, households, estates });
  const calendar = createCalendarService({ db, clock, audit });
  const plan = createPlanService({ db, clock, audit });
  const visits = createVisitService({ db, clock, audit, households });
  const loyalGroups = createLoyalGroupService({ db, clock, audit, households });
  const serviceRequests = createServiceRequestService({ db, clock, audit });
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
  };
}

export type Container = ReturnType<typeof createContainer>;
