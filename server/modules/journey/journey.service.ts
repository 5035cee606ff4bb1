import type { Kysely } from 'kysely';
import type { KpiBoard } from '../../../contract/agenda.js';
import type { JourneyFunnel, JourneyStuck, MonthlyReportQuery } from '../../../contract/journey.js';
import { PLAN_STAGES, type PlanStageCode } from '../../../contract/plan.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { fromJson, localDate, startOfLocalDay } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import type { AuditService } from '../audit/audit.service.js';
import { type Actor, requireCap, requireEstate } from '../auth/index.js';
import { renderMonthlyPdf } from './journey.pdf.js';
import * as repo from './journey.repository.js';
import {
  CUMULATIVE_RULE,
  conditions,
  type HouseholdFacts,
  STAGE_NAMES,
  STAGE_RULES,
  stageIndex,
} from './journey.stages.js';
import { renderMonthlyXlsx } from './journey.xlsx.js';

export interface JourneyDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  /** The KPI board of the agenda module: the report's "promises kept" section reuses it. */
  agenda: { getKpiBoard(actor: Actor, estateId: string, period?: string): Promise<KpiBoard> };
  fontPath?: string;
}

const DAY = 86_400_000;
const ms = (v: Date | string | null | undefined) =>
  v == null ? 0 : (v instanceof Date ? v : new Date(v)).getTime();

interface Household {
  id: string;
  roomCode: string;
  roomSort: string;
  primaryName: string | null;
  stage: number;
  met: Record<PlanStageCode, boolean>;
  lastTouch: number;
}

export interface MonthlyReportData {
  estateName: string;
  month: string;
  title: string;
  generatedAt: string;
  promises: {
    kept: number;
    total: number;
    rows: {
      code: string;
      text: string;
      target: number | null;
      actual: number | null;
      compliance: number | null;
      status: string;
    }[];
  };
  visits: { kind: string; label: string; count: number }[];
  requests: {
    taken: number;
    completed: number;
    avgResponseMinutes: number | null;
    avgCompletionMinutes: number | null;
    freeJobs: number;
  };
  ratings: {
    count: number;
    averages: { criterion: string; label: string; average: number | null }[];
    lowScores: number;
    revisitsDone: number;
    revisitsOpen: number;
  };
  funnel: { code: string; label: string; atStage: number; reached: number }[];
}

export interface MonthlyReportFile {
  bytes: Buffer;
  contentType: string;
  filename: string;
  cjk: boolean;
}

const VISIT_LABELS: Record<string, string> = {
  routine: '例行走访',
  advisory: '顾问团走访',
  loyal_group: '忠诚住户走访',
  follow_up: '回访走访',
  safety_check: '居家安全检查',
};
const CRITERIA: [string, string][] = [
  ['punctuality', '准时'],
  ['attitude', '态度'],
  ['skill', '技能'],
  ['tidiness', '整洁'],
  ['overall', '总体满意度'],
];
const LOW_SCORE = 3;
const score = (r: object, c: string): number | null => (r as Record<string, number | null>)[c] ?? null;
const avg = (xs: number[]) =>
  xs.length ? Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 : null;

export function createJourneyService(deps: JourneyDeps) {
  const { db, clock } = deps;

  async function estateFor(actor: Actor, estateId: string) {
    requireCap(actor, 'kpi.read');
    requireEstate(actor, estateId);
    const estate = await repo.estateOf(db, estateId);
    if (!estate) throw CommonErrors.make('NOT_FOUND');
    return estate;
  }

  /** Every household of the estate with its stage: ten grouped queries, then a pass in memory. */
  async function households(estateId: string): Promise<Household[]> {
    const [rows, phones, visits, requests, problems, ratings, loyal, contacts, volunteers] =
      await Promise.all([
        repo.householdRows(db, estateId),
        repo.householdsWithPhone(db, estateId),
        repo.visitsByHousehold(db, estateId),
        repo.requestsByHousehold(db, estateId),
        repo.resolvedVisitProblems(db, estateId),
        repo.ratingsByHousehold(db, estateId),
        repo.loyalMembers(db, estateId),
        repo.loyalContacts(db, estateId),
        repo.volunteers(db, estateId),
      ]);
    const phoneSet = new Set(phones);
    const problemSet = new Set(problems);
    const volunteerSet = new Set(volunteers);
    const visitMap = new Map(visits.map((v) => [v.household_id, ms(v.last)]));
    const requestMap = new Map(requests.map((r) => [r.household_id!, r]));
    const ratingMap = new Map(ratings.map((r) => [r.household_id!, r]));
    const loyalMap = new Map(loyal.map((l) => [l.household_id, ms(l.added_at)]));
    const contactMap = new Map(contacts.map((c) => [c.household_id, ms(c.last)]));
    return rows.map((h) => {
      const req = requestMap.get(h.id);
      const rating = ratingMap.get(h.id);
      const hobbies = fromJson<unknown[]>(h.hobbies, []);
      const facts: HouseholdFacts = {
        archiveExists: true,
        archiveComplete:
          phoneSet.has(h.id) && !!h.family_structure?.trim() && Array.isArray(hobbies) && hobbies.length > 0,
        visited: visitMap.has(h.id),
        completedRequest: Number(req?.completed ?? 0) > 0,
        visitProblemResolved: problemSet.has(h.id),
        highScore: Number(rating?.high ?? 0) > 0,
        loyalMember: loyalMap.has(h.id),
        volunteer: volunteerSet.has(h.id),
      };
      const lastTouch = Math.max(
        ms(h.created_at),
        ms(h.updated_at),
        visitMap.get(h.id) ?? 0,
        ms(req?.last_created),
        ms(req?.last_completed),
        ms(rating?.last),
        loyalMap.get(h.id) ?? 0,
        contactMap.get(h.id) ?? 0,
      );
      return {
        id: h.id,
        roomCode: h.room_code,
        roomSort: h.room_sort,
        primaryName: h.primary_name,
        stage: stageIndex(facts),
        met: conditions(facts),
        lastTouch,
      };
    });
  }

  function funnelOf(estateId: string, list: Household[]): JourneyFunnel {
    const at = PLAN_STAGES.map(() => 0);
    for (const h of list) if (h.stage >= 0) at[h.stage]!++;
    return {
      estateId,
      generatedAt: clock.now().toISOString(),
      households: list.length,
      stages: PLAN_STAGES.map((code, i) => ({
        code,
        order: i + 1,
        name: STAGE_NAMES[code][0],
        nameEn: STAGE_NAMES[code][1],
        definition: STAGE_RULES[code][0],
        definitionZh: STAGE_RULES[code][1],
        atStage: at[i]!,
        reached: at.slice(i).reduce((a, b) => a + b, 0),
        conditionMet: list.filter((h) => h.met[code]).length,
      })),
      definitions: {
        cumulative: CUMULATIVE_RULE,
        learn: `了解 = ${STAGE_RULES.learn[0]}`,
        lastTouch:
          'Last touch: the latest of the archive creation or change, a visit, a service request taken or completed, a rating, a loyal-group membership or contact',
      },
    };
  }

  async function reportData(actor: Actor, estateId: string, month?: string): Promise<MonthlyReportData> {
    const estate = await estateFor(actor, estateId);
    const tz = estate.time_zone;
    const key = month ?? localDate(clock.now(), tz).slice(0, 7);
    const [y, m] = key.split('-').map(Number) as [number, number];
    const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
    const from = startOfLocalDay(`${key}-01`, tz).toISOString();
    const to = startOfLocalDay(next, tz).toISOString();
    const [board, visits, requests, ratings, revisits, list] = await Promise.all([
      deps.agenda.getKpiBoard(actor, estateId, key),
      repo.visitCountsByKind(db, estateId, from, to),
      repo.requestRows(db, estateId, from, to),
      repo.ratingRows(db, estateId, from, to),
      repo.lowScoreRevisits(db, estateId, from, to),
      households(estateId),
    ]);
    const inMonth = (v: Date | string | null) => {
      const t = ms(v);
      return v != null && t >= Date.parse(from) && t < Date.parse(to);
    };
    const taken = requests.filter((r) => inMonth(r.created_at));
    const done = requests.filter((r) => r.status === 'completed' && inMonth(r.completed_at));
    const minutes = (a: Date | string | null, b: Date | string | null) => (ms(b) - ms(a)) / 60_000;
    const funnel = funnelOf(estateId, list);
    const low = ratings.filter(
      // Low: any criterion ≤ 3 (the default low-score threshold of the ratings module).
      (r) => CRITERIA.some(([c]) => (score(r, c) ?? 5) <= LOW_SCORE),
    );
    return {
      estateName: estate.name,
      month: key,
      title: `${estate.name} ${y}年${m}月物业服务月报`,
      generatedAt: clock.now().toISOString(),
      promises: {
        kept: board.headline.kept,
        total: board.headline.total,
        rows: board.rows
          .filter((r) => r.commitmentId)
          .map((r) => ({
            code: r.measureCode,
            text: r.textZh,
            target: r.target,
            actual: r.actual,
            compliance: r.compliance,
            status: r.status,
          })),
      },
      visits: visits
        .sort((a, b) => b.count - a.count)
        .map((v) => ({ kind: v.kind, label: VISIT_LABELS[v.kind] ?? v.kind, count: v.count })),
      requests: {
        taken: taken.length,
        completed: done.length,
        avgResponseMinutes: avg(
          taken.filter((r) => r.accepted_at).map((r) => Math.round(minutes(r.created_at, r.accepted_at))),
        ),
        avgCompletionMinutes: avg(done.map((r) => Math.round(minutes(r.created_at, r.completed_at)))),
        freeJobs: done.filter((r) => r.charge_kind === 'free').length,
      },
      ratings: {
        count: ratings.length,
        averages: CRITERIA.map(([c, label]) => ({
          criterion: c,
          label,
          average: avg(ratings.map((r) => score(r, c)).filter((x): x is number => x != null)),
        })),
        lowScores: low.length,
        revisitsDone: revisits.filter((r) => r.status === 'done').length,
        revisitsOpen: revisits.filter((r) => r.status !== 'done').length,
      },
      funnel: funnel.stages.map((s) => ({
        code: s.code,
        label: s.name,
        atStage: s.atStage,
        reached: s.reached,
      })),
    };
  }

  return {
    /** GET /estates/:estateId/journey — the estate funnel. */
    async getFunnel(actor: Actor, estateId: string): Promise<JourneyFunnel> {
      await estateFor(actor, estateId);
      return funnelOf(estateId, await households(estateId));
    },

    /** Households whose current stage is `stage`, longest since the last touch first. */
    async stuck(actor: Actor, estateId: string, stage: PlanStageCode, limit = 50): Promise<JourneyStuck> {
      await estateFor(actor, estateId);
      const i = PLAN_STAGES.indexOf(stage);
      const now = clock.now().getTime();
      const at = (await households(estateId)).filter((h) => h.stage === i);
      at.sort((a, b) => a.lastTouch - b.lastTouch || a.roomSort.localeCompare(b.roomSort));
      return {
        estateId,
        stage,
        total: at.length,
        items: at.slice(0, limit).map((h) => ({
          householdId: h.id,
          roomCode: h.roomCode,
          primaryName: h.primaryName,
          lastTouchAt: new Date(h.lastTouch).toISOString(),
          daysSinceLastTouch: Math.max(0, Math.floor((now - h.lastTouch) / DAY)),
        })),
      };
    },

    reportData,

    /** The monthly service report for the owners' committee (counts only), as PDF or Excel. */
    async monthlyReport(actor: Actor, estateId: string, q: MonthlyReportQuery): Promise<MonthlyReportFile> {
      const data = await reportData(actor, estateId, q.month);
      const format = q.format ?? 'pdf';
      let file: MonthlyReportFile;
      if (format === 'xlsx') {
        file = {
          bytes: await renderMonthlyXlsx(data),
          contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          filename: `monthly-report-${data.month}.xlsx`,
          cjk: true,
        };
      } else {
        const pdf = await renderMonthlyPdf(data, deps.fontPath);
        file = {
          bytes: pdf.bytes,
          contentType: 'application/pdf',
          filename: `monthly-report-${data.month}.pdf`,
          cjk: pdf.cjk,
        };
      }
      await deps.audit.record({
        actor,
        action: 'export.monthly_report',
        estateId,
        details: { month: data.month, format, bytes: file.bytes.length },
      });
      return file;
    },
  };
}

export type JourneyService = ReturnType<typeof createJourneyService>;
