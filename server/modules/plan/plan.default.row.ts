import type { Role } from '../../../contract/auth.js';
import type { ActionTime, PlanStageCode } from '../../../contract/plan.js';

/** The shape of a row of the default plan and the helper the team files write rows with. */

/** The four teams of the plan, in the source's order (安全组, 客服组, 环境绿化组, 技术组). */
export const PLAN_TEAM_ORDER = ['security', 'service', 'environment', 'technical', 'management'] as const;
export type PlanTeam = (typeof PLAN_TEAM_ORDER)[number];

export interface DefaultMeasure {
  code: string;
  team: PlanTeam;
  stage: PlanStageCode;
  /** Roles the text names as the ones doing it (managers in C4 and E1, squad leaders in S4 …). */
  roles: Role[];
  textZh: string;
  textEn: string;
  purposeZh: string | null;
  purposeEn: string | null;
  keyPointsZh: string | null;
  keyPointsEn: string | null;
  actionTime: ActionTime;
  /** false: the source says not to promise it publicly (不对外承诺). */
  public: boolean;
  /** How the row was reconstructed where the extraction was not plain. */
  sourceNote?: string;
}

/** Fields a row may leave out: no purpose or key point, no named roles, public, from entry. */
type Defaulted =
  | 'purposeZh'
  | 'purposeEn'
  | 'keyPointsZh'
  | 'keyPointsEn'
  | 'roles'
  | 'public'
  | 'actionTime';
type M = Omit<DefaultMeasure, Defaulted> & Partial<Pick<DefaultMeasure, Defaulted>>;

export function m(x: M): DefaultMeasure {
  return {
    roles: [],
    purposeZh: null,
    purposeEn: null,
    keyPointsZh: null,
    keyPointsEn: null,
    actionTime: 'on_entry',
    public: true,
    ...x,
  };
}
