import type { PlanStageCode } from '../../../contract/plan.js';
import { ENVIRONMENT_MEASURES } from './plan.default.environment.js';
import type { DefaultMeasure } from './plan.default.row.js';
import { SECURITY_MEASURES } from './plan.default.security.js';
import { SERVICE_MEASURES } from './plan.default.service.js';
import { TECHNICAL_MEASURES } from './plan.default.technical.js';

/**
 * The default service plan: section 11 (物业创新管理思路) of the tender, the "五步一法" service
 * innovation action plan of the four teams, transcribed from the source document
 * (seed/000_df812b4a378cf6b2.txt, a PDF extraction whose lines are duplicated and out of order).
 *
 * Transcription rules: the measure, purpose and key-point cells are kept as written (the
 * original's typos such as 物质 for 物资 included); the row numbers (1、 2.) and the PDF's
 * duplicated fragments are dropped; ASCII punctuation left by the extraction is restored to
 * full-width Chinese punctuation. Where the technical team's cells are labelled 目的/要点 they
 * fill purpose/keyPoints; elsewhere the single cell is the purpose, and an explicit "实施:" or
 * bracketed instruction becomes the key point. `sourceNote` says where a row had to be
 * reconstructed; the codes follow PLAN.md (stable references used in issues).
 */

export {
  BASE_EFFECTIVE_FROM,
  DEFAULT_COMMITMENTS,
  type DefaultCommitment,
} from './plan.default.commitments.js';
export { type DefaultMeasure, PLAN_TEAM_ORDER, type PlanTeam } from './plan.default.row.js';

export interface DefaultStage {
  code: PlanStageCode;
  order: number;
  name: string;
  nameEn: string;
  description: string;
  descriptionEn: string;
}

/** The six stages of 五步一法, along the customer journey. */
export const PLAN_STAGE_LIST: DefaultStage[] = [
  {
    code: 'know',
    order: 1,
    name: '认识客户',
    nameEn: 'Know the customer',
    description: '认识住在这里的人',
    descriptionEn: 'Get to know who lives here',
  },
  {
    code: 'learn',
    order: 2,
    name: '了解客户',
    nameEn: 'Learn about the customer',
    description: '了解客户的需求、习惯和家庭',
    descriptionEn: 'Learn their needs, habits and family',
  },
  {
    code: 'understand',
    order: 3,
    name: '理解客户',
    nameEn: 'Understand the customer',
    description: '理解客户的难处与矛盾',
    descriptionEn: 'Understand their problems and conflicts',
  },
  {
    code: 'help',
    order: 4,
    name: '帮助客户',
    nameEn: 'Help the customer',
    description: '提供具体的帮助和服务',
    descriptionEn: 'Give concrete help and services',
  },
  {
    code: 'move',
    order: 5,
    name: '感动客户',
    nameEn: 'Move the customer',
    description: '合同之外的关怀',
    descriptionEn: 'Care beyond the contract',
  },
  {
    code: 'fulfil',
    order: 6,
    name: '成就客户',
    nameEn: 'Fulfil the customer',
    description: '忠诚与社区认同',
    descriptionEn: 'Loyalty and pride in the community',
  },
];

/** Every measure of the source document, team by team (one file per team). */
export const DEFAULT_MEASURES: DefaultMeasure[] = [
  ...SECURITY_MEASURES,
  ...SERVICE_MEASURES,
  ...ENVIRONMENT_MEASURES,
  ...TECHNICAL_MEASURES,
];
