import type { Role } from '../../../contract/auth.js';
import type { TeamCode } from '../../../contract/estates.js';
import type {
  ActionTime,
  Commitment,
  CommitmentConfig,
  MeasureStatus,
  PlanMeasure,
  PlanMeasureChange,
  PlanStageCode,
} from '../../../contract/plan.js';
import { fromJson, toIso } from '../../lib/dates.js';
import { nextTargetAfter, periodStart, targetFor } from './plan.periods.js';
import type { CommitmentRow, MeasureRow, TargetRow } from './plan.repository.js';

/** What a commitment's target counts, for labels ("2 visits", "48 hours"). */
export function unitOf(config: CommitmentConfig): string {
  if (config.kind === 'quota') return config.activity === 'visit' ? 'visits' : 'checks';
  if (config.kind === 'standing') return 'households';
  return config.unit;
}

/** Target rows → version list, oldest first. */
export function toVersions(rows: TargetRow[]) {
  return rows
    .map((t) => ({
      effectiveFrom: t.effective_from,
      target: Number(t.target),
      createdAt: toIso(t.created_at)!,
      createdBy: t.created_by,
    }))
    .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom));
}

/**
 * Commitment row → API shape, with the target of the period that contains `today` (the
 * estate's business date) and the next scheduled change.
 */
export function toCommitment(
  c: CommitmentRow,
  measureCode: string,
  targets: TargetRow[],
  today: string,
): Commitment {
  const config = fromJson<CommitmentConfig>(c.config, {} as CommitmentConfig);
  const versions = toVersions(targets);
  const currentPeriodStart = periodStart(config.period, today);
  const next = nextTargetAfter({ targets: versions }, currentPeriodStart);
  return {
    id: c.id,
    code: c.code,
    measureId: c.measure_id,
    measureCode,
    kind: config.kind,
    config,
    active: Number(c.active) === 1,
    unit: unitOf(config),
    currentPeriodStart,
    target: targetFor({ targets: versions }, currentPeriodStart),
    next: next ? { effectiveFrom: next.effectiveFrom, target: next.target } : null,
    targets: versions,
  };
}

/** Measure row → API shape, with its commitments already mapped. */
export function toMeasure(r: MeasureRow, commitments: Commitment[]): PlanMeasure {
  return {
    id: r.id,
    estateId: r.estate_id,
    code: r.code,
    stage: r.stage as PlanStageCode,
    team: r.team_code as TeamCode,
    roles: fromJson<Role[]>(r.roles, []),
    textZh: r.text_zh,
    textEn: r.text_en,
    purposeZh: r.purpose_zh,
    purposeEn: r.purpose_en,
    keyPointsZh: r.key_points_zh,
    keyPointsEn: r.key_points_en,
    actionTime: r.action_time as ActionTime,
    public: Number(r.is_public) === 1,
    status: r.status as MeasureStatus,
    isCustom: Number(r.is_custom) === 1,
    version: Number(r.version),
    createdAt: toIso(r.created_at)!,
    updatedAt: toIso(r.updated_at)!,
    commitments,
  };
}

export function toChange(r: {
  id: string;
  at: Date | string;
  actor_name: string | null;
  version: number;
  changes: unknown;
}): PlanMeasureChange {
  return {
    id: r.id,
    at: toIso(r.at)!,
    actorName: r.actor_name,
    version: Number(r.version),
    changes: fromJson<PlanMeasureChange['changes']>(r.changes, []),
  };
}
