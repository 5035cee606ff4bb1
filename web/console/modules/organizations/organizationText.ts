import type * as C from '../../../../contract/organizations.js';

export type {
  CareAudience,
  CarePlan,
  CarePlanItem,
  CreateOrganizationBody,
  Organization,
  OrganizationContact,
  OrganizationDetail,
  OrgContactChannel,
} from '../../../../contract/organizations.js';

// The contract's enums for the console (the contract's runtime code stays out of the bundle;
// `satisfies` keeps the lists in step).
export const ORGANIZATION_KINDS_UI = [
  'owners_committee',
  'elderly_association',
  'dance_team',
  'calligraphy_painting',
  'interest_group',
  'volunteers',
  'other',
] as const satisfies typeof C.ORGANIZATION_KINDS;

export const ORG_CONTACT_CHANNELS_UI = [
  'meeting',
  'visit',
  'phone',
  'wechat',
  'event',
  'other',
] as const satisfies typeof C.ORG_CONTACT_CHANNELS;

export const CARE_AUDIENCES_UI = [
  'all',
  'elderly_alone',
  'elderly',
  'care_flag',
  'small_children',
  'disabled',
  'other',
] as const satisfies typeof C.CARE_AUDIENCES;

/** Tag colours per organization kind. */
export const KIND_COLORS: Record<C.OrganizationKind, string> = {
  owners_committee: 'red',
  elderly_association: 'orange',
  dance_team: 'magenta',
  calligraphy_painting: 'cyan',
  interest_group: 'blue',
  volunteers: 'green',
  other: 'default',
};
