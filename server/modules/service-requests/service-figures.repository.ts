import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * SQL of the service figures: supervision cards and revisits of a period, with who and which
 * team (requests come from requestsCreatedBetween in service-request.repository.ts).
 */

export interface FiguresFilter {
  team?: string;
  assigneeId?: string;
}

/**
 * Submitted cards that count in [from, to): submitted in the period (scores) or with a comment
 * whose reply deadline falls in it (replies); the service sorts out which is which.
 */
export function cards(db: Kysely<DB>, estateId: string, from: string, to: string, f: FiguresFilter) {
  let q = db
    .selectFrom('rating_cards')
    .select([
      'team_code',
      'technician_id',
      'technician_name',
      'overall',
      'submitted_at',
      'comment',
      'reply_due_at',
      'replied_at',
    ])
    .where('estate_id', '=', estateId)
    .where('status', '=', 'submitted')
    .where((eb) =>
      eb.or([
        eb.and([eb('submitted_at', '>=', from), eb('submitted_at', '<', to)]),
        eb.and([eb('reply_due_at', '>=', from), eb('reply_due_at', '<', to)]),
      ]),
    );
  if (f.team) q = q.where('team_code', '=', f.team);
  if (f.assigneeId) q = q.where('technician_id', '=', f.assigneeId);
  return q.execute();
}

/** Revisits due in [from, to), with the name of the request's assignee. */
export function revisits(db: Kysely<DB>, estateId: string, from: string, to: string, f: FiguresFilter) {
  let q = db
    .selectFrom('revisits')
    .select([
      'revisits.team_code',
      'revisits.technician_id',
      'revisits.status',
      'revisits.due_at',
      'revisits.completed_at',
    ])
    .select((eb) =>
      eb
        .selectFrom('service_requests as r')
        .select('r.assignee_name')
        .whereRef('r.estate_id', '=', 'revisits.estate_id')
        .whereRef('r.id', '=', 'revisits.request_id')
        .as('technician_name'),
    )
    .where('revisits.estate_id', '=', estateId)
    .where('revisits.due_at', '>=', from)
    .where('revisits.due_at', '<', to);
  if (f.team) q = q.where('revisits.team_code', '=', f.team);
  if (f.assigneeId) q = q.where('revisits.technician_id', '=', f.assigneeId);
  return q.execute();
}
