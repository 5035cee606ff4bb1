/** Photo attachments API (contract/attachments.ts): list, upload (multipart), delete. */
import type { Attachment, AttachmentList, AttachmentOwnerKind } from '../../../../contract/attachments.js';
import { api, apiRequest } from '../../../api/client';

export type { Attachment, AttachmentList, AttachmentOwnerKind };

export const attachmentsApi = {
  list: (ownerKind: AttachmentOwnerKind, ownerId: string) =>
    api.get<AttachmentList>('/attachments', { ownerKind, ownerId }),
  upload: (ownerKind: AttachmentOwnerKind, ownerId: string, file: File) => {
    const body = new FormData();
    body.append('file', file, file.name);
    return apiRequest<Attachment>('/attachments', { method: 'POST', query: { ownerKind, ownerId }, body });
  },
  delete: (id: string) => api.delete<{ ok: true }>(`/attachments/${encodeURIComponent(id)}`),
};

/** Query keys: every owner's photos under `['attachments']`. */
export const attachmentKeys = {
  all: ['attachments'] as const,
  owner: (ownerKind: AttachmentOwnerKind, ownerId: string) => ['attachments', ownerKind, ownerId] as const,
};

/** Types the browser offers to pick. HEIC is left out on purpose: iOS then converts to JPEG, which every browser shows. */
export const PICK_ACCEPT = 'image/jpeg,image/png,image/webp';

/**
 * Uploads files one after the other (so the server's per-record limit is taken in order) and
 * reports which failed with the server's message.
 */
export async function uploadPhotos(
  ownerKind: AttachmentOwnerKind,
  ownerId: string,
  files: File[],
): Promise<{ uploaded: Attachment[]; failed: { name: string; message: string }[] }> {
  const uploaded: Attachment[] = [];
  const failed: { name: string; message: string }[] = [];
  for (const f of files) {
    try {
      uploaded.push(await attachmentsApi.upload(ownerKind, ownerId, f));
    } catch (err) {
      failed.push({ name: f.name, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return { uploaded, failed };
}
