import type { Kysely, Selectable } from 'kysely';
import type { MemberBirthday, PutBirthdayBody } from '../../../contract/messaging.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { toIso } from '../../lib/dates.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, requireCap } from '../auth/index.js';
import type { HouseholdService } from '../households/index.js';
import { MessagingErrors } from './messaging.errors.js';
import * as repo from './messaging.repository.js';
import type { MemberBirthdaysTable } from './messaging.table.js';

export type BirthdayService = ReturnType<typeof createBirthdayService>;

function toBirthday(r: Selectable<MemberBirthdaysTable>): MemberBirthday {
  return {
    householdId: r.household_id,
    memberId: r.member_id,
    monthDay: r.month_day,
    grantedByName: r.granted_by_name,
    recordedAt: toIso(r.recorded_at)!,
    recordedBy: r.recorded_by,
  };
}

/**
 * Birthday greetings (C9): the birthday (month-day only) is recorded together with the member's
 * agreement to birthday greetings and exists only while it stands. Withdrawing it, or an opt-out
 * of greetings (updateConsent), deletes it at once. A birthday greeting is a greeting: it also
 * needs the greetings consent and honours a greetings opt-out, like every greeting.
 */
export function createBirthdayService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  households: Pick<HouseholdService, 'load'>;
}) {
  const { db, clock, audit, households } = deps;

  async function target(actor: Actor, householdId: string, memberId: string) {
    const h = await households.load(actor, householdId);
    requireCap(actor, 'consent.manage');
    if (!(await repo.memberOf(db, h.estate_id, h.id, memberId)))
      throw MessagingErrors.make('MEMBER_NOT_FOUND');
    return h;
  }

  return {
    /** listHouseholdBirthdays: birthdays recorded (with agreement) in a household. */
    async list(actor: Actor, householdId: string): Promise<MemberBirthday[]> {
      const h = await households.load(actor, householdId);
      requireCap(actor, 'consent.manage');
      return (await repo.birthdaysOf(db, h.estate_id, h.id)).map(toBirthday);
    },

    /** putMemberBirthday: the member agrees to birthday greetings; the birthday is stored with it. */
    async put(actor: Actor, householdId: string, memberId: string, body: PutBirthdayBody) {
      const h = await target(actor, householdId, memberId);
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.upsertBirthday(trx, {
          estate_id: h.estate_id,
          member_id: memberId,
          household_id: h.id,
          month_day: body.monthDay,
          granted_by_name: body.grantedByName,
          recorded_at: at,
          recorded_by: actor.displayName,
        });
        await audit.record(
          {
            actor,
            action: 'consent.birthday_granted',
            estateId: h.estate_id,
            targetType: 'household',
            targetId: h.id,
            details: { memberId, grantedByName: body.grantedByName },
          },
          trx,
        );
      });
      return toBirthday(
        (await repo.birthdaysOf(db, h.estate_id, h.id)).find((r) => r.member_id === memberId)!,
      );
    },

    /** deleteMemberBirthday: withdraws the agreement; the birthday is deleted at once. */
    async remove(actor: Actor, householdId: string, memberId: string): Promise<{ deleted: boolean }> {
      const h = await target(actor, householdId, memberId);
      let deleted = false;
      await db.transaction().execute(async (trx) => {
        deleted = (await repo.deleteBirthdays(trx, h.estate_id, h.id, memberId)) > 0;
        await audit.record(
          {
            actor,
            action: 'consent.birthday_withdrawn',
            estateId: h.estate_id,
            targetType: 'household',
            targetId: h.id,
            details: { memberId, deleted },
          },
          trx,
        );
      });
      return { deleted };
    },
  };
}
