import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../../contract/common.js';
import {
  CompleteRevisitBody,
  ListRatingCardsQuery,
  ListRevisitsQuery,
  PublicRatingCard,
  RatingCard,
  RatingLink,
  RatingSubmitted,
  ReplyBody,
  Revisit,
  SubmitRatingBody,
} from '../../../contract/ratings.js';
import { ifMatchVersion } from '../auth/index.js';
import type { RatingService } from './rating.service.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
// Any string is looked up (and counted when unknown) rather than rejected by shape.
const TokenParams = z.object({ token: z.string().min(1).max(300) });
const tags = ['ratings'];

/** The absolute origin of this request (the link in the QR code works wherever the console is served). */
function baseUrl(req: FastifyRequest): string {
  return `${req.protocol}://${req.headers.host ?? 'localhost'}`;
}

/** Supervision cards (public rating by token, printing, replies) and revisits. */
export const ratingRoutes =
  (service: RatingService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/public/rating-cards/:token',
      {
        schema: {
          operationId: 'getRatingCard',
          tags,
          security: [],
          summary:
            'The rating page of a supervision card, by its link token (no login): 404 unknown, 410 expired, 409 used',
          params: TokenParams,
          response: { 200: PublicRatingCard },
        },
      },
      async (req) => service.getPublic(req.params.token, req.ip),
    );

    app.post(
      '/public/rating-cards/:token',
      {
        schema: {
          operationId: 'submitRating',
          tags,
          security: [],
          summary: 'The resident scores the service once (no login); a second submission gets 409',
          params: TokenParams,
          body: SubmitRatingBody,
          response: { 200: RatingSubmitted },
        },
      },
      async (req) => service.submit(req.params.token, req.body, req.ip, req.lang),
    );

    app.get(
      '/service-requests/:id/rating-card.pdf',
      {
        schema: {
          operationId: 'getRatingCardPdf',
          tags,
          summary: 'The printable A6 supervision card (PDF) with the QR code of a fresh rating link',
          params: IdParams,
          produces: ['application/pdf'],
        },
      },
      async (req, reply) => {
        const pdf = await service.cardPdf(req.actor(), req.params.id, baseUrl(req));
        return reply
          .type('application/pdf')
          .header('Content-Disposition', `inline; filename="rating-card-${pdf.cardId}.pdf"`)
          .header('X-Card-Font', pdf.cjk ? 'cjk' : 'fallback-latin')
          .send(pdf.bytes);
      },
    );

    app.post(
      '/service-requests/:id/rating-link',
      {
        schema: {
          operationId: 'issueRatingLink',
          tags,
          summary: 'A fresh rating link for a message to the resident (earlier links stay valid)',
          params: IdParams,
          response: { 200: RatingLink },
        },
      },
      async (req) => service.issueLink(req.actor(), req.params.id, baseUrl(req)),
    );

    app.get(
      '/rating-cards',
      {
        schema: {
          operationId: 'listRatingCards',
          tags,
          summary:
            'Supervision cards of an estate, newest first (submitted, pending, comments without reply)',
          querystring: ListRatingCardsQuery,
          response: { 200: pageOf(RatingCard) },
        },
      },
      async (req) => service.listCards(req.actor(), req.query),
    );

    app.post(
      '/rating-cards/:id/reply',
      {
        schema: {
          operationId: 'replyToRatingComment',
          tags,
          summary: "The team's reply to a resident's comment, tracked against the reply deadline",
          params: IdParams,
          body: ReplyBody,
          response: { 200: RatingCard },
        },
      },
      async (req) => service.reply(req.actor(), req.params.id, req.body.text),
    );

    app.get(
      '/revisits',
      {
        schema: {
          operationId: 'listRevisits',
          tags,
          summary: 'Revisits by due time: mine, one owner’s, or all (dispatchers); open, overdue or done',
          querystring: ListRevisitsQuery,
          response: { 200: pageOf(Revisit) },
        },
      },
      async (req) => service.listRevisits(req.actor(), req.query),
    );

    app.post(
      '/revisits/:id/complete',
      {
        schema: {
          operationId: 'completeRevisit',
          tags,
          summary: 'Close a revisit with its outcome; a low-score one also needs the analysis and adjustment',
          params: IdParams,
          body: CompleteRevisitBody,
          response: { 200: Revisit },
        },
      },
      async (req) =>
        service.completeRevisit(req.actor(), req.params.id, {
          ...req.body,
          version: req.body.version ?? ifMatchVersion(req.headers['if-match']),
        }),
    );
  };
