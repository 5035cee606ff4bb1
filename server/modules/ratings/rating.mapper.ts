import type { CardStatus, RatingCard, Revisit, RevisitKind } from '../../../contract/ratings.js';
import { toIso } from '../../lib/dates.js';
import type { CardRow, RevisitRow } from './rating.repository.js';
import { replyState, revisitState } from './rating.rules.js';

const date = (v: Date | string | null) => (v === null ? null : new Date(toIso(v)!));

/** pending | submitted | expired (a pending card past its expiry). */
export function cardStatus(row: Pick<CardRow, 'status' | 'expires_at'>, now: Date): CardStatus {
  if (row.status === 'submitted') return 'submitted';
  return now >= new Date(toIso(row.expires_at)!) ? 'expired' : 'pending';
}

export function toRatingCard(row: CardRow, now: Date): RatingCard {
  const submitted = row.status === 'submitted';
  return {
    id: row.id,
    estateId: row.estate_id,
    requestId: row.request_id,
    householdId: row.household_id,
    team: row.team_code,
    serviceName: row.service_name_zh,
    serviceNameEn: row.service_name_en,
    technicianId: row.technician_id,
    technicianName: row.technician_name,
    completedAt: toIso(row.completed_at)!,
    expiresAt: toIso(row.expires_at)!,
    status: cardStatus(row, now),
    scores: submitted
      ? {
          punctuality: Number(row.punctuality),
          attitude: Number(row.attitude),
          skill: Number(row.skill),
          tidiness: Number(row.tidiness),
          overall: Number(row.overall),
        }
      : null,
    comment: row.comment,
    submittedAt: toIso(row.submitted_at),
    reply: row.reply,
    replyDueAt: toIso(row.reply_due_at),
    repliedAt: toIso(row.replied_at),
    repliedBy: row.replied_by ? { id: row.replied_by, name: row.replied_by_name ?? '' } : null,
    replyState: replyState(
      { comment: row.comment, replyDueAt: date(row.reply_due_at), repliedAt: date(row.replied_at) },
      now,
    ),
    version: Number(row.version),
  };
}

export function toRevisit(row: RevisitRow & { service_name_en?: string | null }, now: Date): Revisit {
  const dueAt = new Date(toIso(row.due_at)!);
  const state = revisitState({ status: row.status, dueAt }, now);
  const completedAt = date(row.completed_at);
  return {
    id: row.id,
    estateId: row.estate_id,
    requestId: row.request_id,
    kind: row.kind as RevisitKind,
    cardId: row.card_id,
    householdId: row.household_id,
    roomCode: row.room_code,
    serviceName: row.service_name_zh,
    serviceNameEn: row.service_name_en ?? null,
    team: row.team_code,
    owner: row.owner_id ? { id: row.owner_id, name: row.owner_name ?? '' } : null,
    reason: row.reason,
    dueAt: dueAt.toISOString(),
    state,
    overdue: state === 'overdue',
    analysisRequired: row.kind === 'low_score',
    analysis: row.analysis,
    adjustment: row.adjustment,
    outcome: row.outcome,
    completedAt: completedAt?.toISOString() ?? null,
    completedBy: row.completed_by ? { id: row.completed_by, name: row.completed_by_name ?? '' } : null,
    doneOnTime: completedAt ? completedAt <= dueAt : null,
    version: Number(row.version),
  };
}
