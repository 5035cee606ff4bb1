import { z } from 'zod';
import { Id } from './common.js';

/**
 * Photos attached to a service request (completion photos, issue 3) or a home visit (issue 4).
 * Only images are accepted, recognised by their bytes (JPEG, PNG, WebP, HEIC), never by the
 * client's content type or file name.
 */
export const ATTACHMENT_OWNER_KINDS = ['service_request', 'visit'] as const;
export const AttachmentOwnerKind = z.enum(ATTACHMENT_OWNER_KINDS);
export type AttachmentOwnerKind = z.infer<typeof AttachmentOwnerKind>;

export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;
export const AttachmentContentType = z.enum(ATTACHMENT_TYPES);
export type AttachmentContentType = z.infer<typeof AttachmentContentType>;

export const AttachmentOwnerQuery = z.object({
  ownerKind: AttachmentOwnerKind.describe('What the photo belongs to: service_request or visit'),
  ownerId: Id.describe('The request or visit id'),
});
export type AttachmentOwnerQuery = z.infer<typeof AttachmentOwnerQuery>;

export const Attachment = z.object({
  id: z.string(),
  estateId: z.string(),
  ownerKind: AttachmentOwnerKind,
  ownerId: z.string(),
  contentType: AttachmentContentType.describe('Detected from the file bytes'),
  byteSize: z.number().int().describe('Bytes as stored (location and camera metadata removed)'),
  sha256: z.string(),
  originalName: z.string().nullable().describe('The name the file had on the device (display only)'),
  uploadedBy: z.object({ id: z.string(), name: z.string() }),
  createdAt: z.string(),
  url: z.string().describe('GET this path (with the session) for the image bytes'),
  canDelete: z.boolean().describe('The caller may delete it now'),
});
export type Attachment = z.infer<typeof Attachment>;

export const AttachmentList = z.object({
  items: z.array(Attachment).describe('Oldest first; at most maxPerOwner, so never paged'),
  maxPerOwner: z.number().int(),
  maxBytes: z.number().int().describe('Largest accepted file'),
  acceptedTypes: z.array(AttachmentContentType),
  canUpload: z.boolean().describe('The caller may add photos now (owner open, below the limit)'),
  closed: z.boolean().describe('The owner is closed (request completed or cancelled, visit too old)'),
});
export type AttachmentList = z.infer<typeof AttachmentList>;
