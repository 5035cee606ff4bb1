import type { Visit, VisitKind } from '../../../contract/visits.js';
import { fromJson, toIso } from '../../lib/dates.js';
import type { ProblemRow, VisitRow } from './visit.repository.js';

/** Visit row (with room code and visitor name) and its problems → API shape. */
export function toVisit(r: VisitRow, problems: ProblemRow[]): Visit {
  const wb = fromJson<Partial<Visit['writeBack']>>(r.write_back, {});
  return {
    id: r.id,
    estateId: r.estate_id,
    householdId: r.household_id,
    roomCode: r.room_code,
    visitorId: r.visitor_id,
    visitorName: r.visitor_name,
    visitedAt: toIso(r.visited_at)!,
    kind: r.kind as VisitKind,
    metWhom: r.met_whom,
    hobbies: fromJson<string[]>(r.hobbies, []),
    skills: fromJson<string[]>(r.skills, []),
    familyChanges: r.family_changes,
    needs: r.needs,
    notes: r.notes,
    problems: problems
      .filter((p) => p.visit_id === r.id)
      .map((p) => ({ index: Number(p.seq), text: p.text, requestId: p.request_id })),
    satisfaction: r.satisfaction === null ? null : Number(r.satisfaction),
    flyerGiven: Number(r.flyer_given) === 1,
    writeBack: {
      status: wb.status ?? 'not_requested',
      fields: wb.fields ?? [],
      householdVersion: wb.householdVersion ?? null,
    },
    createdAt: toIso(r.created_at)!,
  };
}
