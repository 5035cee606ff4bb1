import type { ColumnType, Generated } from 'kysely';

// Kysely table types. Timestamps are written as ISO strings and read as Date (pg) or string
// (SQLite): `Ts` covers both; mappers normalize with toIso(). JSON columns likewise (`Json`).
export type Ts = ColumnType<Date | string, string, string>;
export type TsNull = ColumnType<Date | string | null, string | null, string | null>;
export type Json = ColumnType<unknown, string, string>;
export type JsonNull = ColumnType<unknown, string | null, string | null>;

export interface EstatesTable {
  id: string;
  code: string;
  name: string;
  name_en: string | null;
  city: string;
  time_zone: string;
  address: string | null;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  created_by: string | null;
}

export interface BuildingsTable {
  estate_id: string;
  id: string;
  code: string;
  name: string;
  floors: number | null;
  sort: Generated<number>;
}

export interface UnitsTable {
  estate_id: string;
  id: string;
  building_id: string;
  code: string;
  name: string;
}

export interface RoomsTable {
  estate_id: string;
  id: string;
  building_id: string;
  unit_id: string;
  number: string;
  floor: number | null;
  area_m2: number | null;
  room_code: string;
}

export interface EntrancesTable {
  estate_id: string;
  id: string;
  name: string;
  kind: string;
  is_main: number;
  board_token: string;
}

export interface TeamsTable {
  estate_id: string;
  id: string;
  code: string;
  name: string;
  name_en: string;
}

export interface PostsTable {
  estate_id: string;
  id: string;
  name: string;
  team_id: string;
  entrance_id: string | null;
  shift: string | null;
}

export interface AccountsTable {
  id: string;
  username: string | null;
  phone: string | null;
  display_name: string;
  role: string;
  password_hash: string | null;
  status: Generated<string>;
  failed_logins: Generated<number>;
  locked_until: TsNull;
  password_changed_at: TsNull;
  last_login_at: TsNull;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  created_by: string | null;
}

export interface StaffAssignmentsTable {
  estate_id: string;
  account_id: string;
  team_id: string | null;
  position: string | null;
  skills: JsonNull;
  created_at: Ts;
}

export interface ButlerBuildingsTable {
  estate_id: string;
  building_id: string;
  account_id: string;
}

export interface SessionsTable {
  id: string;
  account_id: string;
  created_at: Ts;
  last_seen_at: Ts;
  expires_at: Ts;
  ip: string | null;
  user_agent: string | null;
  estate_ids: Json;
}

export interface LoginAttemptsTable {
  id: string;
  at: Ts;
  ip: string;
  login: string;
  success: number;
}

export interface HouseholdsTable {
  estate_id: string;
  id: string;
  room_id: string;
  building_id: string;
  room_code: string;
  room_sort: string;
  occupancy: string;
  move_in_date: string | null;
  family_structure: string | null;
  care_flags: Json;
  hobbies: Json;
  skills: Json;
  tags: Json;
  preferred_channel: string | null;
  preferred_hours: string | null;
  notes: string | null;
  custom_fields: Json;
  primary_name: string | null;
  member_count: Generated<number>;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  created_by: string | null;
  updated_by: string | null;
}

export interface MembersTable {
  estate_id: string;
  id: string;
  household_id: string;
  name: string;
  relation: string | null;
  role: string;
  phone: string | null;
  phone_suffix: string | null;
  email: string | null;
  age_band: string | null;
  is_primary: number;
  sort: number;
}

export interface PetsTable {
  estate_id: string;
  id: string;
  household_id: string;
  kind: string;
  name: string | null;
  size: string | null;
  vaccinated_until: string | null;
  notes: string | null;
}

export interface VehiclesTable {
  estate_id: string;
  id: string;
  household_id: string;
  plate: string;
  tail_digit: number;
  restriction_reminder: number;
}

export interface CustomFieldDefsTable {
  estate_id: string;
  id: string;
  key: string;
  label: string;
  label_en: string | null;
  type: string;
  options: Json;
  sort: number;
  active: number;
  created_at: Ts;
}

export interface ConsentsTable {
  estate_id: string;
  id: string;
  household_id: string;
  member_id: string | null;
  purpose: string;
  notice_version: string;
  granted_by_name: string;
  method: string;
  granted_at: Ts;
  recorded_by: string;
  withdrawn_at: TsNull;
  withdrawn_by: string | null;
}

export interface SensitiveFactsTable {
  estate_id: string;
  id: string;
  household_id: string;
  member_id: string | null;
  category: string;
  consent_id: string;
  detail: Json;
  valid_from: string | null;
  valid_until: string | null;
  created_at: Ts;
  created_by: string;
  deleted_at: TsNull;
}

export interface HouseholdTagsTable {
  estate_id: string;
  household_id: string;
  tag: string;
}

export interface HouseholdChangesTable {
  estate_id: string;
  id: string;
  household_id: string;
  at: Ts;
  actor_id: string | null;
  actor_name: string | null;
  version: number;
  changes: Json;
}

export interface AuditEventsTable {
  id: string;
  at: Ts;
  estate_id: string | null;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  outcome: string;
  ip: string | null;
  details: JsonNull;
}

export interface IdempotencyKeysTable {
  key: string;
  account_id: string;
  request_hash: string;
  status: number;
  response: Json;
  created_at: Ts;
}

export interface DB {
  estates: EstatesTable;
  buildings: BuildingsTable;
  units: UnitsTable;
  rooms: RoomsTable;
  entrances: EntrancesTable;
  teams: TeamsTable;
  posts: PostsTable;
  accounts: AccountsTable;
  staff_assignments: StaffAssignmentsTable;
  butler_buildings: ButlerBuildingsTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  households: HouseholdsTable;
  members: MembersTable;
  pets: PetsTable;
  vehicles: VehiclesTable;
  custom_field_defs: CustomFieldDefsTable;
  consents: ConsentsTable;
  sensitive_facts: SensitiveFactsTable;
  household_changes: HouseholdChangesTable;
  household_tags: HouseholdTagsTable;
  audit_events: AuditEventsTable;
  idempotency_keys: IdempotencyKeysTable;
}
