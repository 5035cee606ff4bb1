export { auditRoutes } from './audit.routes.js';
export { type AuditEntry, type AuditService, createAuditService } from './audit.service.js';
