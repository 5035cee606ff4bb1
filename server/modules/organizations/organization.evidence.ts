import type { Kysely } from 'kysely';
import type { KpiRow } from '../../../contract/agenda.js';
import type { DB } from '../../db/schema.js';
import { toIso } from '../../lib/dates.js';
import type { Lang } from '../../lib/i18n.js';
import { quarterOf } from './care-plan.quarter.js';
import * as carePlan from './care-plan.repository.js';
import * as orgs from './organization.repository.js';

export type LatestEvidence = NonNullable<KpiRow['latestEvidence']>;

/** What an evidence source knows of the board it answers for. */
export interface EvidenceContext {
  /** Today in the estate's time zone (YYYY-MM-DD). */
  today: string;
  lang: Lang;
}

/**
 * The latest record that shows a measure without a machine-checked commitment being done, or
 * null ("no evidence yet"). Registered by measure code on the KPI board.
 */
export type EvidenceSource = (
  db: Kysely<DB>,
  estateId: string,
  ctx: EvidenceContext,
) => Promise<LatestEvidence | null>;

/** C4: the latest contact with any owners' organization of the estate. */
export const latestOrganizationContact: EvidenceSource = async (db, estateId, ctx) => {
  const c = await orgs.latestContact(db, estateId);
  if (!c) return null;
  return {
    type: 'organization_contact',
    id: c.id,
    at: toIso(c.contacted_at)!,
    summary: ctx.lang === 'en' ? `Latest contact: ${c.name}` : `最近联络：${c.name}`,
  };
};

/** C7: items of this quarter's care plan done (x of y), dated by the latest one marked done. */
export const carePlanThisQuarter: EvidenceSource = async (db, estateId, ctx) => {
  const quarter = quarterOf(ctx.today);
  const e = await carePlan.quarterEvidence(db, estateId, quarter);
  if (!e.latest?.done_at) return null;
  return {
    type: 'care_plan_item',
    id: e.latest.id,
    at: toIso(e.latest.done_at)!,
    summary:
      ctx.lang === 'en'
        ? `Care plan ${quarter}: ${e.done} of ${e.total} done`
        : `${quarter} 关怀计划已完成 ${e.done}/${e.total} 项`,
  };
};

/** Evidence sources of this module by measure code, for the KPI board. */
export const ORGANIZATION_EVIDENCE: Record<string, EvidenceSource> = {
  C4: latestOrganizationContact,
  C7: carePlanThisQuarter,
};
