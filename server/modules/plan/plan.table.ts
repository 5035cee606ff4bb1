import type { Generated } from 'kysely';
import type { Json, Ts } from '../../db/schema.js';

/** A measure of an estate's service plan (default S1 … T11, or the estate's own X1, X2 …). */
export interface PlanMeasuresTable {
  estate_id: string;
  id: string;
  code: string;
  stage: string;
  team_code: string;
  /** JSON array of the roles the text names. */
  roles: Json;
  text_zh: string;
  text_en: string | null;
  purpose_zh: string | null;
  purpose_en: string | null;
  key_points_zh: string | null;
  key_points_en: string | null;
  action_time: string;
  /** 0: done but not promised publicly (T9, T11). */
  is_public: number;
  status: string;
  is_custom: number;
  sort: number;
  version: Generated<number>;
  created_at: Ts;
  updated_at: Ts;
  created_by: string | null;
  updated_by: string | null;
}

/** Every change to a measure: who, when, the version it produced, field changes old → new. */
export interface PlanMeasureChangesTable {
  estate_id: string;
  id: string;
  measure_id: string;
  at: Ts;
  actor_id: string | null;
  actor_name: string | null;
  version: number;
  changes: Json;
}

/** A machine-checked promise attached to a measure. */
export interface CommitmentsTable {
  estate_id: string;
  id: string;
  measure_id: string;
  code: string;
  kind: string;
  config: Json;
  active: number;
  created_at: Ts;
  created_by: string | null;
}

/** Effective-dated target versions of a commitment. */
export interface CommitmentTargetsTable {
  estate_id: string;
  commitment_id: string;
  /** Business date (YYYY-MM-DD, estate time zone) from which this target applies. */
  effective_from: string;
  target: number;
  created_by: string | null;
  created_at: Ts;
}

declare module '../../db/schema.js' {
  interface DB {
    plan_measures: PlanMeasuresTable;
    plan_measure_changes: PlanMeasureChangesTable;
    commitments: CommitmentsTable;
    commitment_targets: CommitmentTargetsTable;
  }
}
