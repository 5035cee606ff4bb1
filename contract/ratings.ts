import { z } from 'zod';
import { IsoDateTime, PageQuery } from './common.js';

/** The five criteria of the supervision card (服务监督卡), in display order. */
export const RATING_CRITERIA = ['punctuality', 'attitude', 'skill', 'tidiness', 'overall'] as const;
export type RatingCriterion = (typeof RATING_CRITERIA)[number];

const Score = z.number().int().min(1).max(5);

export const RatingScores = z.object({
  punctuality: Score.describe('准时 1–5'),
  attitude: Score.describe('态度 1–5'),
  skill: Score.describe('技能 1–5'),
  tidiness: Score.describe('整洁 1–5'),
  overall: Score.describe('总体满意度 1–5'),
});
export type RatingScores = z.infer<typeof RatingScores>;

export const CardStatus = z.enum(['pending', 'submitted', 'expired']);
export type CardStatus = z.infer<typeof CardStatus>;

/** What the resident sees on the public rating page: no phone numbers, no internal notes. */
export const PublicRatingCard = z.object({
  estateName: z.string(),
  serviceName: z.string(),
  serviceNameEn: z.string().nullable(),
  /** The day the job was completed (YYYY-MM-DD, estate time zone). */
  serviceDate: z.string(),
  technicianName: z.string().nullable(),
  status: CardStatus,
  expiresAt: IsoDateTime,
  criteria: z.array(z.enum(RATING_CRITERIA)),
});
export type PublicRatingCard = z.infer<typeof PublicRatingCard>;

export const SubmitRatingBody = RatingScores.extend({
  comment: z.string().trim().max(1000).optional().describe('Optional comment: the team replies to every one'),
}).strict();
export type SubmitRatingBody = z.infer<typeof SubmitRatingBody>;

export const RatingSubmitted = z.object({
  status: z.literal('submitted'),
  message: z.string().describe("Thanks, in the request's language"),
});

/** Reply to a comment against its deadline: on time, late, still open (pending) or overdue. */
export const ReplyState = z.enum(['none', 'pending', 'on_time', 'late', 'overdue']);
export type ReplyState = z.infer<typeof ReplyState>;

/** A card as staff see it. */
export const RatingCard = z.object({
  id: z.string(),
  estateId: z.string(),
  requestId: z.string(),
  householdId: z.string().nullable(),
  team: z.string(),
  serviceName: z.string(),
  serviceNameEn: z.string().nullable(),
  technicianId: z.string().nullable(),
  technicianName: z.string().nullable(),
  completedAt: IsoDateTime,
  expiresAt: IsoDateTime,
  status: CardStatus,
  scores: RatingScores.nullable(),
  comment: z.string().nullable(),
  submittedAt: IsoDateTime.nullable(),
  reply: z.string().nullable(),
  replyDueAt: IsoDateTime.nullable(),
  repliedAt: IsoDateTime.nullable(),
  repliedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  replyState: ReplyState,
  version: z.number().int(),
});
export type RatingCard = z.infer<typeof RatingCard>;

export const ListRatingCardsQuery = PageQuery.extend({
  estateId: z.string().min(1).max(64),
  status: z.enum(['submitted', 'pending', 'comment_unreplied']).optional(),
  team: z.string().max(40).optional(),
  requestId: z.string().min(1).max(64).optional().describe('The card of one service request'),
});
export type ListRatingCardsQuery = z.infer<typeof ListRatingCardsQuery>;

export const ReplyBody = z.object({ text: z.string().trim().min(1).max(1000) }).strict();

/** A link to the card for a message (WeChat, SMS): each issue is a new token, the old ones stay valid. */
export const RatingLink = z.object({
  cardId: z.string(),
  /** Relative link `/r/<token>`, for any host. */
  path: z.string(),
  url: z.string(),
  expiresAt: IsoDateTime,
});
export type RatingLink = z.infer<typeof RatingLink>;

export const RevisitKind = z.enum(['low_score', 'routine_30d', 'front_line_follow_up']);
export type RevisitKind = z.infer<typeof RevisitKind>;
export const RevisitState = z.enum(['open', 'overdue', 'done']);

export const Revisit = z.object({
  id: z.string(),
  estateId: z.string(),
  requestId: z.string(),
  kind: RevisitKind,
  cardId: z.string().nullable(),
  householdId: z.string().nullable(),
  roomCode: z.string().nullable(),
  serviceName: z.string(),
  serviceNameEn: z.string().nullable(),
  team: z.string(),
  owner: z.object({ id: z.string(), name: z.string() }).nullable(),
  reason: z.string().nullable(),
  dueAt: IsoDateTime,
  state: RevisitState,
  overdue: z.boolean(),
  /** A low-score revisit needs a written analysis and planned adjustment before the visit. */
  analysisRequired: z.boolean(),
  analysis: z.string().nullable(),
  adjustment: z.string().nullable(),
  outcome: z.string().nullable(),
  completedAt: IsoDateTime.nullable(),
  completedBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  doneOnTime: z.boolean().nullable(),
  version: z.number().int(),
});
export type Revisit = z.infer<typeof Revisit>;

export const ListRevisitsQuery = PageQuery.extend({
  estateId: z.string().min(1).max(64).optional(),
  owner: z.string().max(64).optional().describe("'me' or an account id"),
  status: z.enum(['open', 'done', 'overdue']).optional(),
  kind: RevisitKind.optional(),
});
export type ListRevisitsQuery = z.infer<typeof ListRevisitsQuery>;

/** Minimum length of the written analysis and adjustment of a low-score revisit. */
export const MIN_ANALYSIS_CHARS = 10;

export const CompleteRevisitBody = z
  .object({
    analysis: z.string().trim().max(2000).optional().describe('Why the score was low (low-score revisits)'),
    adjustment: z.string().trim().max(2000).optional().describe('What will change (low-score revisits)'),
    outcome: z.string().trim().min(2).max(2000).describe('What the resident said, what was done'),
    version: z.number().int().min(1).optional(),
  })
  .strict();
export type CompleteRevisitBody = z.infer<typeof CompleteRevisitBody>;

/** Figures for the KPI board (promise keeping), per estate, team, person and period. */
export const RatingFigures = z.object({
  rated: z.number().int(),
  averages: RatingScores.extend({
    punctuality: z.number(),
    attitude: z.number(),
    skill: z.number(),
    tidiness: z.number(),
    overall: z.number(),
  }).nullable(),
  lowScores: z.number().int(),
  comments: z.number().int(),
  commentsRepliedOnTime: z.number().int(),
  replyOnTimeShare: z.number().nullable(),
  revisits: z.object({
    due: z.number().int(),
    doneOnTime: z.number().int(),
    doneLate: z.number().int(),
    overdue: z.number().int(),
    onTimeShare: z.number().nullable(),
  }),
});
export type RatingFigures = z.infer<typeof RatingFigures>;
