import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Commitment,
  CreatePlanMeasureBody,
  ListPlanMeasuresQuery,
  PlanMeasure,
  PlanMeasureChange,
  PlanStage,
  SetCommitmentTargetBody,
  UpdatePlanMeasureBody,
} from '../../../contract/plan.js';
import { ifMatchVersion } from '../auth/index.js';
import type { PlanService } from './plan.service.js';

const EstateParams = z.object({ estateId: z.string().min(1).max(64) });
const MeasureParams = EstateParams.extend({ measureId: z.string().min(1).max(64) });
const CommitmentParams = EstateParams.extend({ commitmentId: z.string().min(1).max(64) });

/** The service plan (五步一法) of an estate: stages, measures, history, commitment targets. */
export const planRoutes =
  (plan: PlanService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/estates/:estateId/plan/stages',
      {
        schema: {
          operationId: 'listPlanStages',
          tags: ['plan'],
          summary: 'The six stages of 五步一法 (认识 → 成就客户) with their active measures',
          params: EstateParams,
          response: { 200: z.array(PlanStage) },
        },
      },
      async (req) => plan.stages(req.actor(), req.params.estateId),
    );

    app.get(
      '/estates/:estateId/plan/measures',
      {
        schema: {
          operationId: 'listPlanMeasures',
          tags: ['plan'],
          summary:
            'Every measure of the plan (retired ones with their status), with commitments and current targets',
          params: EstateParams,
          querystring: ListPlanMeasuresQuery,
          response: { 200: z.array(PlanMeasure) },
        },
      },
      async (req) => plan.list(req.actor(), req.params.estateId, req.query),
    );

    app.post(
      '/estates/:estateId/plan/measures',
      {
        schema: {
          operationId: 'createPlanMeasure',
          tags: ['plan'],
          summary: "Add the estate's own measure (code X1, X2 …)",
          params: EstateParams,
          body: CreatePlanMeasureBody,
          response: { 201: PlanMeasure },
        },
      },
      async (req, reply) => {
        const m = await plan.create(req.actor(), req.params.estateId, req.body);
        reply.header('ETag', `"${m.version}"`);
        return reply.code(201).send(m);
      },
    );

    app.get(
      '/estates/:estateId/plan/measures/:measureId',
      {
        schema: {
          operationId: 'getPlanMeasure',
          tags: ['plan'],
          params: MeasureParams,
          response: { 200: PlanMeasure },
        },
      },
      async (req, reply) => {
        const m = await plan.get(req.actor(), req.params.estateId, req.params.measureId);
        reply.header('ETag', `"${m.version}"`);
        return m;
      },
    );

    app.patch(
      '/estates/:estateId/plan/measures/:measureId',
      {
        schema: {
          operationId: 'updatePlanMeasure',
          tags: ['plan'],
          summary: 'Edit, retire or reactivate a measure; send the edited version (body.version or If-Match)',
          params: MeasureParams,
          body: UpdatePlanMeasureBody,
          response: { 200: PlanMeasure },
        },
      },
      async (req, reply) => {
        const m = await plan.update(
          req.actor(),
          req.params.estateId,
          req.params.measureId,
          req.body,
          ifMatchVersion(req.headers['if-match']),
        );
        reply.header('ETag', `"${m.version}"`);
        return m;
      },
    );

    app.get(
      '/estates/:estateId/plan/measures/:measureId/history',
      {
        schema: {
          operationId: 'listPlanMeasureChanges',
          tags: ['plan'],
          summary: 'Every change of a measure: who, when, old → new',
          params: MeasureParams,
          response: { 200: z.array(PlanMeasureChange) },
        },
      },
      async (req) => plan.history(req.actor(), req.params.estateId, req.params.measureId),
    );

    app.put(
      '/estates/:estateId/plan/commitments/:commitmentId/target',
      {
        schema: {
          operationId: 'setCommitmentTarget',
          tags: ['plan'],
          summary: 'Set a target from the next period (or a later date); past periods keep theirs',
          params: CommitmentParams,
          body: SetCommitmentTargetBody,
          response: { 200: Commitment },
        },
      },
      async (req) => plan.setTarget(req.actor(), req.params.estateId, req.params.commitmentId, req.body),
    );
  };
