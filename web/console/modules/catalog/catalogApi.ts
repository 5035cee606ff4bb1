import type {
  CatalogEntry,
  CreateCatalogEntryBody,
  UpdateCatalogEntryBody,
} from '../../../../contract/service-requests';
import { api } from '../../../api/client';

export type { CatalogEntry, CreateCatalogEntryBody, UpdateCatalogEntryBody };

const enc = encodeURIComponent;

/** Catalog editing (服务目录): managers (`plan.manage`). */
export const catalogApi = {
  /** Every entry, retired ones included. */
  list: (estateId: string) =>
    api.get<CatalogEntry[]>(`/estates/${enc(estateId)}/service-catalog`, { includeInactive: 'true' }),
  create: (estateId: string, body: CreateCatalogEntryBody) =>
    api.post<CatalogEntry>(`/estates/${enc(estateId)}/service-catalog`, body),
  update: (estateId: string, id: string, body: UpdateCatalogEntryBody) =>
    api.patch<CatalogEntry>(`/estates/${enc(estateId)}/service-catalog/${enc(id)}`, body),
  retire: (estateId: string, id: string, version: number) =>
    api.post<CatalogEntry>(`/estates/${enc(estateId)}/service-catalog/${enc(id)}/retire`, { version }),
};
