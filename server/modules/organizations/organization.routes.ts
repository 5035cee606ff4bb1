import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../../contract/common.js';
import {
  AddOrganizationMemberBody,
  CarePlan,
  CarePlanItem,
  CarePlanQuery,
  CopyCarePlanBody,
  CopyCarePlanResult,
  CreateCarePlanItemBody,
  CreateOrganizationBody,
  ListOrganizationContactsQuery,
  ListOrganizationsQuery,
  LogOrganizationContactBody,
  Organization,
  OrganizationContact,
  OrganizationDetail,
  UpdateCarePlanItemBody,
  UpdateOrganizationBody,
  UpdateOrganizationContactBody,
} from '../../../contract/organizations.js';
import { ifMatchVersion } from '../auth/index.js';
import type { CarePlanService } from './care-plan.service.js';
import type { OrganizationService } from './organization.service.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const EstateParams = z.object({ estateId: z.string().min(1).max(64) });
const MemberParams = IdParams.extend({ householdId: z.string().min(1).max(64) });
const tags = ['organizations'];

/** Owners' organizations with members and a contact log (C4), and the seasonal care plan (C7). */
export const organizationRoutes =
  (orgs: OrganizationService, care: CarePlanService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/estates/:estateId/organizations',
      {
        schema: {
          operationId: 'listOrganizations',
          tags,
          summary: "Owners' organizations and associations of an estate, with the latest contact (C4)",
          params: EstateParams,
          querystring: ListOrganizationsQuery,
          response: { 200: z.array(Organization) },
        },
      },
      async (req) => orgs.list(req.actor(), req.params.estateId, req.query.includeInactive === 'true'),
    );

    app.post(
      '/estates/:estateId/organizations',
      {
        schema: {
          operationId: 'createOrganization',
          tags,
          summary: 'Add an organization with the staff member responsible (managers)',
          params: EstateParams,
          body: CreateOrganizationBody,
          response: { 201: OrganizationDetail },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await orgs.create(req.actor(), req.params.estateId, req.body)),
    );

    app.get(
      '/organizations/:id',
      {
        schema: {
          operationId: 'getOrganization',
          tags,
          summary: 'One organization with its members',
          params: IdParams,
          response: { 200: OrganizationDetail },
        },
      },
      async (req, reply) => {
        const o = await orgs.get(req.actor(), req.params.id);
        reply.header('ETag', `"${o.version}"`);
        return o;
      },
    );

    app.patch(
      '/organizations/:id',
      {
        schema: {
          operationId: 'updateOrganization',
          tags,
          summary: 'Edit an organization (managers); send the edited version (body.version or If-Match)',
          params: IdParams,
          body: UpdateOrganizationBody,
          response: { 200: OrganizationDetail },
        },
      },
      async (req, reply) => {
        const o = await orgs.update(
          req.actor(),
          req.params.id,
          req.body,
          ifMatchVersion(req.headers['if-match']),
        );
        reply.header('ETag', `"${o.version}"`);
        return o;
      },
    );

    app.post(
      '/organizations/:id/members',
      {
        schema: {
          operationId: 'addOrganizationMember',
          tags,
          summary: 'Add a household as a member, with an optional role (主任, 队长 …)',
          params: IdParams,
          body: AddOrganizationMemberBody,
          response: { 201: OrganizationDetail },
        },
      },
      async (req, reply) => reply.code(201).send(await orgs.addMember(req.actor(), req.params.id, req.body)),
    );

    app.delete(
      '/organizations/:id/members/:householdId',
      {
        schema: {
          operationId: 'removeOrganizationMember',
          tags,
          summary: 'Remove a member household',
          params: MemberParams,
          response: { 200: OrganizationDetail },
        },
      },
      async (req) => orgs.removeMember(req.actor(), req.params.id, req.params.householdId),
    );

    app.post(
      '/organizations/:id/contacts',
      {
        schema: {
          operationId: 'logOrganizationContact',
          tags,
          summary: 'Log a contact with the organization (when, who, channel, summary, follow-up)',
          params: IdParams,
          body: LogOrganizationContactBody,
          response: { 201: OrganizationContact },
        },
      },
      async (req, reply) => reply.code(201).send(await orgs.logContact(req.actor(), req.params.id, req.body)),
    );

    app.get(
      '/organizations/:id/contacts',
      {
        schema: {
          operationId: 'listOrganizationContacts',
          tags,
          summary: 'The contact log of an organization, newest first',
          params: IdParams,
          querystring: ListOrganizationContactsQuery,
          response: { 200: pageOf(OrganizationContact) },
        },
      },
      async (req) => orgs.listContacts(req.actor(), req.params.id, req.query),
    );

    app.patch(
      '/organization-contacts/:id',
      {
        schema: {
          operationId: 'updateOrganizationContact',
          tags,
          summary: "Mark a contact's follow-up done or reopen it (with the version)",
          params: IdParams,
          body: UpdateOrganizationContactBody,
          response: { 200: OrganizationContact },
        },
      },
      async (req) =>
        orgs.updateContact(req.actor(), req.params.id, req.body, ifMatchVersion(req.headers['if-match'])),
    );

    app.get(
      '/estates/:estateId/care-plan',
      {
        schema: {
          operationId: 'listCarePlanItems',
          tags,
          summary: 'The seasonal care plan (C7) of a quarter (default: the current one) with done x of y',
          params: EstateParams,
          querystring: CarePlanQuery,
          response: { 200: CarePlan },
        },
      },
      async (req) => care.get(req.actor(), req.params.estateId, req.query.quarter),
    );

    app.post(
      '/estates/:estateId/care-plan',
      {
        schema: {
          operationId: 'createCarePlanItem',
          tags,
          summary: 'Add an item to a quarter (managers): what, for whom, owner, due date',
          params: EstateParams,
          body: CreateCarePlanItemBody,
          response: { 201: CarePlanItem },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await care.create(req.actor(), req.params.estateId, req.body)),
    );

    app.patch(
      '/care-plan/:id',
      {
        schema: {
          operationId: 'updateCarePlanItem',
          tags,
          summary:
            'Edit an item (managers) or mark it done / not done (managers and its owner); with the version',
          params: IdParams,
          body: UpdateCarePlanItemBody,
          response: { 200: CarePlanItem },
        },
      },
      async (req) =>
        care.update(req.actor(), req.params.id, req.body, ifMatchVersion(req.headers['if-match'])),
    );

    app.post(
      '/estates/:estateId/care-plan/copy',
      {
        schema: {
          operationId: 'copyCarePlanQuarter',
          tags,
          summary: "Copy a quarter's items into another (not done, due dates moved along); never twice",
          params: EstateParams,
          body: CopyCarePlanBody,
          response: { 200: CopyCarePlanResult },
        },
      },
      async (req) => care.copy(req.actor(), req.params.estateId, req.body),
    );
  };
