import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Ok } from '../../../contract/common.js';
import {
  AddDutyExceptionBody,
  DutyException,
  DutyRoster,
  DutyRosterQuery,
  DutyShift,
  OnDutyList,
  OnDutyQuery,
  PutDutyShiftsBody,
} from '../../../contract/roster.js';
import { ifMatchVersion } from '../auth/index.js';
import type { RosterService } from './roster.service.js';

const EstateParams = z.object({ estateId: z.string().min(1).max(64) });
const tags = ['roster'];

/** The duty roster (值班表): weekly patterns, leave and extra shifts, who is on duty. */
export const rosterRoutes =
  (roster: RosterService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/estates/:estateId/duty-roster',
      {
        schema: {
          operationId: 'getDutyRoster',
          tags,
          summary: 'A week of the duty roster per team: weekly shifts, leave and extra shifts, on duty now',
          params: EstateParams,
          querystring: DutyRosterQuery,
          response: { 200: DutyRoster },
        },
      },
      async (req) => roster.getRoster(req.actor(), req.params.estateId, req.query),
    );

    app.put(
      '/estates/:estateId/duty-roster/:accountId/shifts',
      {
        schema: {
          operationId: 'putDutyShifts',
          tags,
          summary: "Replace a staff member's weekly shifts (dispatchers, managers); 412 on a stale version",
          params: EstateParams.extend({ accountId: z.string().min(1).max(64) }),
          body: PutDutyShiftsBody,
          response: {
            200: z.object({ accountId: z.string(), version: z.number().int(), shifts: z.array(DutyShift) }),
          },
        },
      },
      async (req, reply) => {
        const r = await roster.putShifts(req.actor(), req.params.estateId, req.params.accountId, {
          ...req.body,
          version: req.body.version ?? ifMatchVersion(req.headers['if-match']),
        });
        reply.header('ETag', `"${r.version}"`);
        return r;
      },
    );

    app.post(
      '/estates/:estateId/duty-exceptions',
      {
        schema: {
          operationId: 'addDutyException',
          tags,
          summary: 'Add leave (whole day or a time range) or an extra shift on a date',
          params: EstateParams,
          body: AddDutyExceptionBody,
          response: { 201: DutyException },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await roster.addException(req.actor(), req.params.estateId, req.body)),
    );

    app.delete(
      '/estates/:estateId/duty-exceptions/:id',
      {
        schema: {
          operationId: 'deleteDutyException',
          tags,
          summary: 'Remove a leave or extra shift',
          params: EstateParams.extend({ id: z.string().min(1).max(64) }),
          response: { 200: Ok },
        },
      },
      async (req) => {
        await roster.deleteException(req.actor(), req.params.estateId, req.params.id);
        return { ok: true as const };
      },
    );

    app.get(
      '/estates/:estateId/on-duty',
      {
        schema: {
          operationId: 'listOnDuty',
          tags,
          summary: "Who is on duty at an instant (default now), in the estate's time zone",
          params: EstateParams,
          querystring: OnDutyQuery,
          response: { 200: OnDutyList },
        },
      },
      async (req) => roster.listOnDuty(req.actor(), req.params.estateId, req.query),
    );
  };
