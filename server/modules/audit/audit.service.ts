import type { Kysely } from 'kysely';
import type { AuditEvent } from '../../../contract/audit.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { type Page, toPage } from '../../lib/pagination.js';
import { type Actor, requireCap } from '../auth/actor.js';
import { toAuditEvent } from './audit.mapper.js';
import { type AuditFilter, insertAuditEvent, listAuditEvents } from './audit.repository.js';

export interface AuditEntry {
  actor?: Pick<Actor, 'id' | 'displayName' | 'role' | 'ip'> | null;
  action: string;
  estateId?: string | null;
  targetType?: string | null;
  targetId?: string | null;
  outcome?: 'success' | 'failure' | 'denied';
  /** Never secrets or full personal data: ids, field names, counts. */
  details?: Record<string, unknown>;
  ip?: string | null;
}

export type AuditService = ReturnType<typeof createAuditService>;

/** The append-only audit log: logins, denials, sensitive reads, exports, consent and account changes. */
export function createAuditService(deps: { db: Kysely<DB>; clock: Clock }) {
  return {
    /** Appends an event; pass `trx` to write it in the same transaction as the action it records. */
    async record(e: AuditEntry, trx?: Kysely<DB>): Promise<void> {
      await insertAuditEvent(trx ?? deps.db, {
        id: newId(),
        at: deps.clock.now().toISOString(),
        estate_id: e.estateId ?? null,
        actor_id: e.actor?.id ?? null,
        actor_name: e.actor?.displayName ?? null,
        actor_role: e.actor?.role ?? null,
        action: e.action,
        target_type: e.targetType ?? null,
        target_id: e.targetId ?? null,
        outcome: e.outcome ?? 'success',
        ip: e.ip ?? e.actor?.ip ?? null,
        details: e.details ? JSON.stringify(e.details) : null,
      });
    },

    /** Searches the log (audit.read); non-admins see only their estates' events. */
    async list(actor: Actor, f: Omit<AuditFilter, 'estateIds'>): Promise<Page<AuditEvent>> {
      requireCap(actor, 'audit.read');
      const rows = await listAuditEvents(deps.db, {
        ...f,
        estateIds: actor.allEstates ? 'all' : actor.estateIds,
      });
      return toPage(rows, f.limit, (r: any) => [new Date(r.at).toISOString(), r.id], toAuditEvent);
    },
  };
}
