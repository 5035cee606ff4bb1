import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import type {
  AddOrganizationMemberBody,
  CarePlan,
  CarePlanItem,
  CopyCarePlanBody,
  CopyCarePlanResult,
  CreateCarePlanItemBody,
  CreateOrganizationBody,
  LogOrganizationContactBody,
  Organization,
  OrganizationContact,
  OrganizationDetail,
  UpdateCarePlanItemBody,
  UpdateOrganizationBody,
} from '../../../../../contract/organizations.js';
import { api } from '../../../../api/client';
import type { Page } from '../../../../api/types';
import { useNotifyError } from '../../../hooks/useNotifyError';

const enc = encodeURIComponent;

/** The organizations (C4) and care plan (C7) operations of the API. */
export const organizationsApi = {
  list: (estateId: string, includeInactive = false) =>
    api.get<Organization[]>(`/estates/${enc(estateId)}/organizations`, {
      includeInactive: includeInactive ? 'true' : undefined,
    }),
  get: (id: string) => api.get<OrganizationDetail>(`/organizations/${enc(id)}`),
  create: (estateId: string, body: CreateOrganizationBody) =>
    api.post<OrganizationDetail>(`/estates/${enc(estateId)}/organizations`, body),
  update: (id: string, body: UpdateOrganizationBody) =>
    api.patch<OrganizationDetail>(`/organizations/${enc(id)}`, body),
  addMember: (id: string, body: AddOrganizationMemberBody) =>
    api.post<OrganizationDetail>(`/organizations/${enc(id)}/members`, body),
  removeMember: (id: string, householdId: string) =>
    api.delete<OrganizationDetail>(`/organizations/${enc(id)}/members/${enc(householdId)}`),
  contacts: (id: string, cursor?: string) =>
    api.get<Page<OrganizationContact>>(`/organizations/${enc(id)}/contacts`, { cursor, limit: 20 }),
  logContact: (id: string, body: LogOrganizationContactBody) =>
    api.post<OrganizationContact>(`/organizations/${enc(id)}/contacts`, body),
  setFollowUp: (contactId: string, version: number, followUpDone: boolean) =>
    api.patch<OrganizationContact>(`/organization-contacts/${enc(contactId)}`, { version, followUpDone }),
  carePlan: (estateId: string, quarter?: string) =>
    api.get<CarePlan>(`/estates/${enc(estateId)}/care-plan`, { quarter }),
  createCareItem: (estateId: string, body: CreateCarePlanItemBody) =>
    api.post<CarePlanItem>(`/estates/${enc(estateId)}/care-plan`, body),
  updateCareItem: (id: string, body: UpdateCarePlanItemBody) =>
    api.patch<CarePlanItem>(`/care-plan/${enc(id)}`, body),
  copyCarePlan: (estateId: string, body: CopyCarePlanBody) =>
    api.post<CopyCarePlanResult>(`/estates/${enc(estateId)}/care-plan/copy`, body),
};

export const orgKeys = {
  all: ['organizations'] as const,
  list: (estateId: string) => ['organizations', 'list', estateId] as const,
  detail: (id: string) => ['organizations', 'detail', id] as const,
  contacts: (id: string) => ['organizations', 'contacts', id] as const,
  carePlan: (estateId: string, quarter?: string) =>
    ['organizations', 'care-plan', estateId, quarter ?? ''] as const,
};

export function useOrganizationList(estateId: string) {
  return useQuery({
    queryKey: orgKeys.list(estateId),
    queryFn: () => organizationsApi.list(estateId, true),
    enabled: !!estateId,
  });
}

export function useOrganization(id: string) {
  return useQuery({ queryKey: orgKeys.detail(id), queryFn: () => organizationsApi.get(id), enabled: !!id });
}

export function useOrganizationContacts(id: string) {
  return useInfiniteQuery({
    queryKey: orgKeys.contacts(id),
    queryFn: ({ pageParam }) => organizationsApi.contacts(id, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!id,
  });
}

export function useCarePlan(estateId: string, quarter?: string) {
  return useQuery({
    queryKey: orgKeys.carePlan(estateId, quarter),
    queryFn: () => organizationsApi.carePlan(estateId, quarter),
    enabled: !!estateId,
  });
}

/**
 * Runs one organizations or care-plan call: on success shows `ok` (text, or text made from the
 * answer) and refreshes every organizations query; on failure shows the error. Resolves to the
 * answer, or undefined when the call failed.
 */
export function useOrgAction() {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  return async <T>(fn: () => Promise<T>, ok: string | ((r: T) => string)): Promise<T | undefined> => {
    try {
      const r = await fn();
      message.success(typeof ok === 'string' ? ok : ok(r));
      void qc.invalidateQueries({ queryKey: orgKeys.all });
      return r;
    } catch (err) {
      notifyError(err);
      return undefined;
    }
  };
}

/** 2026-Q4 → 2026-Q3 (n = -1) or 2027-Q1 (n = 1). */
export function shiftQuarter(quarter: string, n: number): string {
  const [y, q] = quarter.split('-Q').map(Number) as [number, number];
  const idx = y * 4 + (q - 1) + n;
  return `${Math.floor(idx / 4)}-Q${(idx % 4) + 1}`;
}
