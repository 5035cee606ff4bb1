import type {
  Organization,
  OrganizationContact,
  OrganizationKind,
  OrganizationMember,
  OrgContactChannel,
} from '../../../contract/organizations.js';
import { toIso } from '../../lib/dates.js';
import type { ContactRow, OrganizationRow } from './organization.repository.js';

export function toOrganization(r: OrganizationRow): Organization {
  return {
    id: r.id,
    estateId: r.estate_id,
    name: r.name,
    kind: r.kind as OrganizationKind,
    description: r.description,
    managerId: r.manager_id,
    managerName: r.manager_name ?? r.manager_id,
    meetingPlace: r.meeting_place,
    meetingTime: r.meeting_time,
    active: Number(r.active) === 1,
    memberCount: Number(r.member_count ?? 0),
    lastContactAt: toIso(r.last_contact_at),
    openFollowUps: Number(r.open_follow_ups ?? 0),
    version: Number(r.version),
    createdAt: toIso(r.created_at)!,
    updatedAt: toIso(r.updated_at)!,
  };
}

export function toMember(r: {
  household_id: string;
  role: string | null;
  joined_at: Date | string;
  room_code: string;
  primary_name: string | null;
}): OrganizationMember {
  return {
    householdId: r.household_id,
    roomCode: r.room_code,
    primaryName: r.primary_name,
    role: r.role,
    joinedAt: toIso(r.joined_at)!,
  };
}

export function toContact(r: ContactRow): OrganizationContact {
  return {
    id: r.id,
    estateId: r.estate_id,
    organizationId: r.organization_id,
    organizationName: r.organization_name,
    contactedAt: toIso(r.contacted_at)!,
    staffId: r.staff_id,
    staffName: r.staff_name ?? r.staff_id,
    channel: r.channel as OrgContactChannel,
    summary: r.summary,
    followUp: r.follow_up,
    followUpDoneAt: toIso(r.follow_up_done_at),
    followUpDoneBy: r.follow_up_done_by,
    version: Number(r.version),
    createdAt: toIso(r.created_at)!,
  };
}
