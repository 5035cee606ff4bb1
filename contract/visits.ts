import { z } from 'zod';
import { Id, PageQuery } from './common.js';
import { CareFlag, ContactChannel, SensitiveCategory } from './households.js';
import { VISIT_KINDS } from './plan.js';

/**
 * Kinds on the visit form: the plan's visit kinds (routine, advisory 顾问团 (S4), loyal_group
 * (S5), follow_up) and the home safety check (居家安全检查, S2), which is recorded the same way.
 */
export const VISIT_FORM_KINDS = [...VISIT_KINDS, 'safety_check'] as const;
export const VisitKind = z.enum(VISIT_FORM_KINDS);
export type VisitKind = z.infer<typeof VisitKind>;

const DateTime = z.string().datetime({ offset: true });
const text = (max: number) => z.string().trim().max(max);
const wordList = z.array(z.string().trim().min(1).max(20)).max(30);

/** What happened to the archive when the visit was recorded. */
export const WRITE_BACK_STATUSES = [
  'not_requested', // the visit asked for no write-back
  'applied', // the archive was updated (history and audit kept by the household service)
  'unchanged', // everything learned was already in the archive
  'not_permitted', // the visitor's role may not edit archives: visit recorded, archive untouched
  'conflict', // the archive kept changing under us; the visit is recorded, edit the archive by hand
] as const;

export const VisitWriteBack = z.object({
  status: z.enum(WRITE_BACK_STATUSES),
  fields: z.array(z.string()).describe('Archive fields changed: hobbies, skills, tags, familyStructure'),
  householdVersion: z.number().nullable().describe('Archive version after the write-back'),
});

export const VisitProblem = z.object({
  index: z.number().describe('Position on the form, 0-based'),
  text: z.string(),
  requestId: z.string().nullable().describe('The service request made from it, once there is one'),
});

export const Visit = z.object({
  id: z.string(),
  estateId: z.string(),
  householdId: z.string(),
  roomCode: z.string(),
  visitorId: z.string(),
  visitorName: z.string(),
  visitedAt: z.string(),
  kind: VisitKind,
  metWhom: z.string().nullable(),
  hobbies: z.array(z.string()),
  skills: z.array(z.string()),
  familyChanges: z.string().nullable(),
  needs: z.string().nullable(),
  notes: z.string().nullable(),
  problems: z.array(VisitProblem),
  satisfaction: z.number().nullable(),
  flyerGiven: z.boolean().describe('The channels flyer (C2) was handed over'),
  writeBack: VisitWriteBack,
  createdAt: z.string(),
});
export type Visit = z.infer<typeof Visit>;

/** Sensitive facts are never stored by a visit: this tells the UI where to record them. */
export const SensitiveFollowUp = z.object({
  category: SensitiveCategory,
  purpose: z.string().describe('The consent purpose the fact needs'),
  consentActive: z.boolean().describe('The household has an active consent for it'),
  canWrite: z.boolean().describe('The visitor may store sensitive facts (sensitive.write)'),
  next: z
    .enum(['add_fact', 'record_consent', 'ask_colleague'])
    .describe('add_fact: POST addFactPath; record_consent: POST consentPath first; ask_colleague: a butler'),
  addFactPath: z.string(),
  consentPath: z.string(),
});

export const CreateVisitResult = Visit.extend({
  sensitiveFollowUp: z.array(SensitiveFollowUp),
});
export type CreateVisitResult = z.infer<typeof CreateVisitResult>;

export const CreateVisitBody = z
  .object({
    householdId: Id,
    kind: VisitKind,
    visitedAt: DateTime.optional().describe('When the visit took place; default now'),
    metWhom: text(60).optional().describe('Whom the visitor met (本人, 配偶 …)'),
    hobbies: wordList.optional(),
    skills: wordList.optional(),
    familyChanges: text(500).optional(),
    needs: text(1000).optional(),
    notes: text(2000).optional(),
    problems: z.array(text(500).min(1)).max(20).optional().describe('Problems raised, one per entry'),
    satisfaction: z.number().int().min(1).max(5).optional(),
    flyerGiven: z.boolean().optional(),
    writeBack: z
      .object({
        hobbies: wordList.optional(),
        skills: wordList.optional(),
        familyStructure: text(60).min(1).optional(),
        tags: wordList.optional(),
      })
      .strict()
      .optional()
      .describe('Merge into the archive (union, no duplicates); needs household.edit'),
    sensitiveLearned: z
      .array(SensitiveCategory)
      .max(3)
      .optional()
      .describe(
        'Categories of sensitive facts learned (never their content): the reply says how to record them',
      ),
  })
  .strict();
export type CreateVisitBody = z.infer<typeof CreateVisitBody>;

export const ListVisitsQuery = PageQuery.extend({
  estateId: Id.optional(),
  householdId: Id.optional(),
  visitorId: Id.optional().describe('`me` or an account id'),
  kind: VisitKind.optional(),
  from: DateTime.optional().describe('Visited at or after'),
  to: DateTime.optional().describe('Visited before'),
});
export type ListVisitsQuery = z.infer<typeof ListVisitsQuery>;

export const SUGGESTION_REASONS = ['never_visited', 'last_visit', 'care_flag', 'recent_move_in'] as const;

export const VisitSuggestion = z.object({
  householdId: z.string(),
  roomCode: z.string(),
  buildingId: z.string(),
  lastVisitAt: z.string().nullable(),
  daysSinceVisit: z.number().nullable(),
  careFlags: z.array(CareFlag),
  moveInDate: z.string().nullable(),
  reasons: z.array(
    z.object({
      code: z.enum(SUGGESTION_REASONS),
      detail: z
        .string()
        .nullable()
        .describe('last_visit: days; care_flag: the flag; recent_move_in: the date'),
    }),
  ),
});
export type VisitSuggestion = z.infer<typeof VisitSuggestion>;

export const VisitSuggestions = z.object({
  items: z.array(VisitSuggestion),
  buildingIds: z
    .array(z.string())
    .nullable()
    .describe("Buildings the list was limited to (a butler's own buildings); null: the whole estate"),
});

export const VisitSuggestionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(20),
  buildingId: z
    .union([Id, z.array(Id).max(50)])
    .optional()
    .transform((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v])),
});

export const LoyalGroupMember = z.object({
  householdId: z.string(),
  roomCode: z.string(),
  addedAt: z.string(),
  lastContactAt: z.string().nullable(),
});

export const LoyalGroupContact = z.object({
  id: z.string(),
  householdId: z.string(),
  roomCode: z.string(),
  at: z.string(),
  channel: ContactChannel,
  note: z.string().nullable(),
  createdBy: z.string(),
});

export const LoyalGroup = z.object({
  estateId: z.string(),
  leaderId: z.string(),
  leaderName: z.string(),
  size: z.number(),
  members: z.array(LoyalGroupMember),
  contactsThisMonth: z.number().describe("Contacts logged in the estate's current calendar month"),
  householdsContactedThisMonth: z.number(),
  lastContactAt: z.string().nullable(),
});
export type LoyalGroup = z.infer<typeof LoyalGroup>;

export const AddLoyalGroupMemberBody = z.object({ householdId: Id }).strict();

export const LogLoyalGroupContactBody = z
  .object({
    householdId: Id,
    channel: ContactChannel,
    note: text(500).optional(),
    at: DateTime.optional().describe('When the contact took place; default now'),
  })
  .strict();
export type LogLoyalGroupContactBody = z.infer<typeof LogLoyalGroupContactBody>;
