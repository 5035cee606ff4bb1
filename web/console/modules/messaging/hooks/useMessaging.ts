import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { campaignsApi, type ListMessagesQuery, messagingApi } from '../../../../api/messaging';
import { useEstates } from '../../../hooks/useEstates';
import { useEstate } from '../../../session/useEstate';

/** Query keys of the messaging pages. */
export const messagingKeys = {
  messages: ['messages'] as const,
  messageList: (q: Omit<ListMessagesQuery, 'cursor' | 'limit'>) => ['messages', 'list', q] as const,
  message: (id: string) => ['messages', 'one', id] as const,
  templates: (estateId: string) => ['message-templates', estateId] as const,
  providers: (estateId: string) => ['message-providers', estateId] as const,
  emailProvider: (estateId: string) => ['message-providers', estateId, 'email'] as const,
  callbackUrls: (estateId: string, channel: string) =>
    ['message-providers', estateId, 'callbacks', channel] as const,
  campaigns: ['campaigns'] as const,
  campaignList: (estateId: string) => ['campaigns', 'list', estateId] as const,
  campaign: (id: string) => ['campaigns', 'one', id] as const,
  campaignPreview: (id: string) => ['campaigns', 'preview', id] as const,
  proposals: (estateId: string) => ['campaign-proposals', estateId] as const,
};

/** The current estate's id and time zone (times on these pages are shown in the estate's zone). */
export function useEstateZone(): { estateId: string; timeZone: string | undefined } {
  const { estateId } = useEstate();
  const estates = useEstates();
  const timeZone = estates.data?.find((e) => e.id === estateId)?.timeZone;
  return { estateId, timeZone };
}

export const MESSAGE_PAGE_SIZE = 50;

/** Outbox messages matching the filters, newest first, page by page. */
export function useMessageList(q: Omit<ListMessagesQuery, 'cursor' | 'limit'>, enabled = true) {
  return useInfiniteQuery({
    queryKey: messagingKeys.messageList(q),
    queryFn: ({ pageParam }) => messagingApi.list({ ...q, cursor: pageParam, limit: MESSAGE_PAGE_SIZE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useTemplates(estateId: string) {
  return useQuery({
    queryKey: messagingKeys.templates(estateId),
    queryFn: () => messagingApi.templates(estateId),
    enabled: !!estateId,
  });
}

export function useProviders(estateId: string, enabled = true) {
  return useQuery({
    queryKey: messagingKeys.providers(estateId),
    queryFn: () => messagingApi.providers(estateId),
    enabled: !!estateId && enabled,
  });
}

/** Campaigns of the estate, newest first, each with its progress. */
export function useCampaignList(estateId: string) {
  return useInfiniteQuery({
    queryKey: messagingKeys.campaignList(estateId),
    queryFn: ({ pageParam }) => campaignsApi.list({ estateId, cursor: pageParam, limit: 20 }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!estateId,
    // While a campaign is sending, its progress in the list follows the outbox.
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) => p.items.some((c) => c.status === 'running')) ? 10_000 : false,
  });
}

/** One campaign with its progress; polled while it is running. */
export function useCampaign(id: string | undefined, enabled = true) {
  return useQuery({
    queryKey: messagingKeys.campaign(id ?? ''),
    queryFn: () => campaignsApi.get(id!),
    enabled: !!id && enabled,
    refetchInterval: (q) => (q.state.data?.status === 'running' ? 5_000 : false),
  });
}

/** Festival greetings proposed for the next 90 days (this week's first). */
export function useProposals(estateId: string) {
  return useQuery({
    queryKey: messagingKeys.proposals(estateId),
    queryFn: () => campaignsApi.proposals(estateId, { days: 90 }),
    enabled: !!estateId,
    staleTime: 10 * 60_000,
  });
}
