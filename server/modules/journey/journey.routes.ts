import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  JourneyFunnel,
  JourneyParams,
  JourneyStuck,
  JourneyStuckQuery,
  MonthlyReportQuery,
} from '../../../contract/journey.js';
import type { JourneyService } from './journey.service.js';

const tags = ['journey'];

/** The customer journey funnel, stuck households, and the monthly report (capability kpi.read). */
export const journeyRoutes =
  (service: JourneyService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/estates/:estateId/journey',
      {
        schema: {
          operationId: 'getJourneyFunnel',
          tags,
          summary:
            'Households per customer-journey stage (认识 → 成就), derived from the data, with the rules used',
          params: JourneyParams,
          response: { 200: JourneyFunnel },
        },
      },
      async (req) => service.getFunnel(req.actor(), req.params.estateId),
    );

    app.get(
      '/estates/:estateId/journey/stuck',
      {
        schema: {
          operationId: 'listJourneyStuck',
          tags,
          summary: 'Households whose current stage is `stage`, longest since the last touch first',
          params: JourneyParams,
          querystring: JourneyStuckQuery,
          response: { 200: JourneyStuck },
        },
      },
      async (req) => service.stuck(req.actor(), req.params.estateId, req.query.stage, req.query.limit),
    );

    app.get(
      '/estates/:estateId/reports/monthly',
      {
        schema: {
          operationId: 'downloadMonthlyReport',
          tags,
          summary:
            "The monthly service report for the owners' committee (counts only): Chinese PDF with charts, or an Excel workbook",
          params: JourneyParams,
          querystring: MonthlyReportQuery,
          produces: ['application/pdf', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
        },
      },
      async (req, reply) => {
        const file = await service.monthlyReport(req.actor(), req.params.estateId, req.query);
        return reply
          .type(file.contentType)
          .header('Content-Disposition', `attachment; filename="${file.filename}"`)
          .header('X-Report-Font', file.cjk ? 'cjk' : 'fallback-latin')
          .send(file.bytes);
      },
    );
  };
