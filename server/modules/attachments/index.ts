export { AttachmentErrors } from './attachment.errors.js';
export { MalformedImageError, sniffImage, stripMetadata } from './attachment.image.js';
export { attachmentRoutes } from './attachment.routes.js';
export {
  type AttachmentDeps,
  type AttachmentService,
  type AttachmentSettings,
  createAttachmentService,
  DEFAULT_ATTACHMENT_SETTINGS,
} from './attachment.service.js';
export { type AttachmentStorage, createAttachmentStorage } from './attachment.storage.js';
export type { AttachmentsTable } from './attachment.table.js';
