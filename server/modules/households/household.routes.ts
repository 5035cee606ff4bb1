import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Ok, pageOf } from '../../../contract/common.js';
import {
  AddSensitiveFactBody,
  Consent,
  CreateCustomFieldBody,
  CreateHouseholdBody,
  CustomFieldDef,
  Household,
  HouseholdChange,
  HouseholdSummary,
  ListHouseholdsQuery,
  RecordConsentBody,
  SensitiveFact,
  UpdateCustomFieldBody,
  UpdateHouseholdBody,
} from '../../../contract/households.js';
import { ifMatchVersion } from '../auth/index.js';
import type { ConsentService } from './consent.service.js';
import type { CustomFieldService } from './custom-field.service.js';
import type { HouseholdService } from './household.service.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const ConsentParams = IdParams.extend({ consentId: z.string().min(1).max(64) });
const FactParams = IdParams.extend({ factId: z.string().min(1).max(64) });
const EstateParams = z.object({ estateId: z.string().min(1).max(64) });
const FieldParams = EstateParams.extend({ fieldId: z.string().min(1).max(64) });

export const householdRoutes =
  (
    households: HouseholdService,
    consents: ConsentService,
    fields: CustomFieldService,
  ): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/households',
      {
        schema: {
          operationId: 'listHouseholds',
          tags: ['households'],
          summary: 'Find households by room (3-2-501, 3栋2单元501), name, phone suffix or tag',
          querystring: ListHouseholdsQuery,
          response: { 200: pageOf(HouseholdSummary) },
        },
      },
      async (req) => households.list(req.actor(), req.query),
    );

    app.get(
      '/households/:id',
      {
        schema: {
          operationId: 'getHousehold',
          tags: ['households'],
          summary: 'A household archive (家庭档案)',
          params: IdParams,
          response: { 200: Household },
        },
      },
      async (req, reply) => {
        // Already serialized (the archive cache keeps the JSON): sent as it is.
        const { version, json } = await households.getJson(req.actor(), req.params.id);
        reply.header('ETag', `"${version}"`).type('application/json; charset=utf-8');
        return (reply as FastifyReply).send(json);
      },
    );

    app.post(
      '/households',
      {
        schema: {
          operationId: 'createHousehold',
          tags: ['households'],
          summary: 'Create the archive of a room',
          body: CreateHouseholdBody,
          response: { 201: Household },
        },
      },
      async (req, reply) => {
        const h = await households.create(req.actor(), req.body);
        reply.header('ETag', `"${h.version}"`);
        return reply.code(201).send(h);
      },
    );

    app.patch(
      '/households/:id',
      {
        schema: {
          operationId: 'updateHousehold',
          tags: ['households'],
          summary: 'Edit an archive; send the edited version (body.version or If-Match); 412 when stale',
          params: IdParams,
          body: UpdateHouseholdBody,
          response: { 200: Household },
        },
      },
      async (req, reply) => {
        const h = await households.update(
          req.actor(),
          req.params.id,
          req.body,
          ifMatchVersion(req.headers['if-match']),
        );
        reply.header('ETag', `"${h.version}"`);
        return h;
      },
    );

    app.get(
      '/households/:id/history',
      {
        schema: {
          operationId: 'listHouseholdChanges',
          tags: ['households'],
          summary: 'Every change: who, when, old → new',
          params: IdParams,
          response: { 200: z.array(HouseholdChange) },
        },
      },
      async (req) => households.history(req.actor(), req.params.id),
    );

    app.get(
      '/households/:id/consents',
      {
        schema: {
          operationId: 'listConsents',
          tags: ['consents'],
          params: IdParams,
          response: { 200: z.array(Consent) },
        },
      },
      async (req) => consents.list(req.actor(), req.params.id),
    );

    app.post(
      '/households/:id/consents',
      {
        schema: {
          operationId: 'recordConsent',
          tags: ['consents'],
          summary: 'Record a consent for a stated purpose',
          params: IdParams,
          body: RecordConsentBody,
          response: { 201: Consent },
        },
      },
      async (req, reply) => reply.code(201).send(await consents.record(req.actor(), req.params.id, req.body)),
    );

    app.post(
      '/households/:id/consents/:consentId/withdraw',
      {
        schema: {
          operationId: 'withdrawConsent',
          tags: ['consents'],
          summary: 'Withdraw a consent; erases the facts stored under it',
          params: ConsentParams,
          response: { 200: Consent },
        },
      },
      async (req) => consents.withdraw(req.actor(), req.params.id, req.params.consentId),
    );

    app.get(
      '/households/:id/sensitive',
      {
        schema: {
          operationId: 'getSensitiveFacts',
          tags: ['consents'],
          summary: 'Sensitive facts the role may read (audited)',
          params: IdParams,
          response: { 200: z.array(SensitiveFact) },
        },
      },
      async (req, reply) => {
        reply.header('Cache-Control', 'no-store');
        return consents.readFacts(req.actor(), req.params.id);
      },
    );

    app.post(
      '/households/:id/sensitive',
      {
        schema: {
          operationId: 'addSensitiveFact',
          tags: ['consents'],
          summary: 'Store a sensitive fact under an active consent',
          params: IdParams,
          body: AddSensitiveFactBody,
          response: { 201: SensitiveFact },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await consents.addFact(req.actor(), req.params.id, req.body)),
    );

    app.delete(
      '/households/:id/sensitive/:factId',
      {
        schema: {
          operationId: 'deleteSensitiveFact',
          tags: ['consents'],
          params: FactParams,
          response: { 200: Ok },
        },
      },
      async (req) => {
        await consents.deleteFact(req.actor(), req.params.id, req.params.factId);
        return { ok: true as const };
      },
    );

    app.get(
      '/estates/:estateId/custom-fields',
      {
        schema: {
          operationId: 'listCustomFields',
          tags: ['households'],
          params: EstateParams,
          response: { 200: z.array(CustomFieldDef) },
        },
      },
      async (req) => fields.list(req.actor(), req.params.estateId),
    );

    app.post(
      '/estates/:estateId/custom-fields',
      {
        schema: {
          operationId: 'createCustomField',
          tags: ['households'],
          params: EstateParams,
          body: CreateCustomFieldBody,
          response: { 201: CustomFieldDef },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await fields.create(req.actor(), req.params.estateId, req.body)),
    );

    app.patch(
      '/estates/:estateId/custom-fields/:fieldId',
      {
        schema: {
          operationId: 'updateCustomField',
          tags: ['households'],
          params: FieldParams,
          body: UpdateCustomFieldBody,
          response: { 200: CustomFieldDef },
        },
      },
      async (req) => fields.update(req.actor(), req.params.estateId, req.params.fieldId, req.body),
    );
  };
