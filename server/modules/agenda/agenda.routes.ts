import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Agenda,
  AgendaTask,
  CompleteTaskBody,
  GetAgendaQuery,
  GetKpiBoardQuery,
  KpiBoard,
} from '../../../contract/agenda.js';
import type { AgendaService } from './agenda.service.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const EstateParams = z.object({ estateId: z.string().min(1).max(64) });

/** The agenda (我的待办) and the promise-keeping board (承诺兑现). */
export const agendaRoutes =
  (agenda: AgendaService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/agenda',
      {
        schema: {
          operationId: 'getAgenda',
          tags: ['agenda'],
          summary:
            "Today's and this week's tasks, overdue items, visits still owed with suggested households, open service requests; assignee=<id> needs agenda.team",
          querystring: GetAgendaQuery,
          response: { 200: Agenda },
        },
      },
      async (req) => agenda.getAgenda(req.actor(), req.query),
    );

    app.post(
      '/agenda/tasks/:id/complete',
      {
        schema: {
          operationId: 'completeTask',
          tags: ['agenda'],
          summary: 'Complete a manual task with its evidence; visit-quota tasks complete themselves (422)',
          params: IdParams,
          body: CompleteTaskBody,
          response: { 200: AgendaTask },
        },
      },
      async (req) => agenda.completeTask(req.actor(), req.params.id, req.body ?? {}),
    );

    app.get(
      '/estates/:estateId/kpi',
      {
        schema: {
          operationId: 'getKpiBoard',
          tags: ['agenda'],
          summary:
            'Promise-keeping board (承诺兑现): per measure target, actual, compliance by team and person, 12-week trend, evidence ids',
          params: EstateParams,
          querystring: GetKpiBoardQuery,
          response: { 200: KpiBoard },
        },
      },
      async (req) => agenda.getKpiBoard(req.actor(), req.params.estateId, req.query.period),
    );
  };
