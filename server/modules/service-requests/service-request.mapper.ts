import type {
  CatalogEntry,
  FreeRules,
  Priority,
  RequestStatus,
  RevisitPolicy,
  ServiceRequest,
  ServiceTeam,
  Targets,
} from '../../../contract/service-requests.js';
import { fromJson, toIso } from '../../lib/dates.js';
import type { CatalogRow, EventRow, RequestRow } from './service-request.repository.js';

/** Rows → API shapes; rows never leave the service. */

export function toCatalogEntry(r: CatalogRow): CatalogEntry {
  return {
    id: r.id,
    estateId: r.estate_id,
    code: r.code,
    team: r.team_code as ServiceTeam,
    category: r.category,
    name: r.name_zh,
    nameEn: r.name_en,
    description: r.description_zh,
    descriptionEn: r.description_en,
    visibility: r.visibility as CatalogEntry['visibility'],
    priceKind: r.price_kind as CatalogEntry['priceKind'],
    priceFen: r.price_fen === null ? null : Number(r.price_fen),
    freeRules: fromJson<FreeRules | null>(r.free_rules, null),
    targets: fromJson<Targets>(r.targets, {} as Targets),
    supervisionCard: Number(r.supervision_card) === 1,
    revisitPolicy: fromJson<RevisitPolicy>(r.revisit_policy, { afterDays: null, lowScoreThreshold: 3 }),
    active: Number(r.active) === 1,
    version: Number(r.version),
  };
}

export function toServiceRequest(r: RequestRow): ServiceRequest {
  const done = r.status === 'completed' && r.charge_kind;
  return {
    id: r.id,
    estateId: r.estate_id,
    householdId: r.household_id,
    roomCode: r.room_code,
    location: r.location,
    catalogId: r.catalog_id,
    catalogCode: r.catalog_code,
    serviceName: r.service_name_zh,
    serviceNameEn: r.service_name_en,
    team: r.team_code as ServiceTeam,
    priority: r.priority as Priority,
    description: r.description,
    channel: r.channel as ServiceRequest['channel'],
    takenBy: { id: r.taken_by, name: r.taken_by_name },
    status: r.status as RequestStatus,
    assignee: r.assignee_id ? { id: r.assignee_id, name: r.assignee_name ?? '' } : null,
    care: Number(r.care) === 1,
    careFlags: fromJson<string[]>(r.care_flags, []),
    responseDueAt: toIso(r.response_due_at)!,
    completionDueAt: toIso(r.completion_due_at)!,
    createdAt: toIso(r.created_at)!,
    assignedAt: toIso(r.assigned_at),
    acceptedAt: toIso(r.accepted_at),
    startedAt: toIso(r.started_at),
    completedAt: toIso(r.completed_at),
    cancelledAt: toIso(r.cancelled_at),
    cancelReason: r.cancel_reason,
    completion: done
      ? {
          notes: r.notes ?? '',
          materials: fromJson(r.materials, []),
          materialCostFen: Number(r.material_cost_fen ?? 0),
          minutesSpent: Number(r.minutes_spent ?? 0),
          charge: r.charge_kind as 'free' | 'charged',
          chargedFen: Number(r.charged_fen ?? 0),
          freeBasis: (r.free_basis as 'catalog' | 'rule' | 'manual' | null) ?? null,
          freeReason: r.free_reason,
        }
      : null,
    version: Number(r.version),
  };
}

export function toEvent(e: EventRow) {
  return {
    id: e.id,
    at: toIso(e.at)!,
    kind: e.kind,
    fromStatus: (e.from_status as RequestStatus | null) ?? null,
    toStatus: (e.to_status as RequestStatus | null) ?? null,
    actorId: e.actor_id,
    actorName: e.actor_name,
    details: fromJson<Record<string, unknown> | null>(e.details, null),
  };
}
