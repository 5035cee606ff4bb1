import { type Insertable, type Kysely, sql } from 'kysely';
import type { AuditEventsTable, DB } from '../../db/schema.js';
import { decodeCursor } from '../../lib/pagination.js';

export type AuditInsert = Insertable<AuditEventsTable>;

/** Appends one event. There is deliberately no update or delete function in this module. */
export async function insertAuditEvent(db: Kysely<DB>, row: AuditInsert): Promise<void> {
  await db.insertInto('audit_events').values(row).execute();
}

export interface AuditFilter {
  estateIds: string[] | 'all';
  estateId?: string;
  action?: string;
  actorId?: string;
  targetId?: string;
  outcome?: string;
  from?: string;
  to?: string;
  cursor?: string;
  limit: number;
}

/** Newest first, keyset-paginated on (at, id). */
export async function listAuditEvents(db: Kysely<DB>, f: AuditFilter) {
  let q = db.selectFrom('audit_events').selectAll();
  if (f.estateIds !== 'all') {
    const ids = f.estateIds;
    // Staff outside head office see their estates' events and their own account events.
    // Outside head office: the events of one's estates, plus estate-less events (logins, account
    // changes) of the staff who work in them.
    q = q.where((eb) =>
      ids.length
        ? eb.or([
            eb('estate_id', 'in', ids),
            eb.and([
              eb('estate_id', 'is', null),
              eb(
                'actor_id',
                'in',
                eb.selectFrom('staff_assignments').select('account_id').where('estate_id', 'in', ids),
              ),
            ]),
          ])
        : sql<boolean>`1 = 0`,
    );
  }
  if (f.estateId) q = q.where('estate_id', '=', f.estateId);
  if (f.action) {
    q = f.action.endsWith('*')
      ? q.where('action', 'like', `${f.action.slice(0, -1)}%`)
      : q.where('action', '=', f.action);
  }
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.targetId) q = q.where('target_id', '=', f.targetId);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.from) q = q.where('at', '>=', new Date(f.from).toISOString());
  if (f.to) q = q.where('at', '<=', new Date(f.to).toISOString());
  const c = decodeCursor(f.cursor);
  if (c && c.length === 2) {
    const [at, id] = c as [string, string];
    q = q.where((eb) => eb.or([eb('at', '<', at), eb.and([eb('at', '=', at), eb('id', '<', id)])]));
  }
  return q
    .orderBy('at', 'desc')
    .orderBy('id', 'desc')
    .limit(f.limit + 1)
    .execute();
}
