import type { Kysely } from 'kysely';
import type { z } from 'zod';
import {
  type AddSensitiveFactBody,
  type Consent,
  PURPOSE_OF_CATEGORY,
  type RecordConsentBody,
  type SensitiveFact,
} from '../../../contract/households.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { toJson } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, type Capability, can, requireCap } from '../auth/index.js';
import { HouseholdErrors } from './household.errors.js';
import { toConsent, toFact } from './household.mapper.js';
import * as repo from './household.repository.js';
import type { HouseholdService } from './household.service.js';

const READ_CAP: Record<string, Capability> = {
  health: 'sensitive.read.health',
  minor: 'sensitive.read.minor',
  away: 'sensitive.read.away',
};

const PURPOSE_ZH: Record<string, string> = {
  health_care: '健康关怀',
  minor_info: '未成年人信息',
  away_watch: '出行期间关照',
};

export type ConsentService = ReturnType<typeof createConsentService>;

/**
 * Consent per purpose and the sensitive facts that depend on it (PIPL Art. 28–31): a fact is
 * stored only under an active consent, every read is audited, and withdrawing a consent erases
 * the facts stored under it.
 */
export function createConsentService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  households: Pick<HouseholdService, 'load'>;
}) {
  const { db, clock, audit, households } = deps;

  /**
   * The archive shows how many facts of each kind it holds: a change to them is a change to the
   * archive (new version, history entry with the counts, never the facts themselves).
   */
  async function archiveChanged(
    trx: Kysely<DB>,
    h: { estate_id: string; id: string },
    before: Record<string, number>,
    actor: Actor,
    at: string,
  ) {
    const changes = repo.sensitiveCountChanges(before, await repo.sensitiveCounts(trx, h.estate_id, h.id));
    if (!changes.length) return;
    await repo.recordArchiveChange(trx, {
      estateId: h.estate_id,
      householdId: h.id,
      actor,
      at,
      changes,
    });
  }

  return {
    async list(actor: Actor, householdId: string): Promise<Consent[]> {
      const h = await households.load(actor, householdId);
      return (await repo.listConsents(db, h.estate_id, h.id)).map(toConsent);
    },

    async record(
      actor: Actor,
      householdId: string,
      input: z.infer<typeof RecordConsentBody>,
    ): Promise<Consent> {
      const h = await households.load(actor, householdId);
      requireCap(actor, 'consent.manage');
      if (input.memberId) {
        const members = await repo.listMembers(db, h.estate_id, [h.id]);
        if (!members.some((m) => m.id === input.memberId))
          throw HouseholdErrors.make('MEMBER_NOT_FOUND', { id: input.memberId });
      }
      const id = newId();
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('consents')
          .values({
            estate_id: h.estate_id,
            id,
            household_id: h.id,
            member_id: input.memberId ?? null,
            purpose: input.purpose,
            notice_version: input.noticeVersion,
            granted_by_name: input.grantedByName,
            method: input.method,
            granted_at: now,
            recorded_by: actor.displayName,
          })
          .execute();
        await audit.record(
          {
            actor,
            action: 'consent.record',
            estateId: h.estate_id,
            targetType: 'household',
            targetId: h.id,
            details: {
              consentId: id,
              purpose: input.purpose,
              method: input.method,
              noticeVersion: input.noticeVersion,
            },
          },
          trx,
        );
      });
      const c = await db
        .selectFrom('consents')
        .selectAll()
        .where('estate_id', '=', h.estate_id)
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return toConsent(c);
    },

    /** Withdraws a consent and erases the sensitive facts stored under it (PIPL Art. 47). */
    async withdraw(actor: Actor, householdId: string, consentId: string): Promise<Consent> {
      const h = await households.load(actor, householdId);
      requireCap(actor, 'consent.manage');
      const c = await db
        .selectFrom('consents')
        .selectAll()
        .where('estate_id', '=', h.estate_id)
        .where('household_id', '=', h.id)
        .where('id', '=', consentId)
        .executeTakeFirst();
      if (!c) throw HouseholdErrors.make('CONSENT_NOT_FOUND');
      if (c.withdrawn_at) throw HouseholdErrors.make('CONSENT_ALREADY_WITHDRAWN');
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const before = await repo.sensitiveCounts(trx, h.estate_id, h.id);
        await trx
          .updateTable('consents')
          .set({ withdrawn_at: now, withdrawn_by: actor.displayName })
          .where('estate_id', '=', h.estate_id)
          .where('id', '=', consentId)
          .execute();
        const erased = await trx
          .updateTable('sensitive_facts')
          .set({ detail: toJson({}), deleted_at: now })
          .where('estate_id', '=', h.estate_id)
          .where('consent_id', '=', consentId)
          .where('deleted_at', 'is', null)
          .executeTakeFirst();
        await audit.record(
          {
            actor,
            action: 'consent.withdraw',
            estateId: h.estate_id,
            targetType: 'household',
            targetId: h.id,
            details: { consentId, purpose: c.purpose, erasedFacts: Number(erased.numUpdatedRows) },
          },
          trx,
        );
        await archiveChanged(trx, h, before, actor, now);
      });
      const after = await db
        .selectFrom('consents')
        .selectAll()
        .where('estate_id', '=', h.estate_id)
        .where('id', '=', consentId)
        .executeTakeFirstOrThrow();
      return toConsent(after);
    },

    /** The sensitive facts the actor's role may read; the read itself is written to the audit log. */
    async readFacts(actor: Actor, householdId: string): Promise<SensitiveFact[]> {
      const h = await households.load(actor, householdId);
      const categories = Object.keys(READ_CAP).filter((c) => can(actor, READ_CAP[c]!));
      if (!categories.length) {
        await audit.record({
          actor,
          action: 'sensitive.read',
          outcome: 'denied',
          estateId: h.estate_id,
          targetType: 'household',
          targetId: h.id,
        });
        throw CommonErrors.make('FORBIDDEN');
      }
      const facts = await repo.listSensitiveFacts(db, h.estate_id, h.id, categories);
      await audit.record({
        actor,
        action: 'sensitive.read',
        estateId: h.estate_id,
        targetType: 'household',
        targetId: h.id,
        details: { categories, factIds: facts.map((f) => f.id) },
      });
      return facts.map(toFact);
    },

    async addFact(
      actor: Actor,
      householdId: string,
      input: z.infer<typeof AddSensitiveFactBody>,
    ): Promise<SensitiveFact> {
      const h = await households.load(actor, householdId);
      requireCap(actor, 'sensitive.write');
      if (input.from && input.until && input.until < input.from)
        throw HouseholdErrors.make('INVALID_DATE_RANGE');
      if (input.memberId) {
        const members = await repo.listMembers(db, h.estate_id, [h.id]);
        if (!members.some((m) => m.id === input.memberId))
          throw HouseholdErrors.make('MEMBER_NOT_FOUND', { id: input.memberId });
      }
      const purpose = PURPOSE_OF_CATEGORY[input.category];
      const consents = await repo.listConsents(db, h.estate_id, h.id);
      // A member-level consent covers that member; a household-level one covers the household.
      const consent = consents.find(
        (c) =>
          c.purpose === purpose &&
          !c.withdrawn_at &&
          (c.member_id === null || c.member_id === (input.memberId ?? null)),
      );
      if (!consent) {
        const label = actor.lang === 'zh-CN' ? (PURPOSE_ZH[purpose] ?? purpose) : purpose;
        throw HouseholdErrors.make('CONSENT_REQUIRED', { purpose: label }, { purpose });
      }
      const id = newId();
      const now = clock.now().toISOString();
      const detail = { conditions: input.conditions, note: input.note, from: input.from, until: input.until };
      await db.transaction().execute(async (trx) => {
        const before = await repo.sensitiveCounts(trx, h.estate_id, h.id);
        await trx
          .insertInto('sensitive_facts')
          .values({
            estate_id: h.estate_id,
            id,
            household_id: h.id,
            member_id: input.memberId ?? null,
            category: input.category,
            consent_id: consent.id,
            detail: toJson(detail),
            valid_from: input.from ?? null,
            valid_until: input.until ?? null,
            created_at: now,
            created_by: actor.id,
          })
          .execute();
        await audit.record(
          {
            actor,
            action: 'sensitive.create',
            estateId: h.estate_id,
            targetType: 'household',
            targetId: h.id,
            details: { factId: id, category: input.category, consentId: consent.id },
          },
          trx,
        );
        await archiveChanged(trx, h, before, actor, now);
      });
      const f = await db
        .selectFrom('sensitive_facts')
        .selectAll()
        .where('estate_id', '=', h.estate_id)
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return toFact(f);
    },

    async deleteFact(actor: Actor, householdId: string, factId: string): Promise<void> {
      const h = await households.load(actor, householdId);
      requireCap(actor, 'sensitive.write');
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const before = await repo.sensitiveCounts(trx, h.estate_id, h.id);
        const r = await trx
          .updateTable('sensitive_facts')
          .set({ detail: toJson({}), deleted_at: now })
          .where('estate_id', '=', h.estate_id)
          .where('household_id', '=', h.id)
          .where('id', '=', factId)
          .where('deleted_at', 'is', null)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1) throw HouseholdErrors.make('FACT_NOT_FOUND');
        await audit.record(
          {
            actor,
            action: 'sensitive.delete',
            estateId: h.estate_id,
            targetType: 'household',
            targetId: h.id,
            details: { factId },
          },
          trx,
        );
        await archiveChanged(trx, h, before, actor, now);
      });
    },
  };
}
