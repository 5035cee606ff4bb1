import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AddPlateOverrideBody,
  CalendarDateParams,
  CalendarDay,
  CalendarDayQuery,
  CalendarEntry,
  DeleteHolidayResult,
  HolidayList,
  HolidaysQuery,
  PlateCityParams,
  PlateOverride,
  PlateOverrideParams,
  PlateRestriction,
  PlateRestrictionQuery,
  PlateRule,
  PlateRuleBody,
  UpsertHolidayBody,
} from '../../../contract/calendar.js';
import { Ok } from '../../../contract/common.js';
import { ifMatchVersion } from '../auth/index.js';
import type { CalendarService } from './calendar.service.js';

/** Calendar and plate-restriction routes (registered under /api). */
export const calendarRoutes =
  (calendar: CalendarService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/calendar/day',
      {
        schema: {
          operationId: 'getCalendarDay',
          tags: ['calendar'],
          summary: 'Lunar date, festivals, solar term and kind of day (holiday, 调休上班, weekend, workday)',
          querystring: CalendarDayQuery,
          response: { 200: CalendarDay },
        },
      },
      async (req) => calendar.getDay(req.actor(), req.query.date),
    );

    app.get(
      '/calendar/holidays',
      {
        schema: {
          operationId: 'listHolidays',
          tags: ['calendar'],
          summary: "A year's official holidays and make-up workdays, and whether the year is entered",
          querystring: HolidaysQuery,
          response: { 200: HolidayList },
        },
      },
      async (req) => calendar.listHolidays(req.actor(), req.query.year),
    );

    app.put(
      '/calendar/holidays/:date',
      {
        schema: {
          operationId: 'upsertHoliday',
          tags: ['calendar'],
          summary: 'Enter or correct a holiday or make-up workday (admin); optional version / If-Match',
          params: CalendarDateParams,
          body: UpsertHolidayBody,
          response: { 200: CalendarEntry },
        },
      },
      async (req, reply) => {
        const e = await calendar.upsertHoliday(
          req.actor(),
          req.params.date,
          req.body,
          ifMatchVersion(req.headers['if-match']),
        );
        reply.header('ETag', `"${e.version}"`);
        return e;
      },
    );

    app.delete(
      '/calendar/holidays/:date',
      {
        schema: {
          operationId: 'deleteHoliday',
          tags: ['calendar'],
          summary: "Delete an admin's entry, or revert an admin's change of an official date (admin)",
          params: CalendarDateParams,
          response: { 200: DeleteHolidayResult },
        },
      },
      async (req) => calendar.deleteHoliday(req.actor(), req.params.date),
    );

    app.get(
      '/plate-restriction',
      {
        schema: {
          operationId: 'getPlateRestriction',
          tags: ['calendar'],
          summary:
            'Restricted tail digits (尾号限行) of a city on a date, with the reason; optionally for a plate',
          querystring: PlateRestrictionQuery,
          response: { 200: PlateRestriction },
        },
      },
      async (req) => calendar.getRestriction(req.actor(), req.query),
    );

    app.get(
      '/plate-rules',
      {
        schema: {
          operationId: 'listPlateRules',
          tags: ['calendar'],
          summary: "Every city's plate-restriction rule with its recent one-off overrides",
          response: { 200: z.array(PlateRule) },
        },
      },
      async (req) => calendar.listPlateRules(req.actor()),
    );

    app.put(
      '/plate-rules/:city',
      {
        schema: {
          operationId: 'updatePlateRule',
          tags: ['calendar'],
          summary:
            "Replace a city's rule (admin; version or If-Match, 412 when stale); a new code creates one",
          params: PlateCityParams,
          body: PlateRuleBody,
          response: { 200: PlateRule },
        },
      },
      async (req, reply) => {
        const r = await calendar.updatePlateRule(
          req.actor(),
          req.params.city,
          req.body,
          ifMatchVersion(req.headers['if-match']),
        );
        reply.header('ETag', `"${r.version}"`);
        return r;
      },
    );

    app.post(
      '/plate-rules/:city/overrides',
      {
        schema: {
          operationId: 'addPlateOverride',
          tags: ['calendar'],
          summary: 'A one-off arrangement for a date: other digits, none, or odd/even (单双号) (admin)',
          params: PlateCityParams,
          body: AddPlateOverrideBody,
          response: { 201: PlateOverride },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await calendar.addPlateOverride(req.actor(), req.params.city, req.body)),
    );

    app.delete(
      '/plate-rules/:city/overrides/:date',
      {
        schema: {
          operationId: 'deletePlateOverride',
          tags: ['calendar'],
          summary: 'Remove the one-off arrangement of a date (admin)',
          params: PlateOverrideParams,
          response: { 200: Ok },
        },
      },
      async (req) => {
        await calendar.deletePlateOverride(req.actor(), req.params.city, req.params.date);
        return { ok: true as const };
      },
    );
  };
