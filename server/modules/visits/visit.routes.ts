import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Ok, pageOf } from '../../../contract/common.js';
import {
  AddLoyalGroupMemberBody,
  CreateVisitBody,
  CreateVisitResult,
  ListVisitsQuery,
  LogLoyalGroupContactBody,
  LoyalGroup,
  LoyalGroupContact,
  Visit,
  VisitSuggestions,
  VisitSuggestionsQuery,
} from '../../../contract/visits.js';
import type { LoyalGroupService } from './loyal-group.service.js';
import type { VisitService } from './visit.service.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const EstateParams = z.object({ estateId: z.string().min(1).max(64) });
const LeaderParams = EstateParams.extend({ leaderId: z.string().min(1).max(64) });
const MemberParams = LeaderParams.extend({ householdId: z.string().min(1).max(64) });

/** Home visits (走访) and the squad leaders' loyal-household groups (S5). */
export const visitRoutes =
  (visits: VisitService, loyal: LoyalGroupService): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/visits',
      {
        schema: {
          operationId: 'createVisit',
          tags: ['visits'],
          summary:
            'Record a home visit (客户走访表); optionally merge what was learned into the archive. Sensitive facts are not stored here: follow sensitiveFollowUp',
          body: CreateVisitBody,
          response: { 201: CreateVisitResult },
        },
      },
      async (req, reply) => reply.code(201).send(await visits.create(req.actor(), req.body)),
    );

    app.get(
      '/visits',
      {
        schema: {
          operationId: 'listVisits',
          tags: ['visits'],
          summary: 'Visits, newest first; filter by estate, household, visitor (me), kind and time',
          querystring: ListVisitsQuery,
          response: { 200: pageOf(Visit) },
        },
      },
      async (req) => visits.list(req.actor(), req.query),
    );

    app.get(
      '/visits/:id',
      {
        schema: {
          operationId: 'getVisit',
          tags: ['visits'],
          params: IdParams,
          response: { 200: Visit },
        },
      },
      async (req) => visits.get(req.actor(), req.params.id),
    );

    app.get(
      '/estates/:estateId/visit-suggestions',
      {
        schema: {
          operationId: 'suggestVisitHouseholds',
          tags: ['visits'],
          summary:
            'Households to visit next: never or longest since visited, care flags, recent move-ins; a butler sees their buildings',
          params: EstateParams,
          querystring: VisitSuggestionsQuery,
          response: { 200: VisitSuggestions },
        },
      },
      async (req) =>
        visits.suggest(req.actor(), req.params.estateId, {
          limit: req.query.limit,
          buildingIds: req.query.buildingId,
        }),
    );

    app.get(
      '/estates/:estateId/loyal-groups',
      {
        schema: {
          operationId: 'listLoyalGroups',
          tags: ['visits'],
          summary: "Loyal-household groups (S5): a squad leader's own, or every group for a manager",
          params: EstateParams,
          response: { 200: z.array(LoyalGroup) },
        },
      },
      async (req) => loyal.list(req.actor(), req.params.estateId),
    );

    app.post(
      '/estates/:estateId/loyal-groups/:leaderId/members',
      {
        schema: {
          operationId: 'addLoyalGroupMember',
          tags: ['visits'],
          summary: '409 when already a member; 422 when in another leader’s group',
          params: LeaderParams,
          body: AddLoyalGroupMemberBody,
          response: { 201: Ok },
        },
      },
      async (req, reply) => {
        await loyal.addMember(req.actor(), req.params.estateId, req.params.leaderId, req.body.householdId);
        return reply.code(201).send({ ok: true as const });
      },
    );

    app.delete(
      '/estates/:estateId/loyal-groups/:leaderId/members/:householdId',
      {
        schema: {
          operationId: 'removeLoyalGroupMember',
          tags: ['visits'],
          params: MemberParams,
          response: { 200: Ok },
        },
      },
      async (req) => {
        await loyal.removeMember(
          req.actor(),
          req.params.estateId,
          req.params.leaderId,
          req.params.householdId,
        );
        return { ok: true as const };
      },
    );

    app.post(
      '/estates/:estateId/loyal-groups/:leaderId/contacts',
      {
        schema: {
          operationId: 'logLoyalGroupContact',
          tags: ['visits'],
          summary: 'Log a contact with a member household (monthly contact log)',
          params: LeaderParams,
          body: LogLoyalGroupContactBody,
          response: { 201: LoyalGroupContact },
        },
      },
      async (req, reply) =>
        reply
          .code(201)
          .send(await loyal.logContact(req.actor(), req.params.estateId, req.params.leaderId, req.body)),
    );
  };
