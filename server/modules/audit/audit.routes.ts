import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditEvent, ListAuditQuery } from '../../../contract/audit.js';
import { pageOf } from '../../../contract/common.js';
import type { AuditService } from './audit.service.js';

export const auditRoutes =
  (audit: AuditService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/audit-events',
      {
        schema: {
          operationId: 'listAuditEvents',
          tags: ['audit'],
          summary: 'Search the append-only audit log',
          querystring: ListAuditQuery,
          response: { 200: pageOf(AuditEvent) },
        },
      },
      async (req) => audit.list(req.actor(), req.query),
    );
  };
