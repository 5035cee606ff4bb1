/**
 * Enum values of the API contract, repeated here so the web bundle does not pull zod in.
 * `satisfies typeof C.X` makes the type check fail if the contract's list changes.
 */
import type * as C from '../../contract/index.js';

export const ROLES = [
  'admin',
  'manager',
  'butler',
  'culture',
  'guard',
  'squad_leader',
  'technician',
  'cleaner',
  'env_supervisor',
  'resident',
] as const satisfies typeof C.ROLES;
export const TEAM_CODES = [
  'security',
  'service',
  'environment',
  'technical',
  'management',
] as const satisfies typeof C.TEAM_CODES;
export const OCCUPANCIES = [
  'owner_occupied',
  'rented',
  'vacant',
  'renovating',
] as const satisfies typeof C.OCCUPANCIES;
export const MEMBER_ROLES = ['owner', 'tenant', 'family'] as const satisfies typeof C.MEMBER_ROLES;
export const AGE_BANDS = [
  'under14',
  '14to17',
  '18to39',
  '40to59',
  '60to79',
  '80plus',
] as const satisfies typeof C.AGE_BANDS;
export const CARE_FLAGS = [
  'elderly_alone',
  'elderly',
  'woman_alone',
  'disabled',
  'small_children',
  'pregnancy',
  'special_appliance',
] as const satisfies typeof C.CARE_FLAGS;
export const CONTACT_CHANNELS = [
  'phone',
  'sms',
  'wechat',
  'visit',
  'portal',
  'email',
] as const satisfies typeof C.CONTACT_CHANNELS;
export const PET_KINDS = ['dog', 'cat', 'other'] as const satisfies typeof C.PET_KINDS;
export const DOG_SIZES = ['small', 'medium', 'large'] as const satisfies typeof C.DOG_SIZES;
export const CONSENT_PURPOSES = [
  'health_care',
  'minor_info',
  'away_watch',
  'greetings',
  'tips',
  'health_tips',
  'service_notices',
] as const satisfies typeof C.CONSENT_PURPOSES;
export const CONSENT_METHODS = ['paper_form', 'in_person_verbal', 'portal', 'phone_recorded'] as const;
export const SENSITIVE_CATEGORIES = [
  'health',
  'minor',
  'away',
] as const satisfies typeof C.SENSITIVE_CATEGORIES;
export const PURPOSE_OF_CATEGORY = {
  health: 'health_care',
  minor: 'minor_info',
  away: 'away_watch',
} as const satisfies typeof C.PURPOSE_OF_CATEGORY;
export const HEALTH_CONDITIONS = [
  'hypertension',
  'rheumatism',
  'diabetes',
  'heart_disease',
  'asthma',
  'mobility',
  'other',
] as const satisfies typeof C.HEALTH_CONDITIONS;
export const CUSTOM_FIELD_TYPES = ['text', 'number', 'date', 'boolean', 'select'] as const;
export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const;

/** Audit actions the console knows labels for (others are shown as their code). */
export const AUDIT_ACTIONS = [
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'access.denied',
  'household.create',
  'household.update',
  'sensitive.read',
  'sensitive.create',
  'sensitive.delete',
  'consent.record',
  'consent.withdraw',
  'export.households',
  'import.households',
  'account.create',
  'account.update',
  'account.disable',
  'account.enable',
  'account.reset_password',
  'customfield.create',
  'customfield.update',
  'estate.create',
  'estate.set_butlers',
] as const;

// ---- service plan (五步一法), contract/plan.ts
export const PLAN_STAGES = [
  'know',
  'learn',
  'understand',
  'help',
  'move',
  'fulfil',
] as const satisfies typeof C.PLAN_STAGES;
/** The four teams of the plan (安全组, 客服组, 环境绿化组, 技术组), in the plan's order. */
export const PLAN_TEAMS = ['security', 'service', 'environment', 'technical'] as const;
export const ACTION_TIMES = ['on_entry', 'all_year'] as const satisfies typeof C.ACTION_TIMES;
export const MEASURE_STATUSES = ['active', 'retired'] as const satisfies typeof C.MEASURE_STATUSES;
export const PERIODS = ['week', 'month', 'quarter', 'half_year', 'year'] as const satisfies typeof C.PERIODS;
export const COMMITMENT_KINDS = [
  'quota',
  'standing',
  'event_followup',
] as const satisfies typeof C.COMMITMENT_KINDS;

// ---- calendar and plate restriction, contract/calendar.ts
export const DAY_KINDS = [
  'holiday',
  'makeup_workday',
  'weekend',
  'workday',
] as const satisfies typeof C.DAY_KINDS;
export const CALENDAR_ENTRY_KINDS = ['holiday', 'workday'] as const satisfies typeof C.CALENDAR_ENTRY_KINDS;
export const RESTRICTION_REASONS = [
  'rule',
  'weekend',
  'holiday',
  'makeup_workday',
  'override',
  'not_in_force',
] as const satisfies typeof C.RESTRICTION_REASONS;
/** Years the calendar is offered for (contract/calendar.ts CALENDAR_MIN_YEAR … MAX_YEAR). */
export const CALENDAR_MIN_YEAR = 1901;
export const CALENDAR_MAX_YEAR = 2100;

// ---- service requests, contract/service-requests.ts
/** Teams that do jobs (management does not). */
export const SERVICE_TEAMS = [
  'security',
  'service',
  'environment',
  'technical',
] as const satisfies typeof C.SERVICE_TEAMS;
export const CATALOG_VISIBILITIES = [
  'residents',
  'internal',
] as const satisfies typeof C.CATALOG_VISIBILITIES;
export const PRICE_KINDS = ['free', 'fixed', 'quote'] as const satisfies typeof C.PRICE_KINDS;
export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const satisfies typeof C.PRIORITIES;
export const REQUEST_CHANNELS = [
  'phone',
  'front_desk',
  'on_site',
  'portal',
  'wechat',
  'visit',
  'other',
] as const satisfies typeof C.REQUEST_CHANNELS;
export const REQUEST_STATUSES = [
  'new',
  'assigned',
  'accepted',
  'in_progress',
  'completed',
  'cancelled',
] as const satisfies typeof C.REQUEST_STATUSES;

// ---- agenda, KPI board and visits (issue 4), contract/agenda.ts and contract/visits.ts
export const VISIT_FORM_KINDS = [
  'routine',
  'advisory',
  'loyal_group',
  'follow_up',
  'safety_check',
] as const satisfies typeof C.VISIT_FORM_KINDS;
export const WRITE_BACK_STATUSES = [
  'not_requested',
  'applied',
  'unchanged',
  'not_permitted',
  'conflict',
] as const satisfies typeof C.WRITE_BACK_STATUSES;
export const SUGGESTION_REASONS = [
  'never_visited',
  'last_visit',
  'care_flag',
  'recent_move_in',
] as const satisfies typeof C.SUGGESTION_REASONS;
export const TASK_STATUSES = ['open', 'done', 'missed'] as const satisfies typeof C.TASK_STATUSES;
export const TASK_KINDS = [
  'quota_visits',
  'standing_group',
  'manual',
  'revisit',
] as const satisfies typeof C.TASK_KINDS;
export const KPI_STATUSES = ['ok', 'no_data', 'no_commitment'] as const satisfies typeof C.KPI_STATUSES;
/** Target size of a squad leader's loyal-household group (S5). */
export const LOYAL_GROUP_TARGET = 10;

/** Capabilities the console checks (from `GET /api/auth/me`). */
export type Capability =
  | 'household.read'
  | 'household.create'
  | 'household.edit'
  | 'household.import'
  | 'household.export'
  | 'sensitive.read.health'
  | 'sensitive.read.minor'
  | 'sensitive.read.away'
  | 'sensitive.write'
  | 'consent.manage'
  | 'customfield.manage'
  | 'audit.read'
  | 'account.manage'
  | 'staff.read'
  | 'estate.read'
  | 'estate.manage'
  | 'estate.create'
  | 'plan.read'
  | 'plan.manage'
  | 'calendar.manage'
  | 'request.create'
  | 'request.work'
  | 'request.dispatch'
  | 'visit.record'
  | 'visit.safety_check'
  | 'agenda.team'
  | 'kpi.read'
  | 'message.read'
  | 'campaign.manage'
  | 'provider.manage'
  | 'board.manage'
  | 'weather.enter';

export type Occupancy = (typeof OCCUPANCIES)[number];
export type CareFlag = (typeof CARE_FLAGS)[number];
export type SensitiveCategory = (typeof SENSITIVE_CATEGORIES)[number];
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export type Role = (typeof ROLES)[number];
export type TeamCode = (typeof TEAM_CODES)[number];
export type PlanStageCode = (typeof PLAN_STAGES)[number];
export type ActionTime = (typeof ACTION_TIMES)[number];
export type MeasureStatus = (typeof MEASURE_STATUSES)[number];
export type Period = (typeof PERIODS)[number];
export type DayKind = (typeof DAY_KINDS)[number];
export type CalendarEntryKind = (typeof CALENDAR_ENTRY_KINDS)[number];
export type ServiceTeam = (typeof SERVICE_TEAMS)[number];
export type PriceKind = (typeof PRICE_KINDS)[number];
export type Priority = (typeof PRIORITIES)[number];
export type RequestChannel = (typeof REQUEST_CHANNELS)[number];
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export type VisitFormKind = (typeof VISIT_FORM_KINDS)[number];
export type WriteBackStatus = (typeof WRITE_BACK_STATUSES)[number];
export type SuggestionReason = (typeof SUGGESTION_REASONS)[number];
export type KpiStatus = (typeof KPI_STATUSES)[number];

/** Minimum password length (contract/auth.ts PASSWORD_MIN). */
export const PASSWORD_MIN = 10;
export const ACCOUNT_STATUSES = ['active', 'disabled'] as const;
