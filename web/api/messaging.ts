/**
 * Reaching residents (issue 5): the outbox, templates, SMS providers, campaigns and festival
 * proposals, weather and the entrance boards. Paths and shapes follow contract/messaging.ts,
 * contract/campaigns.ts and contract/board.ts.
 */
import type { z } from 'zod';
import type * as C from '../../contract/index.js';
import { api, type QueryValue } from './client';
import type { Page } from './types';

export type {
  BoardGreeting,
  BoardLink,
  BoardNotice,
  Campaign,
  CampaignAudience,
  CampaignChannel,
  CampaignPreview,
  CampaignProgress,
  CampaignProposal,
  CampaignStatus,
  DispatchResult,
  EmailProvider,
  Forecast,
  MemberBirthday,
  Message,
  MessageChannel,
  MessageProvider,
  MessagePurpose,
  MessageReason,
  MessageStatus,
  MessageTemplate,
  Weather,
  WeatherProvider,
  WeatherSource,
} from '../../contract/index.js';

export type CreateCampaignBody = z.input<typeof C.CreateCampaignBody>;
export type UpsertTemplateBody = z.input<typeof C.UpsertTemplateBody>;
export type PutProviderBody = z.input<typeof C.PutProviderBody>;
export type PutEmailProviderBody = z.input<typeof C.PutEmailProviderBody>;
export type PutBirthdayBody = z.input<typeof C.PutBirthdayBody>;
export type ProviderCallbackUrls = z.infer<typeof C.ProviderCallbackUrls>;
export type PutWeatherSourceBody = z.input<typeof C.PutWeatherSourceBody>;
export type EnterWeatherBody = z.input<typeof C.EnterWeatherBody>;
export type CreateBoardNoticeBody = z.input<typeof C.CreateBoardNoticeBody>;
export type UpdateBoardNoticeBody = z.input<typeof C.UpdateBoardNoticeBody>;
export type UpsertBoardGreetingBody = z.input<typeof C.UpsertBoardGreetingBody>;
export type ListMessagesQuery = Omit<z.input<typeof C.ListMessagesQuery>, 'limit'> & { limit?: number };
export type ProviderChannel = (typeof C.PROVIDER_CHANNELS)[number];

// Enum values repeated so that the bundle does not pull zod in; `satisfies` keeps them in step.
export const MESSAGE_STATUSES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'failed',
  'suppressed',
] as const satisfies typeof C.MESSAGE_STATUSES;
export const MESSAGE_PURPOSES = [
  'greetings',
  'tips',
  'health_tips',
  'service_notices',
] as const satisfies typeof C.MESSAGE_PURPOSES;
export const MESSAGE_CHANNELS = [
  'sms_aliyun',
  'sms_tencent',
  'email',
  'portal',
  'dev',
] as const satisfies typeof C.MESSAGE_CHANNELS;
export const CAMPAIGN_CHANNELS = [
  'dev',
  'portal',
  'sms_aliyun',
  'sms_tencent',
  'email',
] as const satisfies typeof C.CAMPAIGN_CHANNELS;
export const CAMPAIGN_STATUSES = [
  'draft',
  'running',
  'done',
  'cancelled',
] as const satisfies typeof C.CAMPAIGN_STATUSES;
export const TEMPLATE_APPROVAL = [
  'draft',
  'pending',
  'approved',
  'rejected',
] as const satisfies typeof C.TEMPLATE_APPROVAL;
export const PROVIDER_CHANNELS = ['sms_aliyun', 'sms_tencent'] as const satisfies typeof C.PROVIDER_CHANNELS;
export const WEATHER_PROVIDERS = [
  'qweather',
  'open_meteo',
  'manual',
] as const satisfies typeof C.WEATHER_PROVIDERS;
export const NOTICE_KINDS = ['notice', 'warm_tip'] as const satisfies typeof C.NOTICE_KINDS;

const enc = encodeURIComponent;
type Query = Record<string, QueryValue>;

/** The outbox, templates and SMS providers. */
export const messagingApi = {
  list: (q: ListMessagesQuery) => api.get<Page<C.Message>>('/messages', q as Query),
  get: (id: string) => api.get<C.Message>(`/messages/${enc(id)}`),
  /** Runs the outbox worker once (admins: `provider.manage` over every estate). */
  dispatchNow: (limit = 200) => api.post<C.DispatchResult>('/messages/dispatch', { limit }),
  templates: (estateId: string) =>
    api.get<C.MessageTemplate[]>(`/estates/${enc(estateId)}/message-templates`),
  /** `campaign.manage`; creates or replaces the template with this code. */
  upsertTemplate: (estateId: string, code: string, body: UpsertTemplateBody) =>
    api.put<C.MessageTemplate>(`/estates/${enc(estateId)}/message-templates/${enc(code)}`, body),
  providers: (estateId: string) =>
    api.get<C.MessageProvider[]>(`/estates/${enc(estateId)}/message-providers`),
  /** `provider.manage`; omitted secrets keep the stored ones. */
  putProvider: (estateId: string, channel: ProviderChannel, body: PutProviderBody) =>
    api.put<C.MessageProvider>(`/estates/${enc(estateId)}/message-providers/${enc(channel)}`, body),
  /** `provider.manage`; null when the estate has no SMTP server yet. */
  emailProvider: (estateId: string) =>
    api.get<C.EmailProvider | null>(`/estates/${enc(estateId)}/email-provider`),
  /** `provider.manage`; an omitted username or password keeps the stored one. */
  putEmailProvider: (estateId: string, body: PutEmailProviderBody) =>
    api.put<C.EmailProvider>(`/estates/${enc(estateId)}/email-provider`, body),
  /** Paths (with their secret token) to enter in the provider's console for receipts and replies. */
  callbackUrls: (estateId: string, channel: ProviderChannel) =>
    api.get<ProviderCallbackUrls>(`/estates/${enc(estateId)}/message-providers/${enc(channel)}/callbacks`),
};

/** Birthdays kept with the member's agreement to birthday greetings (`consent.manage`). */
export const birthdaysApi = {
  list: (householdId: string) => api.get<C.MemberBirthday[]>(`/households/${enc(householdId)}/birthdays`),
  put: (householdId: string, memberId: string, body: PutBirthdayBody) =>
    api.put<C.MemberBirthday>(`/households/${enc(householdId)}/members/${enc(memberId)}/birthday`, body),
  /** Withdraws the agreement: the birthday is deleted at once. */
  remove: (householdId: string, memberId: string) =>
    api.delete<{ deleted: boolean }>(`/households/${enc(householdId)}/members/${enc(memberId)}/birthday`),
};

/** Campaigns (群发) and the festival proposals of the calendar. */
export const campaignsApi = {
  list: (q: { estateId: string; status?: C.CampaignStatus; cursor?: string; limit?: number }) =>
    api.get<Page<C.Campaign>>('/campaigns', q),
  get: (id: string) => api.get<C.Campaign>(`/campaigns/${enc(id)}`),
  create: (estateId: string, body: CreateCampaignBody) =>
    api.post<C.Campaign>(`/estates/${enc(estateId)}/campaigns`, body),
  /** Count, exclusions and a sample message of an unsaved campaign. */
  preview: (estateId: string, body: CreateCampaignBody) =>
    api.post<C.CampaignPreview>(`/estates/${enc(estateId)}/campaigns/preview`, body),
  previewSaved: (id: string) => api.get<C.CampaignPreview>(`/campaigns/${enc(id)}/preview`),
  start: (id: string) => api.post<C.Campaign>(`/campaigns/${enc(id)}/start`, {}),
  /** Queued messages of it are suppressed (cancelled); 409 when done or cancelled, 412 when stale. */
  cancel: (id: string, version: number) => api.post<C.Campaign>(`/campaigns/${enc(id)}/cancel`, { version }),
  proposals: (estateId: string, q: { from?: string; days?: number } = {}) =>
    api.get<C.CampaignProposal[]>(`/estates/${enc(estateId)}/campaign-proposals`, q),
};

/** Weather, the entrance boards, their notices and greeting lines. */
export const boardAdminApi = {
  weather: (estateId: string, date?: string) =>
    api.get<C.Weather>(`/estates/${enc(estateId)}/weather`, { date }),
  /** `weather.enter` (guards at the post); wins over the provider for that date. */
  enterWeather: (estateId: string, date: string, body: EnterWeatherBody) =>
    api.put<C.Weather>(`/estates/${enc(estateId)}/weather/${enc(date)}`, body),
  weatherSource: (estateId: string) =>
    api.get<C.WeatherSource | null>(`/estates/${enc(estateId)}/weather-source`),
  /** `provider.manage`; omitted keys keep the stored ones. */
  putWeatherSource: (estateId: string, body: PutWeatherSourceBody) =>
    api.put<C.WeatherSource>(`/estates/${enc(estateId)}/weather-source`, body),
  boards: (estateId: string) => api.get<Page<C.BoardLink>>(`/estates/${enc(estateId)}/boards`),
  notices: (estateId: string) => api.get<Page<C.BoardNotice>>(`/estates/${enc(estateId)}/board/notices`),
  createNotice: (estateId: string, body: CreateBoardNoticeBody) =>
    api.post<C.BoardNotice>(`/estates/${enc(estateId)}/board/notices`, body),
  /** `body.version` is the version being edited (412 when someone saved first). */
  updateNotice: (estateId: string, noticeId: string, body: UpdateBoardNoticeBody) =>
    api.patch<C.BoardNotice>(`/estates/${enc(estateId)}/board/notices/${enc(noticeId)}`, body),
  greetings: (estateId: string) =>
    api.get<Page<C.BoardGreeting>>(`/estates/${enc(estateId)}/board/greetings`),
  upsertGreeting: (estateId: string, body: UpsertBoardGreetingBody) =>
    api.post<C.BoardGreeting>(`/estates/${enc(estateId)}/board/greetings`, body),
};
