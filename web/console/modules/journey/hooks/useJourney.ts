import { useQuery } from '@tanstack/react-query';
import type { JourneyFunnel, JourneyStuck } from '../../../../../contract/journey.js';
import type { PlanStageCode } from '../../../../../contract/plan.js';
import { api, downloadFile } from '../../../../api/client';

const enc = encodeURIComponent;

export type {
  JourneyFunnel,
  JourneyStage,
  JourneyStuck,
  StuckHousehold,
} from '../../../../../contract/journey.js';
export type { PlanStageCode };

/** The customer-journey operations (getJourneyFunnel, listJourneyStuck, downloadMonthlyReport). */
export const journeyApi = {
  funnel: (estateId: string) => api.get<JourneyFunnel>(`/estates/${enc(estateId)}/journey`),
  stuck: (estateId: string, stage: PlanStageCode, limit = 100) =>
    api.get<JourneyStuck>(`/estates/${enc(estateId)}/journey/stuck`, { stage, limit }),
  downloadReport: (estateId: string, month: string, format: 'pdf' | 'xlsx') =>
    downloadFile(
      `/estates/${enc(estateId)}/reports/monthly`,
      { month, format },
      `monthly-report-${month}.${format}`,
    ),
};

export function useJourneyFunnel(estateId: string) {
  return useQuery({
    queryKey: ['journey', 'funnel', estateId],
    queryFn: () => journeyApi.funnel(estateId),
    enabled: !!estateId,
  });
}

export function useJourneyStuck(estateId: string, stage: PlanStageCode) {
  return useQuery({
    queryKey: ['journey', 'stuck', estateId, stage],
    queryFn: () => journeyApi.stuck(estateId, stage),
    enabled: !!estateId,
  });
}
