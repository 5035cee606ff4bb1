import type { Kysely, Updateable } from 'kysely';
import type {
  Commitment,
  CommitmentConfig,
  CreatePlanMeasureBody,
  PlanMeasure,
  PlanMeasureChange,
  PlanStage,
  SetCommitmentTargetBody,
  UpdatePlanMeasureBody,
} from '../../../contract/plan.js';
import type { DB } from '../../db/schema.js';
import { updateAtVersion } from '../../db/versioned.js';
import type { Clock } from '../../lib/clock.js';
import { fromJson, localDate, toJson } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, requireCap, requireEstate } from '../auth/index.js';
import { PLAN_STAGE_LIST } from './plan.default.js';
import { PlanErrors } from './plan.errors.js';
import { toChange, toCommitment, toMeasure, toVersions } from './plan.mapper.js';
import { isValidDate, nextPeriodStart } from './plan.periods.js';
import * as repo from './plan.repository.js';
import { measureSort } from './plan.seed.js';
import type { PlanMeasuresTable } from './plan.table.js';

export type PlanService = ReturnType<typeof createPlanService>;

export interface PlanDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
}

/** A measure field as the API names it, its column, and how the stored value reads. */
const FIELDS: [keyof UpdatePlanMeasureBody, string][] = [
  ['textZh', 'text_zh'],
  ['textEn', 'text_en'],
  ['purposeZh', 'purpose_zh'],
  ['purposeEn', 'purpose_en'],
  ['keyPointsZh', 'key_points_zh'],
  ['keyPointsEn', 'key_points_en'],
  ['team', 'team_code'],
  ['stage', 'stage'],
  ['actionTime', 'action_time'],
  ['status', 'status'],
];

function same(a: unknown, b: unknown) {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function emptyToNull(v: string | null | undefined): string | null {
  return v === undefined || v === null || v === '' ? null : v;
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || /UNIQUE constraint failed/.test(String(err?.message));
}

/**
 * The service plan of an estate: stages, measures (default and the estate's own) with history,
 * and commitments with effective-dated targets. Everyone on the staff reads it (plan.read);
 * managers and admins edit it (plan.manage). Objects outside the actor's estates are 404.
 */
export function createPlanService(deps: PlanDeps) {
  const { db, clock, audit } = deps;

  /** Checks plan.read and the estate scope; returns the estate's business date today. */
  async function scope(actor: Actor, estateId: string): Promise<{ tz: string; today: string }> {
    requireCap(actor, 'plan.read');
    requireEstate(actor, estateId);
    const tz = await repo.estateTimeZone(db, estateId);
    if (!tz) throw CommonErrors.make('NOT_FOUND');
    return { tz, today: localDate(clock.now(), tz) };
  }

  async function loadMeasure(estateId: string, measureId: string) {
    const row = await repo.findMeasure(db, estateId, measureId);
    if (!row) throw PlanErrors.make('PLAN_MEASURE_NOT_FOUND');
    return row;
  }

  /** Measures → API shapes with their commitments and targets (three queries in all). */
  async function assemble(estateId: string, rows: repo.MeasureRow[], today: string): Promise<PlanMeasure[]> {
    const commitments = await repo.listCommitments(
      db,
      estateId,
      rows.map((r) => r.id),
    );
    const targets = await repo.listTargets(
      db,
      estateId,
      commitments.map((c) => c.id),
    );
    const codeOf = new Map(rows.map((r) => [r.id, r.code]));
    return rows.map((r) =>
      toMeasure(
        r,
        commitments
          .filter((c) => c.measure_id === r.id)
          .map((c) =>
            toCommitment(
              c,
              codeOf.get(c.measure_id)!,
              targets.filter((t) => t.commitment_id === c.id),
              today,
            ),
          ),
      ),
    );
  }

  async function one(estateId: string, measureId: string, today: string): Promise<PlanMeasure> {
    const row = await loadMeasure(estateId, measureId);
    return (await assemble(estateId, [row], today))[0]!;
  }

  async function commitmentShape(estateId: string, id: string, today: string): Promise<Commitment> {
    const c = await repo.findCommitment(db, estateId, id);
    if (!c) throw PlanErrors.make('COMMITMENT_NOT_FOUND');
    const m = await repo.findMeasure(db, estateId, c.measure_id);
    return toCommitment(c, m?.code ?? '', await repo.listTargets(db, estateId, [c.id]), today);
  }

  return {
    /** The six stages with the number of active measures of the estate at each. */
    async stages(actor: Actor, estateId: string): Promise<PlanStage[]> {
      await scope(actor, estateId);
      const counts = await repo.countActiveByStage(db, estateId);
      return PLAN_STAGE_LIST.map((s) => ({
        ...s,
        measures: Number(counts.find((c) => c.stage === s.code)?.n ?? 0),
      }));
    },

    /** Every measure of the estate (retired ones too, with their status), in plan order. */
    async list(actor: Actor, estateId: string, f: repo.MeasureFilter = {}): Promise<PlanMeasure[]> {
      const { today } = await scope(actor, estateId);
      return assemble(estateId, await repo.listMeasures(db, estateId, f), today);
    },

    async get(actor: Actor, estateId: string, measureId: string): Promise<PlanMeasure> {
      const { today } = await scope(actor, estateId);
      return one(estateId, measureId, today);
    },

    /**
     * Edits a measure (text, purpose, key points, team, stage, named roles, action time, public,
     * status: retire or reactivate). `version` (or If-Match) must name the version being edited:
     * missing → 428, stale → 412 and nothing is written. Each change is kept as old → new.
     */
    async update(
      actor: Actor,
      estateId: string,
      measureId: string,
      input: UpdatePlanMeasureBody,
      ifMatch?: number,
    ): Promise<PlanMeasure> {
      const { today } = await scope(actor, estateId);
      const row = await loadMeasure(estateId, measureId);
      requireCap(actor, 'plan.manage');
      const expected = input.version ?? ifMatch;
      if (expected === undefined) throw CommonErrors.make('VERSION_REQUIRED');
      if (expected !== Number(row.version))
        throw CommonErrors.make('VERSION_CONFLICT', { current: row.version });

      const set: Record<string, unknown> = {};
      const changes: { field: string; old: unknown; new: unknown }[] = [];
      const stored = row as unknown as Record<string, unknown>;
      for (const [field, col] of FIELDS) {
        const raw = input[field];
        if (raw === undefined) continue;
        const value = field === 'textZh' ? raw : typeof raw === 'string' ? emptyToNull(raw) : raw;
        if (same(stored[col], value)) continue;
        set[col] = value;
        changes.push({ field, old: stored[col] ?? null, new: value });
      }
      if (input.roles !== undefined) {
        const old = fromJson<string[]>(row.roles, []);
        const roles = [...new Set(input.roles)];
        if (!same(old, roles)) {
          set.roles = toJson(roles);
          changes.push({ field: 'roles', old, new: roles });
        }
      }
      if (input.public !== undefined && input.public !== (Number(row.is_public) === 1)) {
        set.is_public = input.public ? 1 : 0;
        changes.push({ field: 'public', old: Number(row.is_public) === 1, new: input.public });
      }
      if (!changes.length) return one(estateId, measureId, today);
      if (set.team_code !== undefined)
        set.sort = measureSort(String(set.team_code), row.code, Number(row.is_custom) === 1);

      const version = Number(row.version) + 1;
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const won = await updateAtVersion(
          trx,
          'plan_measures',
          { estateId, id: measureId, version: Number(row.version) },
          { ...(set as Updateable<PlanMeasuresTable>), updated_at: now, updated_by: actor.id },
        );
        if (!won) {
          const cur = await repo.findMeasure(trx, estateId, measureId);
          throw CommonErrors.make('VERSION_CONFLICT', { current: cur?.version ?? '?' });
        }
        await repo.insertChange(trx, {
          estate_id: estateId,
          id: newId(),
          measure_id: measureId,
          at: now,
          actor_id: actor.id,
          actor_name: actor.displayName,
          version,
          changes: toJson(changes),
        });
        await audit.record(
          {
            actor,
            action: 'plan.measure.update',
            estateId,
            targetType: 'plan_measure',
            targetId: measureId,
            details: {
              code: row.code,
              version,
              fields: changes.map((c) => c.field),
              ...(set.status !== undefined ? { status: set.status } : {}),
            },
          },
          trx,
        );
      });
      return one(estateId, measureId, today);
    },

    /** Adds the estate's own measure; its code is the next free X1, X2 … */
    async create(actor: Actor, estateId: string, input: CreatePlanMeasureBody): Promise<PlanMeasure> {
      const { today } = await scope(actor, estateId);
      requireCap(actor, 'plan.manage');
      const id = newId();
      const now = clock.now().toISOString();
      for (let attempt = 0; ; attempt++) {
        try {
          await db.transaction().execute(async (trx) => {
            const codes = await repo.listMeasureCodes(trx, estateId);
            const n =
              1 +
              Math.max(
                0,
                ...codes.map((c) => Number(/^X(\d+)$/.exec(c.code)?.[1] ?? 0)).filter(Number.isFinite),
              );
            const code = `X${n}`;
            await trx
              .insertInto('plan_measures')
              .values({
                estate_id: estateId,
                id,
                code,
                stage: input.stage,
                team_code: input.team,
                roles: toJson([...new Set(input.roles)]),
                text_zh: input.textZh,
                text_en: emptyToNull(input.textEn),
                purpose_zh: emptyToNull(input.purposeZh),
                purpose_en: emptyToNull(input.purposeEn),
                key_points_zh: emptyToNull(input.keyPointsZh),
                key_points_en: emptyToNull(input.keyPointsEn),
                action_time: input.actionTime,
                is_public: input.public ? 1 : 0,
                status: 'active',
                is_custom: 1,
                sort: measureSort(input.team, code, true),
                version: 1,
                created_at: now,
                updated_at: now,
                created_by: actor.id,
                updated_by: actor.id,
              })
              .execute();
            await repo.insertChange(trx, {
              estate_id: estateId,
              id: newId(),
              measure_id: id,
              at: now,
              actor_id: actor.id,
              actor_name: actor.displayName,
              version: 1,
              changes: toJson([{ field: 'created', old: null, new: code }]),
            });
            await audit.record(
              {
                actor,
                action: 'plan.measure.create',
                estateId,
                targetType: 'plan_measure',
                targetId: id,
                details: { code, team: input.team, stage: input.stage },
              },
              trx,
            );
          });
          break;
        } catch (e) {
          // Two managers adding a measure at once may pick the same X code: try the next one.
          if (attempt < 3 && isUniqueViolation(e)) continue;
          throw e;
        }
      }
      return one(estateId, id, today);
    },

    /** Who changed a measure, when, and what (old → new), newest first. */
    async history(actor: Actor, estateId: string, measureId: string): Promise<PlanMeasureChange[]> {
      await scope(actor, estateId);
      await loadMeasure(estateId, measureId);
      return (await repo.listChanges(db, estateId, measureId)).map(toChange);
    },

    /**
     * Sets a commitment's target from `effectiveFrom` (default: the start of the next period in
     * the estate's time zone). Periods that started before keep their target; a date in the past
     * is refused (422). A second change on the same date replaces the first.
     */
    async setTarget(
      actor: Actor,
      estateId: string,
      commitmentId: string,
      input: SetCommitmentTargetBody,
    ): Promise<Commitment> {
      const { today } = await scope(actor, estateId);
      const c = await repo.findCommitment(db, estateId, commitmentId);
      if (!c) throw PlanErrors.make('COMMITMENT_NOT_FOUND');
      requireCap(actor, 'plan.manage');
      const config = fromJson<CommitmentConfig>(c.config, {} as CommitmentConfig);
      const next = nextPeriodStart(config.period, today);
      const effectiveFrom = input.effectiveFrom ?? next;
      if (!isValidDate(effectiveFrom))
        throw PlanErrors.make('INVALID_DATE', { value: effectiveFrom }, { field: 'effectiveFrom' });
      if (effectiveFrom < today)
        throw PlanErrors.make(
          'TARGET_EFFECTIVE_IN_PAST',
          { effectiveFrom, today, next },
          { field: 'effectiveFrom', today, nextPeriodStart: next },
        );
      const before = toVersions(await repo.listTargets(db, estateId, [c.id]));
      const previous = before.filter((v) => v.effectiveFrom <= effectiveFrom).pop()?.target ?? null;
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.upsertTarget(trx, {
          estate_id: estateId,
          commitment_id: c.id,
          effective_from: effectiveFrom,
          target: input.target,
          created_by: actor.id,
          created_at: now,
        });
        await audit.record(
          {
            actor,
            action: 'plan.target.set',
            estateId,
            targetType: 'commitment',
            targetId: c.id,
            details: { code: c.code, target: input.target, previous, effectiveFrom },
          },
          trx,
        );
      });
      return commitmentShape(estateId, c.id, today);
    },

    /**
     * Every commitment of an estate with all its target versions, for the scheduler and the KPI
     * board (no actor: callers are system code that has already checked scope). Use
     * `targetFor(commitment, periodStart)` on the result.
     */
    async commitmentsOf(estateId: string): Promise<Commitment[]> {
      const tz = (await repo.estateTimeZone(db, estateId)) ?? 'Asia/Shanghai';
      const today = localDate(clock.now(), tz);
      const [measures, commitments, targets] = await Promise.all([
        repo.listMeasureCodes(db, estateId),
        repo.listCommitments(db, estateId),
        repo.listTargets(db, estateId),
      ]);
      const codeOf = new Map(measures.map((m) => [m.id, m.code]));
      return commitments.map((c) =>
        toCommitment(
          c,
          codeOf.get(c.measure_id) ?? '',
          targets.filter((t) => t.commitment_id === c.id),
          today,
        ),
      );
    },
  };
}
