import type { CareAudience, CarePlanItem } from '../../../contract/organizations.js';
import { toIso } from '../../lib/dates.js';
import type { CareItemRow } from './care-plan.repository.js';

/** An item as the API shows it; `today` is the estate's local date (for `overdue`). */
export function toCareItem(r: CareItemRow, today: string): CarePlanItem {
  const done = r.done_on !== null;
  return {
    id: r.id,
    estateId: r.estate_id,
    quarter: r.quarter,
    title: r.title,
    audience: r.audience as CareAudience,
    audienceNote: r.audience_note,
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? r.owner_id,
    dueDate: r.due_date,
    done,
    doneOn: r.done_on,
    doneNote: r.done_note,
    doneBy: r.done_by,
    overdue: !done && r.due_date < today,
    copiedFrom: r.copied_from,
    version: Number(r.version),
    createdAt: toIso(r.created_at)!,
    updatedAt: toIso(r.updated_at)!,
  };
}
