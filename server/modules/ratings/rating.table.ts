import type { Generated } from 'kysely';
import type { Ts, TsNull } from '../../db/schema.js';

/** The service supervision card (服务监督卡, T3) of one completed request. */
export interface RatingCardsTable {
  estate_id: string;
  id: string;
  request_id: string;
  household_id: string | null;
  team_code: string;
  service_name_zh: string;
  service_name_en: string | null;
  /** Who did the job (the request's assignee); only the display name is shown to the resident. */
  technician_id: string | null;
  technician_name: string | null;
  completed_at: Ts;
  expires_at: Ts;
  /** pending | submitted (expired is computed from expires_at). */
  status: string;
  punctuality: number | null;
  attitude: number | null;
  skill: number | null;
  tidiness: number | null;
  overall: number | null;
  comment: string | null;
  submitted_at: TsNull;
  reply: string | null;
  /** Set when a comment arrives: every comment gets a reply by then. */
  reply_due_at: TsNull;
  replied_at: TsNull;
  replied_by: string | null;
  replied_by_name: string | null;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
}

/** A link handed to the resident (printed card or message): only the token's SHA-256 is kept. */
export interface RatingCardLinksTable {
  estate_id: string;
  token_hash: string;
  card_id: string;
  /** print | link */
  channel: string;
  issued_at: Ts;
  issued_by: string | null;
}

/** A failed token lookup from one client address: counted to throttle guessing. */
export interface RatingTokenFailuresTable {
  id: string;
  at: Ts;
  ip: string;
}

/** A revisit (回访): after a low score (T4), one month after the job (T6), or for the front-line taker (E15). */
export interface RevisitsTable {
  estate_id: string;
  id: string;
  request_id: string;
  /** low_score | routine_30d | front_line_follow_up */
  kind: string;
  card_id: string | null;
  household_id: string | null;
  room_code: string | null;
  service_name_zh: string;
  team_code: string;
  technician_id: string | null;
  owner_id: string | null;
  owner_name: string | null;
  reason: string | null;
  due_at: Ts;
  /** open | done (overdue is computed from due_at and the clock). */
  status: string;
  analysis: string | null;
  adjustment: string | null;
  outcome: string | null;
  completed_at: TsNull;
  completed_by: string | null;
  completed_by_name: string | null;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  created_by: string | null;
}

declare module '../../db/schema.js' {
  interface DB {
    rating_cards: RatingCardsTable;
    rating_card_links: RatingCardLinksTable;
    rating_token_failures: RatingTokenFailuresTable;
    revisits: RevisitsTable;
  }
}
