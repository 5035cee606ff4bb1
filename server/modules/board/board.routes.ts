import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Board,
  BoardEstateParams,
  BoardGreeting,
  BoardLink,
  BoardNotice,
  BoardTokenParams,
  CreateBoardNoticeBody,
  EnterWeatherBody,
  ListNoticesQuery,
  NoticeParams,
  PutWeatherSourceBody,
  UpdateBoardNoticeBody,
  UpsertBoardGreetingBody,
  Weather,
  WeatherDateParams,
  WeatherQuery,
  WeatherSource,
} from '../../../contract/board.js';
import { pageOf } from '../../../contract/common.js';
import { ifMatchVersion } from '../auth/index.js';
import type { BoardService } from './board.service.js';

const tags = ['board'];

function origin(req: FastifyRequest): string {
  return `${req.protocol}://${req.headers.host ?? 'localhost'}`;
}

/** Weather (staff), notices and greetings (managers), and the public entrance board by token. */
export const boardRoutes =
  (service: BoardService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/public/boards/:token',
      {
        schema: {
          operationId: 'getBoard',
          tags,
          security: [],
          summary:
            'The entrance board (门岗信息屏) by its token, no login: date, lunar date, weather, plate restriction, notices, greeting',
          params: BoardTokenParams,
          response: { 200: Board },
        },
      },
      async (req, reply) => {
        // The board polls every minute; nothing here may be cached by a proxy for longer.
        reply.header('Cache-Control', 'no-store');
        return service.getBoard(req.params.token);
      },
    );

    app.get(
      '/estates/:estateId/weather',
      {
        schema: {
          operationId: 'getWeather',
          tags,
          summary:
            'The forecast of a date: entered by hand, cached, from the provider, or the last known (stale)',
          params: BoardEstateParams,
          querystring: WeatherQuery,
          response: { 200: Weather },
        },
      },
      async (req) => service.getWeather(req.actor(), req.params.estateId, req.query.date),
    );

    app.put(
      '/estates/:estateId/weather/:date',
      {
        schema: {
          operationId: 'enterWeather',
          tags,
          summary: 'Enter the forecast of a date by hand (guard at the post); it wins over the provider',
          params: WeatherDateParams,
          body: EnterWeatherBody,
          response: { 200: Weather },
        },
      },
      async (req) => service.enterWeather(req.actor(), req.params.estateId, req.params.date, req.body),
    );

    app.get(
      '/estates/:estateId/weather-source',
      {
        schema: {
          operationId: 'getWeatherSource',
          tags,
          summary: 'The weather provider of the estate (never its keys), or null',
          params: BoardEstateParams,
          response: { 200: WeatherSource.nullable() },
        },
      },
      async (req) => service.getWeatherSource(req.actor(), req.params.estateId),
    );

    app.put(
      '/estates/:estateId/weather-source',
      {
        schema: {
          operationId: 'putWeatherSource',
          tags,
          summary: 'Choose the weather provider (QWeather, Open-Meteo, or by hand only); keys are sealed',
          params: BoardEstateParams,
          body: PutWeatherSourceBody,
          response: { 200: WeatherSource },
        },
      },
      async (req) => service.putWeatherSource(req.actor(), req.params.estateId, req.body),
    );

    app.get(
      '/estates/:estateId/board/notices',
      {
        schema: {
          operationId: 'listBoardNotices',
          tags,
          summary: 'Notices and warm tips of the entrance boards, newest first',
          params: BoardEstateParams,
          querystring: ListNoticesQuery,
          response: { 200: pageOf(BoardNotice) },
        },
      },
      async (req) => service.listNotices(req.actor(), req.params.estateId, req.query.activeOn),
    );

    app.post(
      '/estates/:estateId/board/notices',
      {
        schema: {
          operationId: 'createBoardNotice',
          tags,
          summary: 'Post a notice or warm tip (温馨提示) on every entrance board or one',
          params: BoardEstateParams,
          body: CreateBoardNoticeBody,
          response: { 201: BoardNotice },
        },
      },
      async (req, reply) =>
        reply.code(201).send(await service.createNotice(req.actor(), req.params.estateId, req.body)),
    );

    app.patch(
      '/estates/:estateId/board/notices/:noticeId',
      {
        schema: {
          operationId: 'updateBoardNotice',
          tags,
          summary: 'Change or withdraw a notice (version or If-Match required)',
          params: NoticeParams,
          body: UpdateBoardNoticeBody,
          response: { 200: BoardNotice },
        },
      },
      async (req) =>
        service.updateNotice(
          req.actor(),
          req.params.estateId,
          req.params.noticeId,
          req.body,
          ifMatchVersion(req.headers['if-match']),
        ),
    );

    app.get(
      '/estates/:estateId/board/greetings',
      {
        schema: {
          operationId: 'listBoardGreetings',
          tags,
          summary: 'Greeting lines for residents going out (出门有问候)',
          params: BoardEstateParams,
          response: { 200: pageOf(BoardGreeting) },
        },
      },
      async (req) => service.listGreetings(req.actor(), req.params.estateId),
    );

    app.post(
      '/estates/:estateId/board/greetings',
      {
        schema: {
          operationId: 'upsertBoardGreeting',
          tags,
          summary: 'Add a greeting line, or change one (id and version)',
          params: BoardEstateParams,
          body: UpsertBoardGreetingBody,
          response: { 200: BoardGreeting },
        },
      },
      async (req) =>
        service.upsertGreeting(
          req.actor(),
          req.params.estateId,
          req.body,
          ifMatchVersion(req.headers['if-match']),
        ),
    );

    app.get(
      '/estates/:estateId/boards',
      {
        schema: {
          operationId: 'listBoards',
          tags,
          summary: 'The entrances of the estate with the address of each board',
          params: BoardEstateParams,
          response: { 200: z.object({ items: z.array(BoardLink), nextCursor: z.null() }) },
        },
      },
      async (req) => service.listBoards(req.actor(), req.params.estateId, origin(req)),
    );
  };
