/** One function per API endpoint the console uses. Paths and shapes follow contract/. */
import { api, apiRequest, downloadFile, type QueryValue } from './client';
import type {
  Account,
  AddSensitiveFactBody,
  Agenda,
  AgendaTask,
  AssigneeSuggestion,
  AuditEvent,
  Building,
  CalendarDay,
  CalendarEntry,
  CatalogEntry,
  Commitment,
  CompleteServiceRequestBody,
  CompleteTaskBody,
  Consent,
  CreateAccountBody,
  CreateCustomFieldBody,
  CreateEstateBody,
  CreateHouseholdBody,
  CreatePlanMeasureBody,
  CreateServiceRequestBody,
  CreateVisitBody,
  CreateVisitResult,
  CurrentUser,
  CustomFieldDef,
  DeleteHolidayResult,
  Entrance,
  Estate,
  HolidayList,
  Household,
  HouseholdChange,
  HouseholdSummary,
  ImportMode,
  ImportResult,
  KpiBoard,
  ListAuditQuery,
  ListHouseholdsQuery,
  ListPlanMeasuresQuery,
  ListServiceRequestsQuery,
  ListVisitsQuery,
  LogLoyalGroupContactBody,
  LoyalGroup,
  LoyalGroupContact,
  Page,
  PlanMeasure,
  PlanMeasureChange,
  PlanStage,
  PlateRestriction,
  PlateRule,
  Post,
  RecordConsentBody,
  Room,
  SensitiveFact,
  ServiceFiguresQuery,
  ServiceFiguresReport,
  ServiceRequest,
  ServiceRequestDetail,
  SetBuildingButlersBody,
  SetCommitmentTargetBody,
  StaffMember,
  Team,
  UpdateAccountBody,
  UpdateCustomFieldBody,
  UpdateHouseholdBody,
  UpdatePlanMeasureBody,
  UpsertHolidayBody,
  Visit,
  VisitSuggestions,
} from './types';

const enc = encodeURIComponent;
type Query = Record<string, QueryValue>;

export const authApi = {
  login: (username: string, password: string) => api.post<CurrentUser>('/auth/login', { username, password }),
  logout: () => api.post<{ ok: true }>('/auth/logout'),
  me: (signal?: AbortSignal) => api.get<CurrentUser>('/auth/me', undefined, signal),
};

export const estatesApi = {
  list: () => api.get<Estate[]>('/estates'),
  /** Head office only (`estate.create`); the five teams are created with it. */
  create: (body: CreateEstateBody) => api.post<Estate>('/estates', body),
  buildings: (estateId: string) => api.get<Building[]>(`/estates/${enc(estateId)}/buildings`),
  /** Replaces a building's butlers (`estate.manage`); answers the updated building. */
  setButlers: (estateId: string, buildingId: string, body: SetBuildingButlersBody) =>
    api.put<Building>(`/estates/${enc(estateId)}/buildings/${enc(buildingId)}/butlers`, body),
  rooms: (estateId: string, q: { buildingId?: string; unitId?: string }) =>
    api.get<Room[]>(`/estates/${enc(estateId)}/rooms`, q),
  entrances: (estateId: string) => api.get<Entrance[]>(`/estates/${enc(estateId)}/entrances`),
  teams: (estateId: string) => api.get<Team[]>(`/estates/${enc(estateId)}/teams`),
  posts: (estateId: string) => api.get<Post[]>(`/estates/${enc(estateId)}/posts`),
  staff: (estateId: string) => api.get<StaffMember[]>(`/estates/${enc(estateId)}/staff`),
  customFields: (estateId: string) => api.get<CustomFieldDef[]>(`/estates/${enc(estateId)}/custom-fields`),
  createCustomField: (estateId: string, body: CreateCustomFieldBody) =>
    api.post<CustomFieldDef>(`/estates/${enc(estateId)}/custom-fields`, body),
  updateCustomField: (estateId: string, fieldId: string, body: UpdateCustomFieldBody) =>
    api.patch<CustomFieldDef>(`/estates/${enc(estateId)}/custom-fields/${enc(fieldId)}`, body),
};

export const householdsApi = {
  list: (q: ListHouseholdsQuery) => api.get<Page<HouseholdSummary>>('/households', q as Query),
  get: (id: string) => api.get<Household>(`/households/${enc(id)}`),
  create: (body: CreateHouseholdBody) => api.post<Household>('/households', body),
  update: (id: string, body: UpdateHouseholdBody) => api.patch<Household>(`/households/${enc(id)}`, body),
  history: (id: string) => api.get<HouseholdChange[]>(`/households/${enc(id)}/history`),
  consents: (id: string) => api.get<Consent[]>(`/households/${enc(id)}/consents`),
  recordConsent: (id: string, body: RecordConsentBody) =>
    api.post<Consent>(`/households/${enc(id)}/consents`, body),
  withdrawConsent: (id: string, consentId: string) =>
    api.post<Consent>(`/households/${enc(id)}/consents/${enc(consentId)}/withdraw`),
  sensitive: (id: string) => api.get<SensitiveFact[]>(`/households/${enc(id)}/sensitive`),
  addSensitive: (id: string, body: AddSensitiveFactBody) =>
    api.post<SensitiveFact>(`/households/${enc(id)}/sensitive`, body),
  deleteSensitive: (id: string, factId: string) =>
    api.delete<{ ok: true }>(`/households/${enc(id)}/sensitive/${enc(factId)}`),
  export: (q: Omit<ListHouseholdsQuery, 'cursor' | 'limit'>, fallbackName: string) =>
    downloadFile('/households/export', q as Query, fallbackName),
  template: (fallbackName: string) => downloadFile('/households/import-template', undefined, fallbackName),
  /** `createRooms`: create the buildings, units and rooms the file names but the estate lacks. */
  import: (estateId: string, mode: ImportMode, dryRun: boolean, file: File, createRooms = false) => {
    const form = new FormData();
    form.append('file', file);
    return apiRequest<ImportResult>('/households/import', {
      method: 'POST',
      query: { estateId, mode, dryRun, createRooms },
      body: form,
    });
  },
};

export const auditApi = {
  list: (q: ListAuditQuery) => api.get<Page<AuditEvent>>('/audit-events', q as Query),
};

export const accountsApi = {
  list: () => api.get<Account[]>('/accounts'),
  create: (body: CreateAccountBody) => api.post<Account>('/accounts', body),
  update: (id: string, body: UpdateAccountBody) => api.patch<Account>(`/accounts/${enc(id)}`, body),
  resetPassword: (id: string, password: string) =>
    api.post<{ ok: true }>(`/accounts/${enc(id)}/reset-password`, { password }),
};

/** The service plan (五步一法) of an estate. */
export const planApi = {
  stages: (estateId: string) => api.get<PlanStage[]>(`/estates/${enc(estateId)}/plan/stages`),
  measures: (estateId: string, q: ListPlanMeasuresQuery = {}) =>
    api.get<PlanMeasure[]>(`/estates/${enc(estateId)}/plan/measures`, q as Query),
  measure: (estateId: string, measureId: string) =>
    api.get<PlanMeasure>(`/estates/${enc(estateId)}/plan/measures/${enc(measureId)}`),
  /** `plan.manage`; the estate's own measure gets the next X code. */
  create: (estateId: string, body: CreatePlanMeasureBody) =>
    api.post<PlanMeasure>(`/estates/${enc(estateId)}/plan/measures`, body),
  /** `plan.manage`; `body.version` is the version being edited (412 when someone saved first). */
  update: (estateId: string, measureId: string, body: UpdatePlanMeasureBody) =>
    api.patch<PlanMeasure>(`/estates/${enc(estateId)}/plan/measures/${enc(measureId)}`, body),
  history: (estateId: string, measureId: string) =>
    api.get<PlanMeasureChange[]>(`/estates/${enc(estateId)}/plan/measures/${enc(measureId)}/history`),
  /** `plan.manage`; from the next period by default, 422 when effectiveFrom is in the past. */
  setTarget: (estateId: string, commitmentId: string, body: SetCommitmentTargetBody) =>
    api.put<Commitment>(`/estates/${enc(estateId)}/plan/commitments/${enc(commitmentId)}/target`, body),
};

/** The Chinese calendar, official holidays and plate restriction (尾号限行). */
export const calendarApi = {
  /** Today (Asia/Shanghai) when `date` is omitted. */
  day: (date?: string) => api.get<CalendarDay>('/calendar/day', { date }),
  holidays: (year?: number) => api.get<HolidayList>('/calendar/holidays', { year }),
  /** `calendar.manage`; `version` names the entry being changed. */
  upsertHoliday: (date: string, body: UpsertHolidayBody) =>
    api.put<CalendarEntry>(`/calendar/holidays/${enc(date)}`, body),
  /** `calendar.manage`; an official date answers 409 CALENDAR_DAY_OFFICIAL unless an admin changed it. */
  deleteHoliday: (date: string) => api.delete<DeleteHolidayResult>(`/calendar/holidays/${enc(date)}`),
  restriction: (city: string | undefined, date?: string) =>
    api.get<PlateRestriction>('/plate-restriction', { city, date }),
  plateRules: () => api.get<PlateRule[]>('/plate-rules'),
};

/** Service requests (issue 3): the catalog, taking a request first (E4), dispatch and the work. */
export const serviceRequestsApi = {
  /** The estate's service catalog (服务目录), internal entries included for staff. */
  catalog: (estateId: string) => api.get<CatalogEntry[]>(`/estates/${enc(estateId)}/service-catalog`),
  /** Any staff member (`request.create`); `idempotencyKey` makes a double tap create one request. */
  create: (body: CreateServiceRequestBody, idempotencyKey: string) =>
    apiRequest<ServiceRequestDetail>('/service-requests', {
      method: 'POST',
      body,
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  /** Care-flagged first, then by due time; `assignee: 'me'` for my jobs. */
  list: (q: ListServiceRequestsQuery) => api.get<Page<ServiceRequest>>('/service-requests', q as Query),
  get: (id: string) => api.get<ServiceRequestDetail>(`/service-requests/${enc(id)}`),
  /** Members of the responsible team ranked by skill match, then open jobs (`request.dispatch`). */
  suggestions: (id: string) =>
    api.get<AssigneeSuggestion[]>(`/service-requests/${enc(id)}/assignee-suggestions`),
  assign: (id: string, assigneeId: string, version?: number) =>
    api.post<ServiceRequestDetail>(`/service-requests/${enc(id)}/assign`, { assigneeId, version }),
  accept: (id: string) => api.post<ServiceRequestDetail>(`/service-requests/${enc(id)}/accept`, {}),
  start: (id: string) => api.post<ServiceRequestDetail>(`/service-requests/${enc(id)}/start`, {}),
  complete: (id: string, body: CompleteServiceRequestBody) =>
    api.post<ServiceRequestDetail>(`/service-requests/${enc(id)}/complete`, body),
  /** The taker before acceptance, or a dispatcher while open. */
  cancel: (id: string, reason: string) =>
    api.post<ServiceRequestDetail>(`/service-requests/${enc(id)}/cancel`, { reason }),
  /** 服务数据 for the KPI board (`kpi.read`): local days `from`–`to` (inclusive), default this month. */
  figures: (estateId: string, q: ServiceFiguresQuery) =>
    api.get<ServiceFiguresReport>(`/estates/${enc(estateId)}/service-figures`, q),
};

/** 我的待办 (issue 4): tasks from the plan's commitments, visits owed, suggested households. */
export const agendaApi = {
  /** `assignee`: 'me' or an account id (`agenda.team`); `date` YYYY-MM-DD, default today. */
  get: (q: { date?: string; assignee?: string; estateId?: string }) => api.get<Agenda>('/agenda', q),
  /** Manual tasks only; quota tasks complete themselves (422). */
  complete: (taskId: string, body: CompleteTaskBody = {}) =>
    api.post<AgendaTask>(`/agenda/tasks/${enc(taskId)}/complete`, body),
  /** 承诺兑现 (`kpi.read`); `period` YYYY-MM or YYYY-Www, default this month. */
  kpi: (estateId: string, period?: string) => api.get<KpiBoard>(`/estates/${enc(estateId)}/kpi`, { period }),
};

/** Home visits (走访, `visit.record`) and the loyal-household groups (S5). */
export const visitsApi = {
  create: (body: CreateVisitBody) => api.post<CreateVisitResult>('/visits', body),
  list: (q: ListVisitsQuery) => api.get<Page<Visit>>('/visits', q as Query),
  get: (id: string) => api.get<Visit>(`/visits/${enc(id)}`),
  suggestions: (estateId: string, limit = 20) =>
    api.get<VisitSuggestions>(`/estates/${enc(estateId)}/visit-suggestions`, { limit }),
  loyalGroups: (estateId: string) => api.get<LoyalGroup[]>(`/estates/${enc(estateId)}/loyal-groups`),
  addMember: (estateId: string, leaderId: string, householdId: string) =>
    api.post<{ ok: true }>(`/estates/${enc(estateId)}/loyal-groups/${enc(leaderId)}/members`, {
      householdId,
    }),
  removeMember: (estateId: string, leaderId: string, householdId: string) =>
    api.delete<{ ok: true }>(
      `/estates/${enc(estateId)}/loyal-groups/${enc(leaderId)}/members/${enc(householdId)}`,
    ),
  logContact: (estateId: string, leaderId: string, body: LogLoyalGroupContactBody) =>
    api.post<LoyalGroupContact>(`/estates/${enc(estateId)}/loyal-groups/${enc(leaderId)}/contacts`, body),
};
