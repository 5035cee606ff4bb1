import type { Role } from '../../../contract/auth.js';
import { CommonErrors } from '../../lib/errors.js';
import type { Lang } from '../../lib/i18n.js';

/** Who is acting: resolved from the session by the auth plugin, passed to every service call. */
export interface Actor {
  id: string;
  role: Role;
  displayName: string;
  /** Estates this account may act in (every estate for admin). */
  estateIds: string[];
  allEstates: boolean;
  ip: string | null;
  lang: Lang;
}

/** The system itself (scheduler, CLI): full scope, recorded as such in the audit log. */
export function systemActor(estateIds: string[] = []): Actor {
  return {
    id: 'system',
    role: 'admin',
    displayName: 'system',
    estateIds,
    allEstates: true,
    ip: null,
    lang: 'zh-CN',
  };
}

export const CAPABILITIES = [
  'household.read',
  'household.create',
  'household.edit',
  'household.import',
  'household.export',
  'phone.full', // see full phone numbers in the archive
  'sensitive.read.health',
  'sensitive.read.minor',
  'sensitive.read.away',
  'sensitive.write',
  'consent.manage',
  'customfield.manage',
  'audit.read',
  'account.manage',
  'staff.read',
  'estate.read',
  'estate.manage', // structure of one's estates: butlers of buildings …
  'estate.create', // head office: new estates
  'plan.read', // the service plan (五步一法) and its commitments
  'plan.manage', // edit measures and commitment targets
  'calendar.manage', // official holidays and make-up workdays, plate-restriction rules
  'visit.record', // home visits (走访): butlers, culture specialist, squad leaders, supervisors, managers
  'visit.safety_check', // only home safety checks (居家安全检查, S2): the security team's guards
  'request.create', // any staff member takes a resident's request first (E4)
  'request.work', // accept, start and complete jobs of one's team
  'request.dispatch', // assign jobs, see every team's queue
  'agenda.team', // see the agenda of other staff of one's estates
  'kpi.read', // the promise-keeping board (承诺兑现)
  'message.read', // the outbox and campaigns
  'campaign.manage', // greetings and tips campaigns
  'provider.manage', // SMS / e-mail / weather provider credentials
  'board.manage', // entrance boards: notices, greeting lines, weather source
  'weather.enter', // a guard at the post enters the forecast by hand
] as const;
export type Capability = (typeof CAPABILITIES)[number];

const ALL = [...CAPABILITIES];
const FRONT_LINE: Capability[] = [
  'household.read',
  'estate.read',
  'staff.read',
  'plan.read',
  'request.create',
  'request.work',
];

/**
 * Role → capabilities (least privilege, GB/T 35273 §7.1): guards and cleaning staff see no
 * health or minors' data and only masked phones; bulk export and import are for managers.
 */
const BY_ROLE: Record<Role, Capability[]> = {
  admin: ALL,
  manager: ALL.filter(
    (c) => !['account.manage', 'estate.create', 'calendar.manage', 'provider.manage'].includes(c),
  ),
  butler: [
    ...FRONT_LINE,
    'household.create',
    'household.edit',
    'phone.full',
    'sensitive.read.health',
    'sensitive.read.minor',
    'sensitive.read.away',
    'sensitive.write',
    'consent.manage',
    'visit.record',
    'message.read',
    'campaign.manage',
  ],
  culture: [
    ...FRONT_LINE,
    'household.edit',
    'phone.full',
    'sensitive.read.minor',
    'consent.manage',
    'visit.record',
    'message.read',
    'campaign.manage',
  ],
  squad_leader: [
    ...FRONT_LINE,
    'household.edit',
    'sensitive.read.away',
    'visit.record',
    'request.dispatch',
    'agenda.team',
    'kpi.read',
    'weather.enter',
  ],
  env_supervisor: [
    ...FRONT_LINE,
    'household.edit',
    'visit.record',
    'request.dispatch',
    'agenda.team',
    'kpi.read',
  ],
  // Guards do S2's home safety checks: they record those visits and no other kind.
  guard: [...FRONT_LINE, 'weather.enter', 'visit.safety_check'],
  technician: FRONT_LINE,
  cleaner: FRONT_LINE,
  resident: [],
};

export function capabilitiesOf(role: Role): Capability[] {
  return BY_ROLE[role] ?? [];
}

export function can(actor: Actor, cap: Capability): boolean {
  return capabilitiesOf(actor.role).includes(cap);
}

/** Throws 403 unless the actor has the capability (the route exists but this role may not use it). */
export function requireCap(actor: Actor, cap: Capability): void {
  if (!can(actor, cap)) throw CommonErrors.make('FORBIDDEN', undefined, { capability: cap }).asDenial();
}

/** True when the actor may act in the estate. */
export function inScope(actor: Actor, estateId: string): boolean {
  return actor.allEstates || actor.estateIds.includes(estateId);
}

/** Throws 404 for an estate outside the actor's scope: existence is not revealed. */
export function requireEstate(actor: Actor, estateId: string): void {
  if (!inScope(actor, estateId)) throw CommonErrors.make('NOT_FOUND').asDenial();
}
