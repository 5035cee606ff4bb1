/**
 * API helpers for what follows a service request: supervision cards (T3), revisits (T4/T6/E15),
 * lending (T9/S9) and demand peaks (T6). Paths and shapes follow contract/ratings.ts and loans.ts.
 */
import type { z } from 'zod';
import type * as C from '../../contract/index.js';
import { api, apiUrl, type QueryValue } from './client';
import type { Page } from './types';

export type RatingCard = z.infer<typeof C.RatingCard>;
export type RatingLink = z.infer<typeof C.RatingLink>;
export type Revisit = z.infer<typeof C.Revisit>;
export type RevisitKind = z.infer<typeof C.RevisitKind>;
export type ListRatingCardsQuery = Omit<z.input<typeof C.ListRatingCardsQuery>, 'limit'> & { limit?: number };
export type ListRevisitsQuery = Omit<z.input<typeof C.ListRevisitsQuery>, 'limit'> & { limit?: number };
export type CompleteRevisitBody = z.input<typeof C.CompleteRevisitBody>;
export type LoanItem = z.infer<typeof C.LoanItem>;
export type Loan = z.infer<typeof C.Loan>;
export type LoanCondition = z.infer<typeof C.LoanCondition>;
export type CreateLoanBody = z.input<typeof C.CreateLoanBody>;
export type ListLoansQuery = Omit<z.input<typeof C.ListLoansQuery>, 'limit'> & { limit?: number };
export type DemandPeaks = z.infer<typeof C.DemandPeaks>;
export type DemandCell = z.infer<typeof C.DemandCell>;

// Enum values repeated here so the web bundle does not pull zod in; `satisfies` keeps them in step.
export const RATING_CRITERIA = [
  'punctuality',
  'attitude',
  'skill',
  'tidiness',
  'overall',
] as const satisfies typeof C.RATING_CRITERIA;
export const REVISIT_KINDS = ['low_score', 'routine_30d', 'front_line_follow_up'] as const satisfies Readonly<
  C.RevisitKind[]
>;
export const LOAN_CONDITIONS = ['ok', 'damaged', 'lost'] as const satisfies typeof C.LOAN_CONDITIONS;
export const LOAN_ITEM_KINDS = [
  'trolley',
  'bulb',
  'power_strip',
  'hose',
  'tool',
  'other',
] as const satisfies typeof C.LOAN_ITEM_KINDS;

type Query = Record<string, QueryValue>;
const enc = encodeURIComponent;

/** Supervision cards (服务监督卡): list, print, links and replies (`request.work`). */
export const ratingCardsApi = {
  /** Newest first; `requestId` finds the card of one request; non-dispatchers see their team's. */
  list: (q: ListRatingCardsQuery) => api.get<Page<RatingCard>>('/rating-cards', q as Query),
  /** The URL of the printable A6 card (PDF); every open issues a fresh link in the QR code. */
  pdfUrl: (requestId: string) => apiUrl(`/service-requests/${enc(requestId)}/rating-card.pdf`),
  /** A fresh rating link for a message; earlier links stay valid. 409 once rated, 410 expired. */
  issueLink: (requestId: string) => api.post<RatingLink>(`/service-requests/${enc(requestId)}/rating-link`),
  reply: (cardId: string, text: string) =>
    api.post<RatingCard>(`/rating-cards/${enc(cardId)}/reply`, { text }),
};

/** Revisits (回访): mine, or the team's for dispatchers. */
export const revisitsApi = {
  list: (q: ListRevisitsQuery) => api.get<Page<Revisit>>('/revisits', q as Query),
  /** A low-score revisit also needs the analysis and the adjustment (422 ANALYSIS_REQUIRED). */
  complete: (id: string, body: CompleteRevisitBody) =>
    api.post<Revisit>(`/revisits/${enc(id)}/complete`, body),
};

/** Lending of returnable items (借用) and demand peaks (需求高峰). */
export const loansApi = {
  items: (estateId: string) => api.get<LoanItem[]>(`/estates/${enc(estateId)}/loan-items`),
  list: (q: ListLoansQuery) => api.get<Page<Loan>>('/loans', q as Query),
  create: (body: CreateLoanBody) => api.post<Loan>('/loans', body),
  return: (id: string, condition: LoanCondition, note?: string) =>
    api.post<Loan>(`/loans/${enc(id)}/return`, { condition, note: note || undefined }),
  /** `request.dispatch`: requests by weekday × hour against staff on duty. */
  demandPeaks: (estateId: string, q: { weeks?: number; team?: string }) =>
    api.get<DemandPeaks>(`/estates/${enc(estateId)}/demand-peaks`, q),
};
