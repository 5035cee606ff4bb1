import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../../contract/common.js';
import {
  DispatchBody,
  DispatchResult,
  ListMessagesQuery,
  Message,
  MessageProvider,
  MessageTemplate,
  MessagingConsentResult,
  ProviderChannel,
  PutProviderBody,
  UpdateMessagingConsentBody,
  UpsertTemplateBody,
} from '../../../contract/messaging.js';
import type { MessagingService } from './messaging.service.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const EstateParams = z.object({ estateId: z.string().min(1).max(64) });
const TemplateParams = EstateParams.extend({ code: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/) });
const ProviderParams = EstateParams.extend({ channel: ProviderChannel });

/** The messaging outbox, templates, provider credentials and opt-in/opt-out per purpose. */
export const messagingRoutes =
  (messaging: MessagingService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/messages',
      {
        schema: {
          operationId: 'listMessages',
          tags: ['messaging'],
          summary:
            'The outbox of an estate, newest first; phones masked; reason says why a message waits or was suppressed',
          querystring: ListMessagesQuery,
          response: { 200: pageOf(Message) },
        },
      },
      async (req) => messaging.list(req.actor(), req.query),
    );

    app.get(
      '/messages/:id',
      {
        schema: {
          operationId: 'getMessage',
          tags: ['messaging'],
          params: IdParams,
          response: { 200: Message },
        },
      },
      async (req) => messaging.get(req.actor(), req.params.id),
    );

    app.post(
      '/messages/dispatch',
      {
        schema: {
          operationId: 'dispatchMessagesNow',
          tags: ['messaging'],
          summary: 'Run the outbox worker once now (admin; the scheduler runs it every 30 s)',
          body: DispatchBody,
          response: { 200: DispatchResult },
        },
      },
      async (req) => messaging.dispatchNow(req.actor(), { limit: req.body.limit }),
    );

    app.get(
      '/estates/:estateId/message-templates',
      {
        schema: {
          operationId: 'listTemplates',
          tags: ['messaging'],
          params: EstateParams,
          response: { 200: z.array(MessageTemplate) },
        },
      },
      async (req) => messaging.listTemplates(req.actor(), req.params.estateId),
    );

    app.put(
      '/estates/:estateId/message-templates/:code',
      {
        schema: {
          operationId: 'upsertTemplate',
          tags: ['messaging'],
          summary: 'Create or replace a template: zh/en text, provider template codes and approval status',
          params: TemplateParams,
          body: UpsertTemplateBody,
          response: { 200: MessageTemplate },
        },
      },
      async (req) => messaging.upsertTemplate(req.actor(), req.params.estateId, req.params.code, req.body),
    );

    app.get(
      '/estates/:estateId/message-providers',
      {
        schema: {
          operationId: 'listProviders',
          tags: ['messaging'],
          summary: 'SMS providers of an estate; secrets are never returned',
          params: EstateParams,
          response: { 200: z.array(MessageProvider) },
        },
      },
      async (req) => messaging.listProviders(req.actor(), req.params.estateId),
    );

    app.put(
      '/estates/:estateId/message-providers/:channel',
      {
        schema: {
          operationId: 'putProvider',
          tags: ['messaging'],
          summary: 'Set SMS provider credentials (stored encrypted; omit a secret to keep the stored one)',
          params: ProviderParams,
          body: PutProviderBody,
          response: { 200: MessageProvider },
        },
      },
      async (req) => messaging.putProvider(req.actor(), req.params.estateId, req.params.channel, req.body),
    );

    app.put(
      '/households/:id/consents/messaging',
      {
        schema: {
          operationId: 'updateConsent',
          tags: ['messaging'],
          summary: 'Opt in or out of a message purpose; an opt-out also suppresses queued messages at once',
          params: IdParams,
          body: UpdateMessagingConsentBody,
          response: { 200: MessagingConsentResult },
        },
      },
      async (req) => messaging.updateConsent(req.actor(), req.params.id, req.body),
    );
  };
