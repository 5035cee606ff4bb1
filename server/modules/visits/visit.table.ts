import type { Generated } from 'kysely';
import type { Json, Ts } from '../../db/schema.js';

/** A home visit (走访): one filled-in visit form (客户走访表). */
export interface VisitsTable {
  estate_id: string;
  id: string;
  household_id: string;
  visitor_id: string;
  visited_at: Ts;
  /** routine | advisory | loyal_group | follow_up | safety_check */
  kind: string;
  met_whom: string | null;
  /** JSON array of hobbies learned on the visit. */
  hobbies: Json;
  /** JSON array of skills learned on the visit. */
  skills: Json;
  family_changes: string | null;
  needs: string | null;
  notes: string | null;
  satisfaction: number | null;
  /** 1 when the channels flyer (C2) was handed over. */
  flyer_given: Generated<number>;
  /** JSON: what was written back to the archive ({status, fields, householdVersion}). */
  write_back: Json;
  created_at: Ts;
  created_by: string;
}

/** A problem raised on a visit; `request_id` links the service request made from it. */
export interface VisitProblemsTable {
  estate_id: string;
  visit_id: string;
  seq: number;
  text: string;
  request_id: string | null;
}

/** A squad leader's loyal-household group (S5), one per leader per estate. */
export interface LoyalGroupsTable {
  estate_id: string;
  leader_id: string;
  created_at: Ts;
  created_by: string;
}

/** Membership: a household belongs to at most one group of an estate. */
export interface LoyalGroupMembersTable {
  estate_id: string;
  household_id: string;
  leader_id: string;
  added_at: Ts;
  added_by: string;
}

/** A contact with a member household (the monthly contact log). */
export interface LoyalGroupContactsTable {
  estate_id: string;
  id: string;
  leader_id: string;
  household_id: string;
  at: Ts;
  channel: string;
  note: string | null;
  created_at: Ts;
  created_by: string;
}

declare module '../../db/schema.js' {
  interface DB {
    visits: VisitsTable;
    visit_problems: VisitProblemsTable;
    loyal_groups: LoyalGroupsTable;
    loyal_group_members: LoyalGroupMembersTable;
    loyal_group_contacts: LoyalGroupContactsTable;
  }
}
