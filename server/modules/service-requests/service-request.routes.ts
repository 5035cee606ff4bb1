import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../../contract/common.js';
import {
  AssignBody,
  AssigneeSuggestion,
  CancelBody,
  CatalogEntry,
  CompleteBody,
  CreateServiceRequestBody,
  ListCatalogQuery,
  ListServiceRequestsQuery,
  ServiceRequest,
  ServiceRequestDetail,
  VersionBody,
} from '../../../contract/service-requests.js';
import { ifMatchVersion } from '../auth/index.js';
import type { ServiceRequestService } from './service-request.service.js';

const EstateParams = z.object({ estateId: z.string().min(1).max(64) });
const IdParams = z.object({ id: z.string().min(1).max(64) });
const tags = ['service-requests'];

/** Service requests: catalog, taking a request (E4), dispatch and the work. */
export const serviceRequestRoutes =
  (service: ServiceRequestService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/estates/:estateId/service-catalog',
      {
        schema: {
          operationId: 'listServiceCatalog',
          tags,
          summary: "The estate's service catalog (服务目录); residents never receive internal entries",
          params: EstateParams,
          querystring: ListCatalogQuery,
          response: { 200: z.array(CatalogEntry) },
        },
      },
      async (req) =>
        service.listCatalog(req.actor(), req.params.estateId, {
          visibility: req.query.visibility,
          includeInactive: req.query.includeInactive === 'true',
        }),
    );

    app.post(
      '/service-requests',
      {
        schema: {
          operationId: 'createServiceRequest',
          tags,
          summary: 'Take a request for a household or a place (any staff member, E4)',
          body: CreateServiceRequestBody,
          response: { 201: ServiceRequestDetail },
        },
      },
      async (req, reply) => {
        const r = await service.create(req.actor(), req.body);
        reply.header('ETag', `"${r.version}"`);
        return reply.code(201).send(r);
      },
    );

    app.get(
      '/service-requests',
      {
        schema: {
          operationId: 'listServiceRequests',
          tags,
          summary:
            'Team queue, my jobs (assignee=me) or a household’s requests; care-flagged first, then due time',
          querystring: ListServiceRequestsQuery,
          response: { 200: pageOf(ServiceRequest) },
        },
      },
      async (req) => service.list(req.actor(), req.query),
    );

    app.get(
      '/service-requests/:id',
      {
        schema: {
          operationId: 'getServiceRequest',
          tags,
          summary: 'A request with its timeline',
          params: IdParams,
          response: { 200: ServiceRequestDetail },
        },
      },
      async (req, reply) => {
        const r = await service.get(req.actor(), req.params.id);
        reply.header('ETag', `"${r.version}"`);
        return r;
      },
    );

    app.get(
      '/service-requests/:id/assignee-suggestions',
      {
        schema: {
          operationId: 'suggestAssignees',
          tags,
          summary: 'Members of the responsible team ranked by skill match, then open jobs',
          params: IdParams,
          response: { 200: z.array(AssigneeSuggestion) },
        },
      },
      async (req) => service.suggestAssignees(req.actor(), req.params.id),
    );

    const version = (body: { version?: number }, ifMatch: string | undefined) =>
      body.version ?? ifMatchVersion(ifMatch);

    app.post(
      '/service-requests/:id/assign',
      {
        schema: {
          operationId: 'assignServiceRequest',
          tags,
          summary: 'Assign or reassign a job before it is accepted (dispatchers)',
          params: IdParams,
          body: AssignBody,
          response: { 200: ServiceRequestDetail },
        },
      },
      async (req) =>
        service.assign(req.actor(), req.params.id, {
          assigneeId: req.body.assigneeId,
          version: version(req.body, req.headers['if-match']),
        }),
    );

    for (const [path, operationId, summary, run] of [
      [
        'accept',
        'acceptServiceRequest',
        'Accept a job: the assignee, or a team member taking an unassigned one (409 when someone else won)',
        service.accept,
      ],
      ['start', 'startServiceRequest', 'The assignee starts the work', service.start],
    ] as const) {
      app.post(
        `/service-requests/:id/${path}`,
        {
          schema: {
            operationId,
            tags,
            summary,
            params: IdParams,
            body: VersionBody.nullish(),
            response: { 200: ServiceRequestDetail },
          },
        },
        async (req) =>
          run(req.actor(), req.params.id, { version: version(req.body ?? {}, req.headers['if-match']) }),
      );
    }

    app.post(
      '/service-requests/:id/complete',
      {
        schema: {
          operationId: 'completeServiceRequest',
          tags,
          summary: 'Complete a job with notes, materials, time spent, and the charge (or why it is free)',
          params: IdParams,
          body: CompleteBody,
          response: { 200: ServiceRequestDetail },
        },
      },
      async (req) =>
        service.complete(req.actor(), req.params.id, {
          ...req.body,
          version: version(req.body, req.headers['if-match']),
        }),
    );

    app.post(
      '/service-requests/:id/cancel',
      {
        schema: {
          operationId: 'cancelServiceRequest',
          tags,
          summary: 'Cancel an open request with a reason (the taker before acceptance, or a dispatcher)',
          params: IdParams,
          body: CancelBody,
          response: { 200: ServiceRequestDetail },
        },
      },
      async (req) =>
        service.cancel(req.actor(), req.params.id, {
          reason: req.body.reason,
          version: version(req.body, req.headers['if-match']),
        }),
    );
  };
