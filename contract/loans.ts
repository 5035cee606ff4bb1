import { z } from 'zod';
import { Id, PageQuery } from './common.js';
import { ServiceTeam } from './service-requests.js';

/**
 * Lending of returnable items (T9 spare parts lent for temporary use, S9 convenience trolleys at
 * the main entrances). Internal only: spare-part lending is not promised publicly (不对外承诺).
 */
export const LOAN_ITEM_KINDS = ['trolley', 'bulb', 'power_strip', 'hose', 'tool', 'other'] as const;
export const LoanItemKind = z.enum(LOAN_ITEM_KINDS);
export type LoanItemKind = z.infer<typeof LoanItemKind>;

export const LOAN_CONDITIONS = ['ok', 'damaged', 'lost'] as const;
export const LoanCondition = z.enum(LOAN_CONDITIONS);
export type LoanCondition = z.infer<typeof LoanCondition>;

/** open: lent and not yet due; overdue: lent and past its due time; returned. */
export const LOAN_STATUSES = ['open', 'overdue', 'returned'] as const;
export const LoanStatus = z.enum(LOAN_STATUSES);
export type LoanStatus = z.infer<typeof LoanStatus>;

export const LoanItem = z.object({
  id: z.string(),
  estateId: z.string(),
  location: z.string().describe('Where it is kept: an entrance name or 技术室'),
  entranceId: z.string().nullable(),
  kind: LoanItemKind,
  name: z.string(),
  stock: z.number().int().describe('How many the location holds'),
  onLoan: z.number().int().describe('Open loans'),
  available: z.number().int().describe('stock − open loans'),
  active: z.boolean(),
});
export type LoanItem = z.infer<typeof LoanItem>;

export const Loan = z.object({
  id: z.string(),
  estateId: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  itemKind: LoanItemKind,
  location: z.string(),
  householdId: z.string().nullable(),
  roomCode: z.string().nullable(),
  borrowerName: z.string().describe('Masked: 张*丰'),
  borrowerPhone: z.string().nullable().describe('Masked: 138****5678'),
  lentBy: z.string(),
  lentByName: z.string(),
  lentAt: z.string(),
  dueAt: z.string(),
  returnedAt: z.string().nullable(),
  returnedTo: z.string().nullable(),
  condition: LoanCondition.nullable(),
  note: z.string().nullable(),
  status: LoanStatus,
  overdue: z.boolean(),
  version: z.number().int(),
});
export type Loan = z.infer<typeof Loan>;

const DateTime = z.string().datetime({ offset: true });

export const CreateLoanBody = z
  .object({
    itemId: Id,
    householdId: Id.optional().describe('The household borrowing, when known'),
    borrowerName: z.string().trim().min(1).max(50),
    borrowerPhone: z
      .string()
      .trim()
      .regex(/^\+?[0-9 -]{5,20}$/, 'phone number')
      .optional(),
    dueAt: DateTime.optional().describe('Default: trolley 2 hours, other items 3 days from now'),
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type CreateLoanBody = z.infer<typeof CreateLoanBody>;

export const ReturnLoanBody = z
  .object({
    condition: LoanCondition,
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export type ReturnLoanBody = z.infer<typeof ReturnLoanBody>;

export const ListLoansQuery = PageQuery.extend({
  estateId: Id.optional(),
  status: LoanStatus.optional().describe('open includes overdue loans'),
  itemId: Id.optional(),
});
export type ListLoansQuery = z.infer<typeof ListLoansQuery>;

export const DemandPeaksQuery = z.object({
  weeks: z.coerce.number().int().min(1).max(52).default(8),
  team: ServiceTeam.default('technical'),
});
export type DemandPeaksQuery = z.infer<typeof DemandPeaksQuery>;

export const DemandCell = z.object({
  weekday: z.number().int().min(1).max(7).describe('1 = Monday … 7 = Sunday, estate time zone'),
  hour: z.number().int().min(0).max(23),
  requests: z.number().int().describe('Requests created in this slot over the whole period'),
  avgPerWeek: z.number().describe('requests / weeks: requests per hour in this slot'),
  onDuty: z
    .number()
    .describe(
      'Staff on duty: from the duty roster (average over the period), else posts’ shifts × team size',
    ),
  suggested: z.number().int().describe('ceil(avgPerWeek / capacityPerHour), at least 1 in working hours'),
  underCovered: z.boolean(),
});
export type DemandCell = z.infer<typeof DemandCell>;

export const DemandPeaks = z.object({
  weeks: z.number().int(),
  team: ServiceTeam,
  timeZone: z.string(),
  from: z.string(),
  to: z.string(),
  rosterSource: z
    .enum(['roster', 'posts', 'none'])
    .describe(
      'roster: on-duty counts from the team’s duty roster (值班表); posts: the team has no roster, counts derive from posts’ shifts × team size; none: neither',
    ),
  teamSize: z.number().int(),
  shifts: z.array(z.string()).describe('The team’s post shifts used, e.g. 08:00-20:00'),
  capacityPerHour: z.number().describe('Requests one staff member handles per hour'),
  threshold: z.number().describe('Requests per staff member above which a slot is under-covered (p80)'),
  totalRequests: z.number().int(),
  cells: z.array(DemandCell).describe('168 cells, Monday 00:00 first'),
  maxAvg: z.number(),
});
export type DemandPeaks = z.infer<typeof DemandPeaks>;
