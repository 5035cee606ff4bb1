import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { toJson } from '../../lib/dates.js';
import { newId } from '../../lib/ids.js';
import {
  BASE_EFFECTIVE_FROM,
  DEFAULT_COMMITMENTS,
  DEFAULT_MEASURES,
  PLAN_TEAM_ORDER,
} from './plan.default.js';
import * as repo from './plan.repository.js';

/** Sort key: by team in the source's order, default measures by number, then the estate's own. */
export function measureSort(team: string, code: string, isCustom: boolean): number {
  const t = PLAN_TEAM_ORDER.indexOf(team as (typeof PLAN_TEAM_ORDER)[number]);
  const n = Number(/(\d+)$/.exec(code)?.[1] ?? 0);
  return (t < 0 ? PLAN_TEAM_ORDER.length : t) * 10000 + (isCustom ? 5000 : 0) + Math.min(n, 4999);
}

/** How many rows a seeding run created (all zero on a second run). */
export interface SeedResult {
  measures: number;
  commitments: number;
  targets: number;
}

async function seed(
  db: Kysely<DB>,
  estateId: string,
  at: string,
  actorId: string | null,
  actorName: string | null,
): Promise<SeedResult> {
  const existing = new Set((await repo.listMeasureCodes(db, estateId)).map((r) => r.code));
  const missing = DEFAULT_MEASURES.filter((d) => !existing.has(d.code));
  let measures: { id: string; code: string }[] = [];
  if (missing.length) {
    // ON CONFLICT DO NOTHING: two processes seeding the same estate at once create each row once.
    measures = await db
      .insertInto('plan_measures')
      .values(
        missing.map((d) => ({
          estate_id: estateId,
          id: newId(),
          code: d.code,
          stage: d.stage,
          team_code: d.team,
          roles: toJson(d.roles),
          text_zh: d.textZh,
          text_en: d.textEn,
          purpose_zh: d.purposeZh,
          purpose_en: d.purposeEn,
          key_points_zh: d.keyPointsZh,
          key_points_en: d.keyPointsEn,
          action_time: d.actionTime,
          is_public: d.public ? 1 : 0,
          status: 'active',
          is_custom: 0,
          sort: measureSort(d.team, d.code, false),
          version: 1,
          created_at: at,
          updated_at: at,
          created_by: actorId,
          updated_by: actorId,
        })),
      )
      .onConflict((oc) => oc.columns(['estate_id', 'code']).doNothing())
      .returning(['id', 'code'])
      .execute();
    if (measures.length)
      await db
        .insertInto('plan_measure_changes')
        .values(
          measures.map((r) => ({
            estate_id: estateId,
            id: newId(),
            measure_id: r.id,
            at,
            actor_id: actorId,
            actor_name: actorName,
            version: 1,
            changes: toJson([{ field: 'created', old: null, new: `default plan ${r.code}` }]),
          })),
        )
        .execute();
  }

  const idOf = new Map((await repo.listMeasureCodes(db, estateId)).map((r) => [r.code, r.id]));
  const haveCommitment = new Set((await repo.listCommitments(db, estateId)).map((c) => c.code));
  const newCommitments = DEFAULT_COMMITMENTS.filter(
    (c) => !haveCommitment.has(c.code) && idOf.has(c.measureCode),
  );
  let commitments: { id: string }[] = [];
  if (newCommitments.length)
    commitments = await db
      .insertInto('commitments')
      .values(
        newCommitments.map((c) => ({
          estate_id: estateId,
          id: newId(),
          measure_id: idOf.get(c.measureCode)!,
          code: c.code,
          kind: c.config.kind,
          config: toJson(c.config),
          active: 1,
          created_at: at,
          created_by: actorId,
        })),
      )
      .onConflict((oc) => oc.columns(['estate_id', 'code']).doNothing())
      .returning(['id'])
      .execute();

  // The first target of a default commitment applies to every period until a manager changes it.
  const all = await repo.listCommitments(db, estateId);
  const withTarget = new Set((await repo.listTargets(db, estateId)).map((t) => t.commitment_id));
  const needTarget = DEFAULT_COMMITMENTS.flatMap((d) => {
    const c = all.find((x) => x.code === d.code);
    return c && !withTarget.has(c.id) ? [{ id: c.id, target: d.target }] : [];
  });
  let targets: unknown[] = [];
  if (needTarget.length)
    targets = await db
      .insertInto('commitment_targets')
      .values(
        needTarget.map((t) => ({
          estate_id: estateId,
          commitment_id: t.id,
          effective_from: BASE_EFFECTIVE_FROM,
          target: t.target,
          created_by: actorId,
          created_at: at,
        })),
      )
      .onConflict((oc) => oc.columns(['estate_id', 'commitment_id', 'effective_from']).doNothing())
      .returning(['commitment_id'])
      .execute();

  return { measures: measures.length, commitments: commitments.length, targets: targets.length };
}

/**
 * Gives an estate the default plan: every measure of the source document, the default
 * commitments and their first targets, creating only what is missing (running it twice, or in
 * two processes at once, creates nothing new; retired or edited measures are left as they are).
 * Pass a transaction as `db` to seed inside the estate's creation; otherwise it runs in its own.
 */
export async function seedDefaultPlan(
  db: Kysely<DB>,
  estateId: string,
  now: Date,
  actorId?: string,
  actorName?: string,
): Promise<SeedResult> {
  const at = now.toISOString();
  const name = actorName ?? (actorId ? null : 'system');
  if (db.isTransaction) return seed(db, estateId, at, actorId ?? null, name);
  return db.transaction().execute((trx) => seed(trx, estateId, at, actorId ?? null, name));
}
