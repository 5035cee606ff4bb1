import type { Generated } from 'kysely';
import type { Json, Ts, TsNull } from '../../db/schema.js';

/**
 * A task on someone's agenda (我的待办). Natural key: (estate_id, commitment_id, assignee_id,
 * subject, period_key); `assignee_id` is '' for a household-scoped task, `commitment_id` '' for
 * a manual task made by another module.
 */
export interface AgendaTasksTable {
  estate_id: string;
  id: string;
  commitment_id: string;
  measure_code: string;
  assignee_id: string;
  subject: string;
  period_key: string;
  /** First business date of the period (YYYY-MM-DD, estate time zone). */
  period_start: string;
  /** First business date after the period. */
  period_end: string;
  /** quota_visits | standing_group | manual */
  kind: string;
  title_zh: string;
  title_en: string;
  target: number | null;
  progress: Generated<number>;
  due_at: Ts;
  /** open | done | missed */
  status: string;
  done_at: TsNull;
  evidence: Json;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  updated_by: string | null;
}

declare module '../../db/schema.js' {
  interface DB {
    agenda_tasks: AgendaTasksTable;
  }
}
