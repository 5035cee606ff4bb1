import type {
  AddDutyExceptionBody,
  DutyException,
  DutyRoster,
  DutyShift,
  OnDutyList,
} from '../../../../contract/roster';
import { api } from '../../../api/client';

export type { DutyException, DutyRoster, DutyShift, OnDutyList };
export type RosterMember = DutyRoster['teams'][number]['members'][number];

const enc = encodeURIComponent;

/** The duty roster (值班表) endpoints. */
export const rosterApi = {
  /** A week (any date in it, default this week) per team; `staff.read`. */
  get: (estateId: string, q: { team?: string; week?: string }) =>
    api.get<DutyRoster>(`/estates/${enc(estateId)}/duty-roster`, q),
  /** Replaces a person's weekly shifts (`request.dispatch`); `version` as read, 412 when stale. */
  putShifts: (estateId: string, accountId: string, shifts: DutyShift[], version: number) =>
    api.put<{ accountId: string; version: number; shifts: DutyShift[] }>(
      `/estates/${enc(estateId)}/duty-roster/${enc(accountId)}/shifts`,
      { shifts, version },
    ),
  addException: (estateId: string, body: AddDutyExceptionBody) =>
    api.post<DutyException>(`/estates/${enc(estateId)}/duty-exceptions`, body),
  deleteException: (estateId: string, id: string) =>
    api.delete<{ ok: true }>(`/estates/${enc(estateId)}/duty-exceptions/${enc(id)}`),
};
