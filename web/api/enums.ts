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
  | 'estate.create';

export type Occupancy = (typeof OCCUPANCIES)[number];
export type CareFlag = (typeof CARE_FLAGS)[number];
export type SensitiveCategory = (typeof SENSITIVE_CATEGORIES)[number];
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];
export type Role = (typeof ROLES)[number];

/** Minimum password length (contract/auth.ts PASSWORD_MIN). */
export const PASSWORD_MIN = 10;
export const ACCOUNT_STATUSES = ['active', 'disabled'] as const;
