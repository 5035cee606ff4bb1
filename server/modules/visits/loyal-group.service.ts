import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { LogLoyalGroupContactBody, LoyalGroup, LoyalGroupContact } from '../../../contract/visits.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { localDate, startOfLocalDay, toIso } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, can, requireCap, requireEstate } from '../auth/index.js';
import { HouseholdErrors, type HouseholdService } from '../households/index.js';
import * as repo from './loyal-group.repository.js';
import { VisitErrors } from './visit.errors.js';
import { estateTimeZone } from './visit.repository.js';

export type LoyalGroupService = ReturnType<typeof createLoyalGroupService>;

export interface LoyalGroupDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  households: Pick<HouseholdService, 'load'>;
}

function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err?.code === '23505' || /UNIQUE constraint failed|PRIMARY KEY/.test(String(err?.message));
}

/**
 * Loyal-household groups (S5): each squad leader keeps a group of households (target 10 in the
 * plan's S5 commitment) and logs a contact with each every month. A squad leader sees and edits
 * their own group; managers and admins (plan.manage) every group of their estates.
 */
export function createLoyalGroupService(deps: LoyalGroupDeps) {
  const { db, clock, audit, households } = deps;

  /** Who may see all groups; others must be the squad leader of the group (403 otherwise). */
  function manages(actor: Actor) {
    return can(actor, 'plan.manage');
  }

  async function scope(actor: Actor, estateId: string) {
    requireCap(actor, 'household.read');
    requireEstate(actor, estateId);
    const tz = await estateTimeZone(db, estateId);
    if (!tz) throw CommonErrors.make('NOT_FOUND');
    return tz;
  }

  /** Checks the actor may edit the leader's group and that the leader is a squad leader here. */
  async function editable(actor: Actor, estateId: string, leaderId: string) {
    await scope(actor, estateId);
    if (!manages(actor) && !(actor.role === 'squad_leader' && actor.id === leaderId))
      throw CommonErrors.make('FORBIDDEN').asDenial();
    const [leader] = await repo.squadLeaders(db, estateId, leaderId);
    if (!leader) throw VisitErrors.make('LEADER_NOT_FOUND');
    return leader;
  }

  /** Loads a household of this estate (404 for one elsewhere or outside the actor's scope). */
  async function household(actor: Actor, estateId: string, householdId: string) {
    const h = await households.load(actor, householdId);
    if (h.estate_id !== estateId) throw HouseholdErrors.make('HOUSEHOLD_NOT_FOUND');
    return h;
  }

  return {
    /** Every group of the estate (a squad leader: their own), with members and this month's contacts. */
    async list(actor: Actor, estateId: string): Promise<LoyalGroup[]> {
      const tz = await scope(actor, estateId);
      let only: string | undefined;
      if (!manages(actor)) {
        if (actor.role !== 'squad_leader') throw CommonErrors.make('FORBIDDEN').asDenial();
        only = actor.id;
      }
      const [leaders, withGroups] = await Promise.all([
        repo.squadLeaders(db, estateId, only),
        repo.groupLeaders(db, estateId, only),
      ]);
      const names = new Map([...leaders, ...withGroups].map((l) => [l.id, l.display_name]));
      const ids = [...names.keys()];
      const monthStart = startOfLocalDay(`${localDate(clock.now(), tz).slice(0, 8)}01`, tz).toISOString();
      const [rows, stats] = await Promise.all([
        repo.members(db, estateId, ids),
        repo.contactStats(db, estateId, ids, monthStart),
      ]);
      return ids.map((leaderId) => {
        const mine = stats.filter((s) => s.leader_id === leaderId);
        const lastOf = new Map(mine.map((s) => [s.household_id, toIso(s.last_at as Date | string)]));
        const last = mine.reduce<string | null>((m, s) => {
          const at = toIso(s.last_at as Date | string);
          return at && (!m || at > m) ? at : m;
        }, null);
        const members = rows
          .filter((r) => r.leader_id === leaderId)
          .map((r) => ({
            householdId: r.household_id,
            roomCode: r.room_code,
            addedAt: toIso(r.added_at)!,
            lastContactAt: lastOf.get(r.household_id) ?? null,
          }));
        return {
          estateId,
          leaderId,
          leaderName: names.get(leaderId)!,
          size: members.length,
          members,
          contactsThisMonth: mine.reduce((n, s) => n + Number(s.recent ?? 0), 0),
          householdsContactedThisMonth: mine.filter((s) => Number(s.recent ?? 0) > 0).length,
          lastContactAt: last,
        };
      });
    },

    /** Adds a household: 409 when already in this group, 422 when in another leader's group. */
    async addMember(actor: Actor, estateId: string, leaderId: string, householdId: string): Promise<void> {
      await editable(actor, estateId, leaderId);
      const h = await household(actor, estateId, householdId);
      const conflict = async () => {
        const m = await repo.membership(db, estateId, h.id);
        if (!m) return undefined;
        return m.leader_id === leaderId
          ? VisitErrors.make('LOYAL_ALREADY_MEMBER', { room: h.room_code })
          : VisitErrors.make('LOYAL_IN_OTHER_GROUP', { room: h.room_code, leader: m.display_name });
      };
      const known = await conflict();
      if (known) throw known;
      const now = clock.now().toISOString();
      try {
        await db.transaction().execute(async (trx) => {
          await repo.ensureGroup(trx, estateId, leaderId, now, actor.id);
          await trx
            .insertInto('loyal_group_members')
            .values({
              estate_id: estateId,
              household_id: h.id,
              leader_id: leaderId,
              added_at: now,
              added_by: actor.id,
            })
            .execute();
          await audit.record(
            {
              actor,
              action: 'loyal_group.add_member',
              estateId,
              targetType: 'household',
              targetId: h.id,
              details: { leaderId },
            },
            trx,
          );
        });
      } catch (e) {
        // Two people adding the same household at once: the key decides, the loser is told why.
        if (isUniqueViolation(e)) throw (await conflict()) ?? e;
        throw e;
      }
    },

    /** Removes a household from the group; its contact log is kept. */
    async removeMember(actor: Actor, estateId: string, leaderId: string, householdId: string): Promise<void> {
      await editable(actor, estateId, leaderId);
      const h = await household(actor, estateId, householdId);
      await db.transaction().execute(async (trx) => {
        const r = await trx
          .deleteFrom('loyal_group_members')
          .where('estate_id', '=', estateId)
          .where('household_id', '=', h.id)
          .where('leader_id', '=', leaderId)
          .executeTakeFirst();
        if (Number(r.numDeletedRows) !== 1) throw VisitErrors.make('LOYAL_MEMBER_NOT_FOUND');
        await audit.record(
          {
            actor,
            action: 'loyal_group.remove_member',
            estateId,
            targetType: 'household',
            targetId: h.id,
            details: { leaderId },
          },
          trx,
        );
      });
    },

    /** Logs a contact with a member household (the monthly contact log). */
    async logContact(
      actor: Actor,
      estateId: string,
      leaderId: string,
      input: LogLoyalGroupContactBody,
    ): Promise<z.infer<typeof LoyalGroupContact>> {
      await editable(actor, estateId, leaderId);
      const h = await household(actor, estateId, input.householdId);
      const m = await repo.membership(db, estateId, h.id);
      if (!m || m.leader_id !== leaderId) throw VisitErrors.make('LOYAL_NOT_MEMBER', { room: h.room_code });
      const now = clock.now();
      const at = input.at ? new Date(input.at) : now;
      if (at.getTime() > now.getTime() + 5 * 60_000) throw VisitErrors.make('VISIT_IN_FUTURE');
      const id = newId();
      await db
        .insertInto('loyal_group_contacts')
        .values({
          estate_id: estateId,
          id,
          leader_id: leaderId,
          household_id: h.id,
          at: at.toISOString(),
          channel: input.channel,
          note: input.note || null,
          created_at: now.toISOString(),
          created_by: actor.id,
        })
        .execute();
      return {
        id,
        householdId: h.id,
        roomCode: h.room_code,
        at: at.toISOString(),
        channel: input.channel,
        note: input.note || null,
        createdBy: actor.id,
      };
    },
  };
}
