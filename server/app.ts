import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  type FastifyPluginAsyncZod,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Container } from './container.js';
import { CommonErrors } from './lib/errors.js';
import { agendaRoutes } from './modules/agenda/index.js';
import { attachmentRoutes } from './modules/attachments/index.js';
import { auditRoutes } from './modules/audit/index.js';
import { authRoutes } from './modules/auth/index.js';
import { boardRoutes } from './modules/board/index.js';
import { calendarRoutes } from './modules/calendar/index.js';
import { campaignRoutes } from './modules/campaigns/index.js';
import { estateRoutes } from './modules/estates/index.js';
import { householdIoRoutes } from './modules/household-io/index.js';
import { householdRoutes } from './modules/households/index.js';
import { journeyRoutes } from './modules/journey/index.js';
import { loanRoutes } from './modules/loans/index.js';
import { messagingRoutes } from './modules/messaging/index.js';
import { organizationRoutes } from './modules/organizations/index.js';
import { planRoutes } from './modules/plan/index.js';
import { ratingRoutes } from './modules/ratings/index.js';
import { rosterRoutes } from './modules/roster/index.js';
import {
  catalogRoutes,
  serviceFiguresRoutes,
  serviceRequestRoutes,
} from './modules/service-requests/index.js';
import { tipRoutes } from './modules/tips/index.js';
import { visitRoutes } from './modules/visits/index.js';
import authPlugin from './plugins/auth.js';
import errorHandler from './plugins/error-handler.js';
import idempotency from './plugins/idempotency.js';
import openapi from './plugins/openapi.js';
import securityHeaders from './plugins/security-headers.js';
import web from './plugins/web.js';

export interface AppOptions {
  container: Container;
  logLevel?: string;
  trustProxy?: boolean;
  publicOrigin?: string;
  /** Folder holding the built web apps (dist/); omitted in API tests. */
  distDir?: string;
  /** Check every response against its schema (tests); off in production for speed. */
  validateResponses?: boolean;
  /** Extra route plugins registered under /api (modules added by later issues). */
  extraRoutes?: FastifyPluginAsyncZod[];
}

/** Builds the Fastify app without listening: main.ts listens, tests use app.inject. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const c = opts.container;
  const app = Fastify({
    logger: {
      level: opts.logLevel ?? 'info',
      redact: ['req.headers.cookie', 'req.headers.authorization', 'res.headers["set-cookie"]'],
    },
    trustProxy: opts.trustProxy ?? false,
    bodyLimit: 1024 * 1024,
  });
  app.setValidatorCompiler(validatorCompiler);
  // Tests validate every response against its zod schema; in production the mappers already
  // build exact API shapes, so responses are plain JSON.stringify (several times faster).
  app.setSerializerCompiler(
    opts.validateResponses ? serializerCompiler : () => (data) => JSON.stringify(data),
  );

  await app.register(errorHandler);
  await app.register(securityHeaders, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    hsts: { maxAge: 31536000, includeSubDomains: true },
  });
  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 10 * 1024 * 1024, files: 1, fields: 10, parts: 12 } });
  await app.register(authPlugin, { auth: c.auth, publicOrigin: opts.publicOrigin });
  await app.register(openapi);
  await app.register(idempotency, { db: c.db, clock: c.clock });

  // Personal data must not sit in shared caches.
  app.addHook('onSend', async (req, reply) => {
    if (req.url.startsWith('/api/') && !reply.hasHeader('Cache-Control'))
      reply.header('Cache-Control', 'no-store');
  });

  // Record authorization denials in the audit log (ASVS 16: every authorization failure).
  app.addHook('onError', async (req, _reply, err) => {
    const e = err as unknown as { denied?: boolean; status?: number; code?: string };
    if (e.denied || e.code === 'FORBIDDEN' || e.code === 'ORIGIN_REJECTED') {
      await c.audit
        .record({
          actor: req.maybeActor ?? null,
          action: 'access.denied',
          outcome: 'denied',
          ip: req.ip,
          details: { method: req.method, route: req.routeOptions.url ?? req.url, code: e.code },
        })
        .catch((x) => req.log.error({ err: x }, 'audit write failed'));
    }
  });

  await app.register(
    async (api) => {
      const typed = api.withTypeProvider<ZodTypeProvider>();
      typed.get(
        '/health',
        {
          schema: {
            operationId: 'getHealth',
            tags: ['system'],
            security: [],
            response: { 200: z.object({ status: z.literal('ok') }) },
          },
        },
        async () => ({ status: 'ok' as const }),
      );
      await api.register(authRoutes(c.auth, c.accounts));
      await api.register(estateRoutes(c.estates));
      await api.register(householdRoutes(c.households, c.consents, c.customFields));
      await api.register(householdIoRoutes(c.householdIo));
      await api.register(auditRoutes(c.audit));
      await api.register(calendarRoutes(c.calendar));
      await api.register(planRoutes(c.plan));
      await api.register(visitRoutes(c.visits, c.loyalGroups));
      await api.register(serviceRequestRoutes(c.serviceRequests));
      await api.register(catalogRoutes(c.catalog));
      await api.register(serviceFiguresRoutes(c.serviceFigures));
      await api.register(ratingRoutes(c.ratings));
      await api.register(loanRoutes(c.loans));
      await api.register(organizationRoutes(c.organizations, c.carePlan));
      await api.register(attachmentRoutes(c.attachments));
      await api.register(rosterRoutes(c.roster));
      await api.register(boardRoutes(c.board));
      await api.register(agendaRoutes(c.agenda));
      await api.register(journeyRoutes(c.journey));
      await api.register(messagingRoutes(c.messaging));
      await api.register(campaignRoutes(c.campaigns));
      await api.register(tipRoutes(c.tips));
      for (const extra of opts.extraRoutes ?? []) await api.register(extra);
    },
    { prefix: '/api' },
  );

  if (opts.distDir) await app.register(web, { distDir: opts.distDir });
  else {
    app.get('/', { schema: { hide: true } }, async (_req, reply) => {
      const e = CommonErrors.make('NOT_FOUND');
      return reply.code(404).send({ error: { code: e.code, message: e.messageIn('en') } });
    });
  }
  return app;
}
