import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type ListRatingCardsQuery,
  type PublicRatingCard,
  RATING_CRITERIA,
  type RatingCard,
  type RatingFigures,
  type RatingLink,
  type SubmitRatingBody,
} from '../../../contract/ratings.js';
import type { RevisitPolicy } from '../../../contract/service-requests.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { fromJson, localDate, toIso } from '../../lib/dates.js';
import type { Lang } from '../../lib/i18n.js';
import { newId, newToken } from '../../lib/ids.js';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, can, inScope, requireCap, requireEstate } from '../auth/index.js';
import { deadlinesFromPlan, type FollowupDeadlines, type PlanCommitmentsFn } from './rating.deadlines.js';
import { RatingErrors } from './rating.errors.js';
import { cardStatus, toRatingCard } from './rating.mapper.js';
import { type CardPdf, renderCardPdf } from './rating.pdf.js';
import * as repo from './rating.repository.js';
import {
  computeRatingFigures,
  days,
  hours,
  lowCriteria,
  RATING_DEFAULTS,
  type RatingSettings,
} from './rating.rules.js';
import * as rv from './revisit.repository.js';
import { createRevisitOps } from './revisit.service.js';

export type RatingService = ReturnType<typeof createRatingService>;

export interface RatingDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  settings?: Partial<RatingSettings>;
  /**
   * The estate's plan commitments (`plan.commitmentsOf`): revisit deadlines follow the T4, T6
   * and E15 targets in effect on the day of the event. Without it, or for an estate without
   * those commitments, the settings' defaults apply (48 hours, 30 days, 7 days).
   */
  planCommitments?: PlanCommitmentsFn;
  /** Where the CJK font for the printed card lives (tests point it elsewhere for the fallback). */
  fontPath?: string;
}

/** SHA-256 of a card token: the only form in which tokens are stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const CRITERIA_ZH: Record<string, string> = {
  punctuality: '准时',
  attitude: '态度',
  skill: '技能',
  tidiness: '整洁',
  overall: '总体',
};

/**
 * Service supervision cards (服务监督卡, T3) and revisits (T4, T6, E15). A card exists for every
 * completed request of a catalog entry that asks for one; the resident opens it by an
 * unguessable link without logging in and rates it once. Links are issued per hand-over (the
 * printed card, a message) and only their SHA-256 is stored, so any issued link works until the
 * card is used or expires. Failed token lookups are counted per address in the database.
 */
export function createRatingService(deps: RatingDeps) {
  const { db, clock, audit } = deps;
  const settings: RatingSettings = { ...RATING_DEFAULTS, ...deps.settings };
  const revisits = createRevisitOps({ db, clock, audit });

  /**
   * The revisit deadlines of an event at `at` in an estate. Read before a transaction opens:
   * the plan service reads through its own connection.
   */
  async function deadlinesAt(estateId: string, at: Date): Promise<FollowupDeadlines> {
    if (!deps.planCommitments) return settings;
    const [commitments, estate] = await Promise.all([
      deps.planCommitments(estateId),
      repo.estateName(db, estateId),
    ]);
    return deadlinesFromPlan(commitments, localDate(at, estate?.time_zone || 'Asia/Shanghai'), settings);
  }

  const policyOf = (r: repo.RequestForCard) => fromJson<Partial<RevisitPolicy>>(r.revisit_policy, {});

  /** Card and follow-up revisits of a completed request (idempotent). */
  async function followUp(req: repo.RequestForCard): Promise<{ card: boolean; revisits: number }> {
    if (req.status !== 'completed' || !req.completed_at) return { card: false, revisits: 0 };
    const completedAt = new Date(toIso(req.completed_at)!);
    const now = clock.now().toISOString();
    const deadlines = await deadlinesAt(req.estate_id, completedAt);
    return db.transaction().execute(async (trx) => {
      let card = false;
      if (Number(req.supervision_card) === 1)
        card = await repo.insertCard(trx, {
          estate_id: req.estate_id,
          id: newId(),
          request_id: req.id,
          household_id: req.household_id,
          team_code: req.team_code,
          service_name_zh: req.service_name_zh,
          service_name_en: req.service_name_en,
          technician_id: req.assignee_id,
          technician_name: req.assignee_name,
          completed_at: completedAt.toISOString(),
          expires_at: new Date(completedAt.getTime() + days(settings.cardTtlDays)).toISOString(),
          status: 'pending',
          version: 1,
          created_at: now,
          updated_at: now,
        });
      const n = await revisits.createFollowUps(trx, req, policyOf(req).afterDays, deadlines);
      return { card, revisits: n };
    });
  }

  /** Loads a request for staff work on its card: dispatchers, its assignee, or its team. */
  async function loadRequest(actor: Actor, requestId: string): Promise<repo.RequestForCard> {
    requireCap(actor, 'request.work');
    const req = await repo.findRequestForCard(db, requestId);
    const notFound = () => RatingErrors.make('CARD_NOT_FOUND').asDenial();
    if (!req || !inScope(actor, req.estate_id)) throw notFound();
    if (can(actor, 'request.dispatch') || req.assignee_id === actor.id) return req;
    const teams = await repo.teamsOf(db, actor.id);
    if (teams.some((t) => t.estateId === req.estate_id && t.teamCode === req.team_code)) return req;
    throw notFound();
  }

  /** A new link for a pending card: only the hash is stored. */
  async function issue(
    actor: Actor,
    requestId: string,
    baseUrl: string,
    channel: 'print' | 'link',
  ): Promise<{ req: repo.RequestForCard; card: repo.CardRow; link: RatingLink }> {
    const req = await loadRequest(actor, requestId);
    if (req.status !== 'completed') throw RatingErrors.make('REQUEST_NOT_COMPLETED');
    if (Number(req.supervision_card) !== 1) throw RatingErrors.make('CARD_NOT_OFFERED');
    // Self-healing when the completion hook has not run (yet): the card is made here.
    let card = await repo.findCardOfRequest(db, req.estate_id, req.id);
    if (!card) {
      await followUp(req);
      card = (await repo.findCardOfRequest(db, req.estate_id, req.id))!;
    }
    const status = cardStatus(card, clock.now());
    if (status === 'submitted') throw RatingErrors.make('CARD_ALREADY_SUBMITTED');
    if (status === 'expired') throw RatingErrors.make('CARD_EXPIRED');
    const token = newToken();
    const at = clock.now().toISOString();
    await db.transaction().execute(async (trx) => {
      await repo.insertLink(trx, {
        estate_id: card.estate_id,
        token_hash: hashToken(token),
        card_id: card.id,
        channel,
        issued_at: at,
        issued_by: actor.id,
      });
      await audit.record(
        {
          actor,
          action: 'rating_card.issue_link',
          estateId: card.estate_id,
          targetType: 'rating_card',
          targetId: card.id,
          details: { channel, requestId: req.id },
        },
        trx,
      );
    });
    const path = `/r/${token}`;
    return {
      req,
      card,
      link: { cardId: card.id, path, url: `${baseUrl}${path}`, expiresAt: toIso(card.expires_at)! },
    };
  }

  /** Resolves a token to its card; counts and throttles failed lookups per client address. */
  async function byToken(token: string, ip: string): Promise<repo.CardRow> {
    const now = clock.now();
    const since = new Date(now.getTime() - settings.guessWindowMinutes * 60_000).toISOString();
    if ((await repo.countFailures(db, ip, since)) >= settings.guessMaxFailures)
      throw RatingErrors.make('CARD_GUESS_THROTTLED');
    const card = token.length <= 200 ? await repo.findCardByTokenHash(db, hashToken(token)) : undefined;
    if (!card) {
      await repo.insertFailure(db, { id: newId(), at: now.toISOString(), ip });
      await audit.record({ action: 'rating_card.token_unknown', outcome: 'failure', ip });
      throw RatingErrors.make('CARD_NOT_FOUND');
    }
    const status = cardStatus(card, now);
    if (status === 'submitted') throw RatingErrors.make('CARD_ALREADY_SUBMITTED');
    if (status === 'expired') throw RatingErrors.make('CARD_EXPIRED');
    return card;
  }

  return {
    settings,

    /**
     * Called by the completion path of service requests: the card (when the catalog entry asks
     * for one) and the routine and front-line revisits. Idempotent; a no-op unless completed.
     */
    async onRequestCompleted(requestId: string) {
      const req = await repo.findRequestForCard(db, requestId);
      return req ? followUp(req) : { card: false, revisits: 0 };
    },

    /**
     * The sweep (scheduler, or after an import): cards and follow-ups for every request of the
     * estate completed in the last `sinceDays` days that lacks them. Safe to run anywhere, twice.
     */
    async ensureCardsForCompleted(estateId: string, now: Date = clock.now(), sinceDays = 45) {
      const since = new Date(now.getTime() - days(sinceDays)).toISOString();
      const rows = await repo.completedWithoutFollowUp(db, estateId, since);
      let cards = 0;
      let created = 0;
      for (const r of rows) {
        const req = await repo.findRequestForCard(db, r.id);
        if (!req) continue;
        const done = await followUp(req);
        cards += Number(done.card);
        created += done.revisits;
      }
      return { scanned: rows.length, cards, revisits: created };
    },

    /** A fresh link to the card, e.g. for a message to the resident; old links stay valid. */
    async issueLink(actor: Actor, requestId: string, baseUrl: string): Promise<RatingLink> {
      return (await issue(actor, requestId, baseUrl, 'link')).link;
    },

    /** The printable A6 card with the QR code of a fresh link. */
    async cardPdf(actor: Actor, requestId: string, baseUrl: string): Promise<CardPdf & { cardId: string }> {
      const { req, card, link } = await issue(actor, requestId, baseUrl, 'print');
      const estate = await repo.estateName(db, req.estate_id);
      const tz = estate?.time_zone || 'Asia/Shanghai';
      const pdf = await renderCardPdf(
        {
          estateName: estate?.name ?? '',
          estateNameEn: estate?.name_en,
          serviceName: card.service_name_zh,
          serviceNameEn: card.service_name_en,
          serviceDate: localDate(new Date(toIso(card.completed_at)!), tz),
          technicianName: card.technician_name,
          url: link.url,
          validUntil: localDate(new Date(new Date(toIso(card.expires_at)!).getTime() - 1), tz),
        },
        deps.fontPath,
      );
      return { ...pdf, cardId: card.id };
    },

    /** What the resident sees by the link: estate, service, date, technician's name (no phone). */
    async getPublic(token: string, ip: string): Promise<PublicRatingCard> {
      const card = await byToken(token, ip);
      const estate = await repo.estateName(db, card.estate_id);
      return {
        estateName: estate?.name ?? '',
        serviceName: card.service_name_zh,
        serviceNameEn: card.service_name_en,
        serviceDate: localDate(new Date(toIso(card.completed_at)!), estate?.time_zone || 'Asia/Shanghai'),
        technicianName: card.technician_name,
        status: cardStatus(card, clock.now()),
        expiresAt: toIso(card.expires_at)!,
        criteria: [...RATING_CRITERIA],
      };
    },

    /**
     * The resident's rating, once. A low score (any criterion at or below the entry's threshold)
     * opens a revisit for the team's supervisor; a comment gets a reply deadline.
     */
    async submit(token: string, input: SubmitRatingBody, ip: string, lang: Lang) {
      const card = await byToken(token, ip);
      const req = (await repo.findRequestForCard(db, card.request_id))!;
      const threshold = policyOf(req).lowScoreThreshold ?? settings.lowScoreThreshold;
      const low = lowCriteria(input, threshold);
      const now = clock.now();
      const at = now.toISOString();
      const comment = input.comment?.trim() || null;
      const lowScoreDueHours = low.length ? (await deadlinesAt(card.estate_id, now)).lowScoreDueHours : 0;
      await db.transaction().execute(async (trx) => {
        const won = await repo.submitCard(
          trx,
          { estateId: card.estate_id, id: card.id, now: at },
          {
            status: 'submitted',
            punctuality: input.punctuality,
            attitude: input.attitude,
            skill: input.skill,
            tidiness: input.tidiness,
            overall: input.overall,
            comment,
            submitted_at: at,
            reply_due_at: comment
              ? new Date(now.getTime() + hours(settings.replyWithinHours)).toISOString()
              : null,
            updated_at: at,
          },
        );
        if (!won) {
          const cur = await repo.findCard(trx, card.id);
          if (cur && cardStatus(cur, now) === 'expired') throw RatingErrors.make('CARD_EXPIRED');
          throw RatingErrors.make('CARD_ALREADY_SUBMITTED');
        }
        if (low.length) {
          const reason = low.map((c) => `${CRITERIA_ZH[c]} ${input[c as keyof typeof input]}`).join('；');
          await revisits.createLowScore(trx, req, card.id, reason, lowScoreDueHours);
        }
        await audit.record(
          {
            action: 'rating_card.submit',
            estateId: card.estate_id,
            targetType: 'rating_card',
            targetId: card.id,
            ip,
            details: { requestId: card.request_id, overall: input.overall, low, comment: comment !== null },
          },
          trx,
        );
      });
      return {
        status: 'submitted' as const,
        message: lang === 'en' ? 'Thank you for your rating!' : '感谢您的评价！',
      };
    },

    /** The team's reply to a resident's comment (dispatchers or members of the team). */
    async reply(actor: Actor, cardId: string, text: string): Promise<RatingCard> {
      requireCap(actor, 'request.work');
      const card = await repo.findCard(db, cardId);
      if (!card || !inScope(actor, card.estate_id)) throw RatingErrors.make('CARD_NOT_FOUND').asDenial();
      if (!can(actor, 'request.dispatch') && card.technician_id !== actor.id) {
        const teams = await repo.teamsOf(db, actor.id);
        if (!teams.some((t) => t.estateId === card.estate_id && t.teamCode === card.team_code))
          throw RatingErrors.make('CARD_REPLY_NOT_ALLOWED').asDenial();
      }
      if (card.status !== 'submitted' || !card.comment) throw RatingErrors.make('CARD_NO_COMMENT');
      if (card.replied_at) throw RatingErrors.make('CARD_ALREADY_REPLIED');
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const won = await repo.replyCard(
          trx,
          { estateId: card.estate_id, id: card.id },
          {
            reply: text,
            replied_at: at,
            replied_by: actor.id,
            replied_by_name: actor.displayName,
            updated_at: at,
          },
        );
        if (!won) throw RatingErrors.make('CARD_ALREADY_REPLIED');
        await audit.record(
          {
            actor,
            action: 'rating_card.reply',
            estateId: card.estate_id,
            targetType: 'rating_card',
            targetId: card.id,
            details: { onTime: !card.reply_due_at || at <= toIso(card.reply_due_at)! },
          },
          trx,
        );
      });
      return toRatingCard((await repo.findCard(db, card.id))!, clock.now());
    },

    /** Cards of an estate, newest first; non-dispatchers see their team's cards and own jobs. */
    async listCards(actor: Actor, q: ListRatingCardsQuery): Promise<Page<RatingCard>> {
      requireCap(actor, 'request.work');
      requireEstate(actor, q.estateId);
      const c = decodeCursor(q.cursor);
      const visibleTo = can(actor, 'request.dispatch')
        ? undefined
        : {
            actorId: actor.id,
            teams: (await repo.teamsOf(db, actor.id))
              .filter((t) => t.estateId === q.estateId)
              .map((t) => t.teamCode),
          };
      const rows = await repo.listCards(db, {
        estateId: q.estateId,
        status: q.status,
        team: q.team,
        requestId: q.requestId,
        visibleTo,
        after: c && c.length === 2 ? { createdAt: String(c[0]), id: String(c[1]) } : undefined,
        limit: q.limit,
      });
      const now = clock.now();
      return toPage(
        rows,
        q.limit,
        (r) => [toIso(r.created_at)!, r.id],
        (r) => toRatingCard(r, now),
      );
    },

    listRevisits: revisits.list,
    completeRevisit: revisits.complete,

    /**
     * KPI figures: cards rated in [from, to) (averages, comments replied in time) and revisits
     * due in [from, to) (done on time, late, overdue at the clock's now). For system code: the
     * KPI board checks the actor's scope before calling.
     */
    async figures(
      estateId: string,
      from: Date,
      to: Date,
      f: { team?: string; assigneeId?: string } = {},
    ): Promise<RatingFigures> {
      const [cards, due] = await Promise.all([
        repo.cardsSubmittedBetween(db, estateId, from.toISOString(), to.toISOString(), f),
        rv.revisitsDueBetween(db, estateId, from.toISOString(), to.toISOString(), f),
      ]);
      const d = (v: Date | string | null) => (v === null ? null : new Date(toIso(v)!));
      return computeRatingFigures(
        cards.map((c) => ({
          punctuality: Number(c.punctuality),
          attitude: Number(c.attitude),
          skill: Number(c.skill),
          tidiness: Number(c.tidiness),
          overall: Number(c.overall),
          comment: c.comment,
          replyDueAt: d(c.reply_due_at),
          repliedAt: d(c.replied_at),
        })),
        due.map((r) => ({ status: r.status, dueAt: d(r.due_at)!, completedAt: d(r.completed_at) })),
        clock.now(),
        settings.lowScoreThreshold,
      );
    },

    /** Drops failed-guess records that no longer count (scheduler). */
    async pruneGuessFailures(now: Date = clock.now()) {
      return repo.pruneFailures(db, new Date(now.getTime() - days(1)).toISOString());
    },
  };
}

/** The KPI figures function alone, for the KPI board's narrow dependency. */
export type RatingFiguresFn = RatingService['figures'];
