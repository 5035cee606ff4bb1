import type {
  Attachment,
  AttachmentContentType,
  AttachmentOwnerKind,
} from '../../../contract/attachments.js';
import { toIso } from '../../lib/dates.js';
import type { AttachmentRow } from './attachment.repository.js';

/** Row → API shape; `canDelete` is decided by the service for the caller. */
export function toAttachment(r: AttachmentRow, canDelete: boolean): Attachment {
  return {
    id: r.id,
    estateId: r.estate_id,
    ownerKind: r.owner_kind as AttachmentOwnerKind,
    ownerId: r.owner_id,
    contentType: r.content_type as AttachmentContentType,
    byteSize: Number(r.byte_size),
    sha256: r.sha256,
    originalName: r.original_name,
    uploadedBy: { id: r.uploaded_by, name: r.uploaded_by_name },
    createdAt: toIso(r.created_at)!,
    url: `/api/attachments/${encodeURIComponent(r.id)}/content`,
    canDelete,
  };
}
