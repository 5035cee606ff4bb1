import { z } from 'zod';
import { PageQuery } from './common.js';

export const AuditEvent = z.object({
  id: z.string(),
  at: z.string(),
  estateId: z.string().nullable(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  action: z.string().describe('e.g. auth.login, household.update, sensitive.read, export.households'),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  outcome: z.enum(['success', 'failure', 'denied']),
  ip: z.string().nullable(),
  details: z.unknown(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const ListAuditQuery = PageQuery.extend({
  estateId: z.string().max(64).optional(),
  action: z.string().max(60).optional().describe('Exact action or a prefix ending in * (household.*)'),
  actorId: z.string().max(64).optional(),
  targetId: z.string().max(64).optional(),
  outcome: z.enum(['success', 'failure', 'denied']).optional(),
  from: z.string().datetime({ offset: true }).optional(),
  to: z.string().datetime({ offset: true }).optional(),
});
