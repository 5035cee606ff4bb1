import { useQuery } from '@tanstack/react-query';
import { planApi } from '../../../../api/endpoints';
import type { ListPlanMeasuresQuery, PlanMeasure } from '../../../../api/types';

/** Query keys of the plan: everything of an estate under `['plan', estateId]`. */
export const planKeys = {
  all: (estateId: string) => ['plan', estateId] as const,
  stages: (estateId: string) => ['plan', estateId, 'stages'] as const,
  measures: (estateId: string, q: ListPlanMeasuresQuery) => ['plan', estateId, 'measures', q] as const,
  measure: (estateId: string, id: string) => ['plan', estateId, 'measure', id] as const,
  history: (estateId: string, id: string) => ['plan', estateId, 'measure', id, 'history'] as const,
};

/** The six stages with their active measure counts. */
export function usePlanStages(estateId: string) {
  return useQuery({
    queryKey: planKeys.stages(estateId),
    queryFn: () => planApi.stages(estateId),
    enabled: !!estateId,
    staleTime: 60_000,
  });
}

/** The measures matching the filters (retired ones included unless filtered out). */
export function usePlanMeasures(estateId: string, q: ListPlanMeasuresQuery) {
  return useQuery({
    queryKey: planKeys.measures(estateId, q),
    queryFn: () => planApi.measures(estateId, q),
    enabled: !!estateId,
    placeholderData: (prev) => prev,
  });
}

/** One measure (seeded from the list row while it loads). */
export function usePlanMeasure(estateId: string, id: string | null, seed?: PlanMeasure) {
  return useQuery({
    queryKey: planKeys.measure(estateId, id ?? ''),
    queryFn: () => planApi.measure(estateId, id ?? ''),
    enabled: !!estateId && !!id,
    initialData: seed && seed.id === id ? seed : undefined,
    initialDataUpdatedAt: 0,
  });
}

/** Who changed a measure, when and what, newest first. */
export function usePlanHistory(estateId: string, id: string, enabled: boolean) {
  return useQuery({
    queryKey: planKeys.history(estateId, id),
    queryFn: () => planApi.history(estateId, id),
    enabled: enabled && !!estateId && !!id,
  });
}
