import type { PlanStageCode } from '../../../contract/plan.js';
import { PLAN_STAGES } from '../../../contract/plan.js';

/** One household's facts, gathered by aggregate queries (journey.service). */
export interface HouseholdFacts {
  archiveExists: boolean;
  /** A member with a phone, the family structure and at least one hobby are on file. */
  archiveComplete: boolean;
  visited: boolean;
  completedRequest: boolean;
  visitProblemResolved: boolean;
  highScore: boolean;
  loyalMember: boolean;
  volunteer: boolean;
}

export const STAGE_NAMES: Record<PlanStageCode, [string, string]> = {
  know: ['认识', 'Know'],
  learn: ['了解', 'Learn'],
  understand: ['理解', 'Understand'],
  help: ['帮助', 'Help'],
  move: ['感动', 'Move'],
  fulfil: ['成就', 'Fulfil'],
};

/** The data rule of each stage (English, Chinese): shown in the API's `definitions` and the report. */
export const STAGE_RULES: Record<PlanStageCode, [string, string]> = {
  know: ['The household has an archive in the estate', '已建立住户档案'],
  learn: [
    'Archive complete (a member with a phone, the family structure and at least one hobby on file) OR at least one visit form (走访表) collected',
    '档案完整（有成员电话、家庭结构和至少一项爱好）或已完成至少一次走访',
  ],
  understand: [
    'A problem of theirs was handled: a completed service request, or a problem raised on a visit whose request was completed',
    '住户的问题得到处理：有已完成的服务工单，或走访中提出的问题已办结',
  ],
  help: ['A service was delivered: at least one completed service request', '已为住户完成至少一项服务'],
  move: [
    'A high score: a supervision card rated overall ≥ 4 (a comment on such a card counts as a thanks; comments on lower scores do not)',
    '服务监督卡总体满意度 ≥ 4 分（高分卡上的留言视为感谢）',
  ],
  fulfil: [
    'A loyal-group member (S5) or an active volunteer (archive tag volunteer / 志愿者)',
    '忠诚住户小组成员或志愿者（档案标签）',
  ],
};

export const CUMULATIVE_RULE =
  'Strictly cumulative: a household is at the highest stage whose own condition AND the conditions of all lower stages hold; so the funnel never widens. `conditionMet` counts each condition on its own, to show who skipped a step.';

export function conditions(f: HouseholdFacts): Record<PlanStageCode, boolean> {
  return {
    know: f.archiveExists,
    // 了解: chosen rule is "archive complete OR a visit form collected" (either shows we learned who they are).
    learn: f.archiveComplete || f.visited,
    understand: f.completedRequest || f.visitProblemResolved,
    help: f.completedRequest,
    move: f.highScore,
    fulfil: f.loyalMember || f.volunteer,
  };
}

/** The stage index (0 = know … 5 = fulfil) under the strictly cumulative rule; -1 never happens for an archived household. */
export function stageIndex(f: HouseholdFacts): number {
  const c = conditions(f);
  let i = -1;
  for (const code of PLAN_STAGES) {
    if (!c[code]) break;
    i++;
  }
  return i;
}
