import type { Generated } from 'kysely';
import type { Ts, TsNull } from '../../db/schema.js';

/** An owners' organization or association of an estate (C4) and who keeps contact with it. */
export interface OrganizationsTable {
  estate_id: string;
  id: string;
  name: string;
  /** owners_committee | elderly_association | dance_team | calligraphy_painting | interest_group | volunteers | other */
  kind: string;
  description: string | null;
  /** The staff account responsible for keeping contact. */
  manager_id: string;
  meeting_place: string | null;
  meeting_time: string | null;
  active: Generated<number>;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  created_by: string | null;
}

/** A household in an organization, with an optional role (主任, 队长 …). */
export interface OrganizationMembersTable {
  estate_id: string;
  organization_id: string;
  household_id: string;
  role: string | null;
  joined_at: Ts;
  created_by: string | null;
}

/** One contact of our staff with an organization, and its follow-up. */
export interface OrganizationContactsTable {
  estate_id: string;
  id: string;
  organization_id: string;
  contacted_at: Ts;
  staff_id: string;
  channel: string;
  summary: string;
  follow_up: string | null;
  follow_up_done_at: TsNull;
  follow_up_done_by: string | null;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  created_by: string;
}

/** One item of the seasonal care plan (C7) of an estate's quarter. */
export interface CarePlanItemsTable {
  estate_id: string;
  id: string;
  /** 2026-Q4 in the estate's time zone. */
  quarter: string;
  title: string;
  audience: string;
  audience_note: string | null;
  owner_id: string;
  due_date: string;
  done_on: string | null;
  done_at: TsNull;
  done_by: string | null;
  done_note: string | null;
  /** The item of an earlier quarter this one was copied from. */
  copied_from: string | null;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  created_by: string | null;
}

declare module '../../db/schema.js' {
  interface DB {
    organizations: OrganizationsTable;
    organization_members: OrganizationMembersTable;
    organization_contacts: OrganizationContactsTable;
    care_plan_items: CarePlanItemsTable;
  }
}
