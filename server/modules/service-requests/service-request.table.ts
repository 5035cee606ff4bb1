import type { Generated } from 'kysely';
import type { Json, JsonNull, Ts, TsNull } from '../../db/schema.js';

/** An entry of an estate's service catalog (服务目录), as data a manager edits. */
export interface ServiceCatalogTable {
  estate_id: string;
  id: string;
  code: string;
  team_code: string;
  category: string;
  name_zh: string;
  name_en: string | null;
  description_zh: string | null;
  description_en: string | null;
  /** residents | internal (the free list, spare parts: 不对外承诺, never shown to residents). */
  visibility: string;
  /** free | fixed | quote */
  price_kind: string;
  price_fen: number | null;
  free_rules: JsonNull;
  /** Minutes by priority: `{ urgent: { response, completion }, … }`. */
  targets: Json;
  supervision_card: number;
  revisit_policy: Json;
  active: number;
  sort: number;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  created_by: string | null;
  updated_by: string | null;
}

/** A resident's request, taken by any staff member (E4) and done by the responsible team. */
export interface ServiceRequestsTable {
  estate_id: string;
  id: string;
  household_id: string | null;
  room_code: string | null;
  location: string | null;
  catalog_id: string;
  catalog_code: string;
  service_name_zh: string;
  service_name_en: string | null;
  team_code: string;
  priority: string;
  description: string;
  channel: string;
  taken_by: string;
  taken_by_name: string;
  status: string;
  assignee_id: string | null;
  assignee_name: string | null;
  care: number;
  care_flags: Json;
  response_due_at: Ts;
  completion_due_at: Ts;
  due_at: Ts;
  assigned_at: TsNull;
  accepted_at: TsNull;
  started_at: TsNull;
  completed_at: TsNull;
  cancelled_at: TsNull;
  cancelled_by: string | null;
  cancel_reason: string | null;
  notes: string | null;
  materials: JsonNull;
  material_cost_fen: number | null;
  minutes_spent: number | null;
  charge_kind: string | null;
  charged_fen: number | null;
  free_basis: string | null;
  free_reason: string | null;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  created_by: string | null;
  updated_by: string | null;
}

/** One change in a request's timeline. */
export interface ServiceRequestEventsTable {
  estate_id: string;
  id: string;
  request_id: string;
  at: Ts;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  actor_id: string | null;
  actor_name: string | null;
  details: JsonNull;
}

declare module '../../db/schema.js' {
  interface DB {
    service_catalog: ServiceCatalogTable;
    service_requests: ServiceRequestsTable;
    service_request_events: ServiceRequestEventsTable;
  }
}
