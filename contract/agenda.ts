import { z } from 'zod';
import { Id, IsoDate } from './common.js';
import { TeamCode } from './estates.js';
import { CommitmentKind, Period, PlanStageCode } from './plan.js';
import { ServiceRequest } from './service-requests.js';
import { VisitSuggestion } from './visits.js';

/**
 * The agenda (我的待办) and the promise-keeping board (承诺兑现). Tasks are made by the scheduler
 * tick from the plan's commitments; quota tasks complete themselves when the counted visits reach
 * the target; the board is computed live from the records (visits, loyal groups …).
 */

export const TASK_STATUSES = ['open', 'done', 'missed'] as const;
export const TaskStatus = z.enum(TASK_STATUSES);
export type TaskStatus = z.infer<typeof TaskStatus>;

/**
 * quota_visits: visits owed this period (E1, S4); standing_group: keep a group (S5); manual: done
 * by hand; revisit: a revisit (回访, T4, T6, E15) owed by its owner, done when the revisit is.
 */
export const TASK_KINDS = ['quota_visits', 'standing_group', 'manual', 'revisit'] as const;
export const TaskKind = z.enum(TASK_KINDS);

export const TaskEvidence = z.object({
  visitIds: z.array(z.string()).optional().describe('Visits that counted (quota tasks) or were linked'),
  householdIds: z.array(z.string()).optional().describe('Loyal-group members (standing tasks)'),
  requestIds: z.array(z.string()).optional(),
  revisitIds: z.array(z.string()).optional().describe('The revisit a revisit task is about'),
  note: z.string().optional(),
});
export type TaskEvidence = z.infer<typeof TaskEvidence>;

export const AgendaTask = z.object({
  id: z.string(),
  estateId: z.string(),
  commitmentId: z.string().nullable(),
  measureCode: z.string(),
  assigneeId: z.string().nullable().describe('null: a household-scoped task'),
  subject: z.string().describe('Household or request id the task is about; empty for a per-person task'),
  periodKey: z.string().describe('2026-W48, 2026-11, 2026-H2 …'),
  periodStart: IsoDate,
  periodEnd: IsoDate.describe('First day after the period'),
  kind: TaskKind,
  title: z.string().describe("In the request's language"),
  titleZh: z.string(),
  titleEn: z.string(),
  target: z.number().nullable(),
  progress: z.number().describe('Counted so far (live for open quota tasks)'),
  dueAt: z.string(),
  status: TaskStatus,
  overdue: z.boolean().describe('Open past its due time, or missed: shown in red'),
  doneAt: z.string().nullable(),
  evidence: TaskEvidence,
  createdAt: z.string(),
});
export type AgendaTask = z.infer<typeof AgendaTask>;

export const GetAgendaQuery = z
  .object({
    date: IsoDate.optional().describe('Business date (estate time zone); default today'),
    assignee: z.string().min(1).max(64).default('me').describe('`me` or an account id (agenda.team)'),
    estateId: Id.optional().describe("Default: the assignee's first estate"),
  })
  .strict();
export type GetAgendaQuery = z.infer<typeof GetAgendaQuery>;

export const OwedVisits = z.object({
  taskId: z.string(),
  measureCode: z.string(),
  periodKey: z.string(),
  done: z.number(),
  target: z.number(),
  remaining: z.number(),
  dueAt: z.string(),
});

export const Agenda = z.object({
  estateId: z.string(),
  assignee: z.object({ id: z.string(), name: z.string(), role: z.string() }),
  date: IsoDate,
  week: z.object({ start: IsoDate, end: IsoDate.describe('First day after the week') }),
  today: z.array(AgendaTask).describe('Open tasks due today'),
  thisWeek: z.array(AgendaTask).describe('Tasks due this week (any status), and open tasks due later'),
  overdue: z.array(AgendaTask).describe('Open past due, or missed in the last 14 days'),
  owed: z.array(OwedVisits).describe('Visits still owed in the current period, with progress'),
  suggestions: z
    .array(VisitSuggestion)
    .describe('Households to visit next (at most 5), when visits are owed'),
  requests: z.object({
    open: z.number().describe('Open service requests assigned to the assignee'),
    more: z.boolean().describe('true: more than `open` (the count is capped)'),
    items: z.array(ServiceRequest).describe('The first few, most urgent first'),
  }),
});
export type Agenda = z.infer<typeof Agenda>;

export const CompleteTaskBody = z
  .object({
    evidence: z
      .object({
        visitIds: z.array(Id).max(50).optional(),
        requestIds: z.array(Id).max(50).optional(),
        note: z.string().trim().max(1000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type CompleteTaskBody = z.infer<typeof CompleteTaskBody>;

export const GetKpiBoardQuery = z
  .object({
    period: z
      .string()
      .regex(/^\d{4}-(\d{2}|W\d{2})$/, 'YYYY-MM or YYYY-Www')
      .optional()
      .describe('A month (2026-11) or an ISO week (2026-W48); default this month'),
  })
  .strict();

export const KPI_STATUSES = ['ok', 'no_data', 'no_commitment'] as const;

const share = z.number().nullable().describe('0–1; null when nothing was owed');

export const KpiPeriod = z.object({
  key: z.string(),
  start: IsoDate,
  end: IsoDate,
  target: z.number().nullable(),
  owed: z.number().describe('Person-periods (or households) that owed the target'),
  met: z.number(),
  compliance: share,
  inProgress: z.boolean(),
});

export const KpiPerson = z.object({
  accountId: z.string(),
  name: z.string(),
  role: z.string(),
  team: z.string().nullable(),
  target: z.number().nullable().describe('Target of the latest period'),
  actual: z.number().describe('Counted over the board period'),
  owed: z.number(),
  met: z.number(),
  compliance: share,
  evidenceIds: z.array(z.string()),
});

export const KpiRow = z.object({
  measureId: z.string(),
  measureCode: z.string(),
  textZh: z.string(),
  textEn: z.string().nullable(),
  team: TeamCode,
  stage: PlanStageCode,
  commitmentId: z.string().nullable(),
  commitmentCode: z.string().nullable(),
  kind: CommitmentKind.nullable(),
  period: Period.nullable(),
  per: z.enum(['person', 'household']).nullable(),
  unit: z.string().nullable(),
  status: z.enum(KPI_STATUSES),
  reason: z.string().nullable().describe('Why no figure (no_data), in English'),
  target: z.number().nullable().describe('Per person or per household, for the latest period'),
  actual: z.number().nullable().describe('Counted in the board period'),
  owed: z.number().nullable(),
  met: z.number().nullable(),
  compliance: share,
  periods: z.array(KpiPeriod),
  byTeam: z.array(
    z.object({ team: z.string().nullable(), owed: z.number(), met: z.number(), compliance: share }),
  ),
  byPerson: z.array(KpiPerson),
  trend: z
    .array(z.object({ key: z.string(), start: IsoDate, target: z.number().nullable(), compliance: share }))
    .nullable()
    .describe('12 weeks ending with the board period, for weekly quotas'),
  evidence: z.object({
    type: z.enum(['visit', 'household', 'revisit']).nullable(),
    ids: z.array(z.string()),
    truncated: z.boolean(),
  }),
  latestEvidence: z
    .object({
      type: z.string(),
      id: z.string(),
      at: z.string(),
      summary: z
        .string()
        .optional()
        .describe("What the record shows, in the request's language (C7: done x of y this quarter)"),
    })
    .nullable()
    .describe('no_commitment rows: the latest record that shows the measure being done, if any'),
});
export type KpiRow = z.infer<typeof KpiRow>;

export const KpiBoard = z.object({
  estateId: z.string(),
  period: z.object({ key: z.string(), start: IsoDate, end: IsoDate }),
  generatedAt: z.string(),
  headline: z.object({
    kept: z.number(),
    total: z.number(),
    text: z.string().describe('承诺兑现 x / y, in the request’s language'),
    definition: z.string(),
  }),
  rows: z.array(KpiRow),
});
export type KpiBoard = z.infer<typeof KpiBoard>;

export const AgendaTickResult = z.object({
  estateId: z.string(),
  date: IsoDate,
  created: z.number(),
  closed: z.number().describe('Past-period tasks closed as done'),
  missed: z.number(),
  completed: z.number().describe('Current-period tasks that reached their target'),
});
export type AgendaTickResult = z.infer<typeof AgendaTickResult>;
