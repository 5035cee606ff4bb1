import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type * as C from '../../../../../contract/index.js';
import { api } from '../../../../api/client';

export type Tip = C.Tip;
export type TipCategory = C.TipCategory;
export type Season = C.Season;
export type TipProposals = C.TipProposals;
export type CreateTipBody = z.input<typeof C.CreateTipBody>;
export type UpdateTipBody = z.input<typeof C.UpdateTipBody>;
export type PostTipAsNoticeBody = z.input<typeof C.PostTipAsNoticeBody>;

// Enum values repeated so that the bundle does not pull zod in; `satisfies` keeps them in step.
export const TIP_CATEGORIES = ['utilities', 'plants', 'health'] as const satisfies typeof C.TIP_CATEGORIES;
export const SEASONS = ['spring', 'summer', 'autumn', 'winter'] as const satisfies typeof C.SEASONS;
export const SOLAR_TERMS = [
  '小寒',
  '大寒',
  '立春',
  '雨水',
  '惊蛰',
  '春分',
  '清明',
  '谷雨',
  '立夏',
  '小满',
  '芒种',
  '夏至',
  '小暑',
  '大暑',
  '立秋',
  '处暑',
  '白露',
  '秋分',
  '寒露',
  '霜降',
  '立冬',
  '小雪',
  '大雪',
  '冬至',
] as const satisfies typeof C.SOLAR_TERMS;

/** The tips library endpoints (contract/tips.ts). */
export const tipsApi = {
  list: (estateId: string, q: { category?: TipCategory; season?: Season }) =>
    api.get<Tip[]>(`/estates/${estateId}/tips`, q),
  proposals: (estateId: string, date?: string) =>
    api.get<TipProposals>(`/estates/${estateId}/tip-proposals`, { date }),
  create: (estateId: string, body: CreateTipBody) => api.post<Tip>(`/estates/${estateId}/tips`, body),
  update: (estateId: string, id: string, body: UpdateTipBody) =>
    api.patch<Tip>(`/estates/${estateId}/tips/${id}`, body),
  postAsNotice: (estateId: string, id: string, body: PostTipAsNoticeBody) =>
    api.post<C.BoardNotice>(`/estates/${estateId}/tips/${id}/notice`, body),
};

const keys = {
  all: ['tips'] as const,
  list: (estateId: string, q: object) => ['tips', 'list', estateId, q] as const,
  proposals: (estateId: string) => ['tips', 'proposals', estateId] as const,
};

export function useTipList(estateId: string, q: { category?: TipCategory; season?: Season }) {
  return useQuery({
    queryKey: keys.list(estateId, q),
    queryFn: () => tipsApi.list(estateId, q),
    enabled: !!estateId,
  });
}

export function useTipProposals(estateId: string) {
  return useQuery({
    queryKey: keys.proposals(estateId),
    queryFn: () => tipsApi.proposals(estateId),
    enabled: !!estateId,
  });
}

/** Create or edit a tip; the library and the proposals refresh afterwards. */
export function useSaveTip(estateId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id?: string; body: CreateTipBody | UpdateTipBody }) =>
      v.id
        ? tipsApi.update(estateId, v.id, v.body as UpdateTipBody)
        : tipsApi.create(estateId, v.body as CreateTipBody),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.all }),
  });
}

export function usePostTipAsNotice(estateId: string) {
  return useMutation({
    mutationFn: (v: { id: string; body: PostTipAsNoticeBody }) =>
      tipsApi.postAsNotice(estateId, v.id, v.body),
  });
}
