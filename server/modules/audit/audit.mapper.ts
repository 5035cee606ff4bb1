import type { AuditEvent } from '../../../contract/audit.js';
import { fromJson, toIso } from '../../lib/dates.js';

/** Audit row → API shape. */
export function toAuditEvent(r: any): AuditEvent {
  return {
    id: r.id,
    at: toIso(r.at)!,
    estateId: r.estate_id,
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorRole: r.actor_role,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    outcome: r.outcome,
    ip: r.ip,
    details: fromJson(r.details, null),
  };
}
