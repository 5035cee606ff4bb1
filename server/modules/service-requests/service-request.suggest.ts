import type { Kysely } from 'kysely';
import {
  type AssigneeSuggestion,
  type CatalogEntry,
  skillsMatch,
} from '../../../contract/service-requests.js';
import type { DB } from '../../db/schema.js';
import { fromJson } from '../../lib/dates.js';
import * as repo from './service-request.repository.js';

/** Who is on duty (the roster module), as the suggestion needs it. */
export interface OnDutyLookup {
  /** Which of the accounts are on duty at `at`; null when none of them has a roster. */
  onDutyAmong(estateId: string, accountIds: string[], at: Date): Promise<Set<string> | null>;
}

/**
 * Members of the responsible team ranked for a job: on duty now by the roster first (someone
 * off duty cannot come), then skill matching the entry's category, then fewest open jobs.
 * Without a roster `onDuty` is null and the order is skill, then load.
 */
export async function rankAssignees(
  db: Kysely<DB>,
  roster: OnDutyLookup | undefined,
  row: { estate_id: string; team_code: string },
  entry: Pick<CatalogEntry, 'category' | 'code'>,
  now: Date,
): Promise<AssigneeSuggestion[]> {
  const members = await repo.teamMembers(db, row.estate_id, row.team_code);
  const ids = members.map((m) => m.id);
  const [load, onDuty] = await Promise.all([
    repo.openLoad(db, row.estate_id, ids),
    roster ? roster.onDutyAmong(row.estate_id, ids, now) : Promise.resolve(null),
  ]);
  return members
    .map((m) => ({
      accountId: m.id,
      displayName: m.display_name,
      role: m.role,
      skillMatch: skillsMatch(
        fromJson<unknown[]>(m.skills, []).map((s) => String(s)),
        entry.category,
        entry.code,
      ),
      onDuty: onDuty ? onDuty.has(m.id) : null,
      openJobs: load.get(m.id) ?? 0,
    }))
    .sort(
      (a, b) =>
        Number(b.onDuty === true) - Number(a.onDuty === true) ||
        Number(b.skillMatch) - Number(a.skillMatch) ||
        a.openJobs - b.openJobs ||
        a.displayName.localeCompare(b.displayName),
    );
}
