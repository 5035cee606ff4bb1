import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ServiceFiguresQuery, ServiceFiguresReport } from '../../../contract/service-requests.js';
import type { ServiceFiguresService } from './service-figures.service.js';

/** The service figures of the KPI board (capability kpi.read). */
export const serviceFiguresRoutes =
  (service: ServiceFiguresService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/estates/:estateId/service-figures',
      {
        schema: {
          operationId: 'getServiceFigures',
          tags: ['service-requests'],
          summary:
            'Response and completion times, share within target, average score, comments replied in time, revisits on time, free jobs and their cost — for the estate, per team and per person, over local days from–to (both inclusive; default this month)',
          params: z.object({ estateId: z.string() }),
          querystring: ServiceFiguresQuery,
          response: { 200: ServiceFiguresReport },
        },
      },
      async (req) => service.get(req.actor(), req.params.estateId, req.query),
    );
  };
