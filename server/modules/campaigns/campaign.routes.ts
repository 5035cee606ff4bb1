import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Campaign,
  CampaignPreview,
  CampaignProposal,
  CampaignProposalsQuery,
  CancelCampaignBody,
  CreateCampaignBody,
  ListCampaignsQuery,
} from '../../../contract/campaigns.js';
import { pageOf } from '../../../contract/common.js';
import type { CampaignService } from './campaign.service.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const EstateParams = z.object({ estateId: z.string().min(1).max(64) });

/** Campaigns (C9 greetings, tips, notices) and festival proposals (E12 personal greetings). */
export const campaignRoutes =
  (campaigns: CampaignService): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/estates/:estateId/campaigns',
      {
        schema: {
          operationId: 'createCampaign',
          tags: ['campaigns'],
          summary: 'Create a draft campaign. 400 CAMPAIGN_HEALTH_BY_SMS for health tips by SMS',
          params: EstateParams,
          body: CreateCampaignBody,
          response: { 201: Campaign },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await campaigns.create(req.actor(), req.params.estateId, req.body)),
    );

    app.post(
      '/estates/:estateId/campaigns/preview',
      {
        schema: {
          operationId: 'previewCampaign',
          tags: ['campaigns'],
          summary:
            'Recipients of an unsaved campaign (consenting, not opted out, with a phone), exclusions and a sample message',
          params: EstateParams,
          body: CreateCampaignBody,
          response: { 200: CampaignPreview },
        },
      },
      async (req) => campaigns.previewDraft(req.actor(), req.params.estateId, req.body),
    );

    app.get(
      '/campaigns/:id/preview',
      {
        schema: {
          operationId: 'previewSavedCampaign',
          tags: ['campaigns'],
          summary: 'Recipients of a saved campaign as of now, exclusions and a sample message',
          params: IdParams,
          response: { 200: CampaignPreview },
        },
      },
      async (req) => campaigns.preview(req.actor(), req.params.id),
    );

    app.post(
      '/campaigns/:id/start',
      {
        schema: {
          operationId: 'startCampaign',
          tags: ['campaigns'],
          summary:
            'Put one outbox message per recipient (never twice; safe to repeat). Greetings also put personal greeting tasks (E12)',
          params: IdParams,
          response: { 200: Campaign },
        },
      },
      async (req) => campaigns.start(req.actor(), req.params.id),
    );

    app.post(
      '/campaigns/:id/cancel',
      {
        schema: {
          operationId: 'cancelCampaign',
          tags: ['campaigns'],
          summary:
            'Cancel a draft or running campaign: its queued messages are suppressed (reason cancelled), sent ones stay. 409 when done or cancelled',
          params: IdParams,
          body: CancelCampaignBody,
          response: { 200: Campaign },
        },
      },
      async (req) => campaigns.cancel(req.actor(), req.params.id, req.body ?? {}),
    );

    app.get(
      '/campaigns/:id',
      {
        schema: {
          operationId: 'getCampaign',
          tags: ['campaigns'],
          summary: 'A campaign with its progress: outbox messages by status',
          params: IdParams,
          response: { 200: Campaign },
        },
      },
      async (req) => campaigns.get(req.actor(), req.params.id),
    );

    app.get(
      '/campaigns',
      {
        schema: {
          operationId: 'listCampaigns',
          tags: ['campaigns'],
          summary: 'Campaigns of an estate, newest first',
          querystring: ListCampaignsQuery,
          response: { 200: pageOf(Campaign) },
        },
      },
      async (req) => campaigns.list(req.actor(), req.query),
    );

    app.get(
      '/estates/:estateId/campaign-proposals',
      {
        schema: {
          operationId: 'listCampaignProposals',
          tags: ['campaigns'],
          summary: 'Festival greetings the calendar proposes in a window (重阳 for elderly households)',
          params: EstateParams,
          querystring: CampaignProposalsQuery,
          response: { 200: z.array(CampaignProposal) },
        },
      },
      async (req) => campaigns.proposals(req.actor(), req.params.estateId, req.query),
    );
  };
