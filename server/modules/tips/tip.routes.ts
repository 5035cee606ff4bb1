import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BoardNotice } from '../../../contract/board.js';
import {
  CreateTipBody,
  ListTipsQuery,
  PostTipAsNoticeBody,
  Tip,
  TipProposals,
  TipProposalsQuery,
  UpdateTipBody,
} from '../../../contract/tips.js';
import type { TipService } from './tip.service.js';

const EstateParams = z.object({ estateId: z.string().min(1).max(64) });
const TipParams = EstateParams.extend({ tipId: z.string().min(1).max(64) });

/** The tips library: list, create, edit, propose for the season, post on the entrance board. */
export const tipRoutes =
  (tips: TipService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/estates/:estateId/tips',
      {
        schema: {
          operationId: 'listTips',
          tags: ['tips'],
          summary: 'The tips library of an estate (utilities, plants, health), by category and season',
          params: EstateParams,
          querystring: ListTipsQuery,
          response: { 200: z.array(Tip) },
        },
      },
      async (req) => tips.list(req.actor(), req.params.estateId, req.query),
    );

    app.post(
      '/estates/:estateId/tips',
      {
        schema: {
          operationId: 'createTip',
          tags: ['tips'],
          params: EstateParams,
          body: CreateTipBody,
          response: { 201: Tip },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await tips.create(req.actor(), req.params.estateId, req.body)),
    );

    app.patch(
      '/estates/:estateId/tips/:tipId',
      {
        schema: {
          operationId: 'updateTip',
          tags: ['tips'],
          summary: 'Edit or switch off a tip (version required; 412 when changed meanwhile)',
          params: TipParams,
          body: UpdateTipBody,
          response: { 200: Tip },
        },
      },
      async (req) => tips.update(req.actor(), req.params.estateId, req.params.tipId, req.body),
    );

    app.get(
      '/estates/:estateId/tip-proposals',
      {
        schema: {
          operationId: 'listTipProposals',
          tags: ['tips'],
          summary: "Tips for the solar term and season of a date (default today): this term's first",
          params: EstateParams,
          querystring: TipProposalsQuery,
          response: { 200: TipProposals },
        },
      },
      async (req) => tips.proposals(req.actor(), req.params.estateId, req.query.date),
    );

    app.post(
      '/estates/:estateId/tips/:tipId/notice',
      {
        schema: {
          operationId: 'postTipAsNotice',
          tags: ['tips'],
          summary: 'Post a tip as a warm-tip notice on the entrance board (C8)',
          params: TipParams,
          body: PostTipAsNoticeBody,
          response: { 201: BoardNotice },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await tips.postAsNotice(req.actor(), req.params.estateId, req.params.tipId, req.body)),
    );
  };
