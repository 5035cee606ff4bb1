import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CommitmentsTable, CommitmentTargetsTable, PlanMeasuresTable } from './plan.table.js';

/** Every SQL statement of the plan module; each function takes a Kysely or a transaction. */

export type MeasureRow = Selectable<PlanMeasuresTable>;
export type CommitmentRow = Selectable<CommitmentsTable>;
export type TargetRow = Selectable<CommitmentTargetsTable>;

export { estateTimeZone } from '../estates/index.js';

export interface MeasureFilter {
  team?: string;
  stage?: string;
  status?: string;
}

export function listMeasures(db: Kysely<DB>, estateId: string, f: MeasureFilter = {}): Promise<MeasureRow[]> {
  let q = db.selectFrom('plan_measures').selectAll().where('estate_id', '=', estateId);
  if (f.team) q = q.where('team_code', '=', f.team);
  if (f.stage) q = q.where('stage', '=', f.stage);
  if (f.status) q = q.where('status', '=', f.status);
  return q.orderBy('sort').orderBy('code').execute();
}

export function findMeasure(db: Kysely<DB>, estateId: string, id: string): Promise<MeasureRow | undefined> {
  return db
    .selectFrom('plan_measures')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listMeasureCodes(db: Kysely<DB>, estateId: string) {
  return db.selectFrom('plan_measures').select(['id', 'code']).where('estate_id', '=', estateId).execute();
}

/** Commitments of an estate, optionally of some measures only. */
export function listCommitments(
  db: Kysely<DB>,
  estateId: string,
  measureIds?: string[],
): Promise<CommitmentRow[]> {
  if (measureIds && !measureIds.length) return Promise.resolve([]);
  let q = db.selectFrom('commitments').selectAll().where('estate_id', '=', estateId);
  if (measureIds) q = q.where('measure_id', 'in', measureIds);
  return q.orderBy('code').execute();
}

export function findCommitment(
  db: Kysely<DB>,
  estateId: string,
  id: string,
): Promise<CommitmentRow | undefined> {
  return db
    .selectFrom('commitments')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Target versions of an estate's commitments, oldest first. */
export function listTargets(
  db: Kysely<DB>,
  estateId: string,
  commitmentIds?: string[],
): Promise<TargetRow[]> {
  if (commitmentIds && !commitmentIds.length) return Promise.resolve([]);
  let q = db.selectFrom('commitment_targets').selectAll().where('estate_id', '=', estateId);
  if (commitmentIds) q = q.where('commitment_id', 'in', commitmentIds);
  return q.orderBy('commitment_id').orderBy('effective_from').execute();
}

/** Inserts or replaces the version of a target that starts on `effective_from`. */
export async function upsertTarget(db: Kysely<DB>, row: Insertable<CommitmentTargetsTable>): Promise<void> {
  await db
    .insertInto('commitment_targets')
    .values(row)
    .onConflict((oc) =>
      oc
        .columns(['estate_id', 'commitment_id', 'effective_from'])
        .doUpdateSet({ target: row.target, created_by: row.created_by, created_at: row.created_at }),
    )
    .execute();
}

export function listChanges(db: Kysely<DB>, estateId: string, measureId: string) {
  return db
    .selectFrom('plan_measure_changes')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('measure_id', '=', measureId)
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export async function insertChange(
  db: Kysely<DB>,
  row: {
    estate_id: string;
    id: string;
    measure_id: string;
    at: string;
    actor_id: string | null;
    actor_name: string | null;
    version: number;
    changes: string;
  },
): Promise<void> {
  await db.insertInto('plan_measure_changes').values(row).execute();
}

/** Active measures per stage (for the stage list). */
export function countActiveByStage(db: Kysely<DB>, estateId: string) {
  return db
    .selectFrom('plan_measures')
    .select((eb) => ['stage', eb.fn.countAll<number>().as('n')])
    .where('estate_id', '=', estateId)
    .where('status', '=', 'active')
    .groupBy('stage')
    .execute();
}
