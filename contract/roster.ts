import { z } from 'zod';
import { Id, IsoDate, IsoDateTime } from './common.js';
import { TeamCode } from './estates.js';

/**
 * The duty roster (值班表): who is on duty when, per estate and team. A weekly recurring pattern
 * per staff member plus dated exceptions (leave, extra shifts), edited by dispatchers and
 * managers; read by every staff member. Times are local to the estate's time zone.
 */

/** HH:MM, 00:00–24:00 (24:00 only as an end: "until midnight"). */
export const ClockTime = z
  .string()
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'HH:MM (00:00–24:00)')
  .describe('Local time HH:MM in the estate’s time zone');

/** 1 = Monday … 7 = Sunday. */
export const Weekday = z.number().int().min(1).max(7);

/**
 * A shift of the weekly pattern. An end at or before the start runs overnight into the next
 * day (19:00–07:00); an end equal to the start is a 24-hour shift.
 */
export const DutyShift = z.object({
  weekday: Weekday.describe('Day the shift starts: 1 = Monday … 7 = Sunday'),
  start: ClockTime,
  end: ClockTime,
});
export type DutyShift = z.infer<typeof DutyShift>;

export const PutDutyShiftsBody = z
  .object({
    shifts: z.array(DutyShift).max(28).describe('The whole week; replaces the previous pattern'),
    version: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Version of the pattern being replaced (0 when the person has none yet); 412 when stale'),
  })
  .strict();
export type PutDutyShiftsBody = z.infer<typeof PutDutyShiftsBody>;

export const DUTY_EXCEPTION_KINDS = ['leave', 'extra'] as const;
export const DutyExceptionKind = z.enum(DUTY_EXCEPTION_KINDS);
export type DutyExceptionKind = z.infer<typeof DutyExceptionKind>;

export const AddDutyExceptionBody = z
  .object({
    accountId: Id,
    date: IsoDate.describe('Local date the leave or extra shift starts on'),
    kind: DutyExceptionKind.describe('leave: off duty (whole day, or start–end); extra: an added shift'),
    start: ClockTime.optional().describe('Required for an extra shift; leave without times = whole day'),
    end: ClockTime.optional(),
    note: z.string().trim().max(200).optional().describe('e.g. 年假, 病假, 顶班'),
  })
  .strict();
export type AddDutyExceptionBody = z.infer<typeof AddDutyExceptionBody>;

export const DutyException = z.object({
  id: z.string(),
  accountId: z.string(),
  date: IsoDate,
  kind: DutyExceptionKind,
  start: ClockTime.nullable(),
  end: ClockTime.nullable(),
  note: z.string().nullable(),
  createdAt: IsoDateTime,
});
export type DutyException = z.infer<typeof DutyException>;

export const RosterMember = z.object({
  accountId: z.string(),
  displayName: z.string(),
  role: z.string(),
  position: z.string().nullable(),
  skills: z.array(z.string()),
  version: z.number().int().describe('Version of the weekly pattern; 0 = none yet'),
  shifts: z.array(DutyShift),
  exceptions: z.array(DutyException).describe('Leave and extra shifts in the week shown'),
  onDutyNow: z.boolean(),
});
export type RosterMember = z.infer<typeof RosterMember>;

export const RosterTeam = z.object({
  code: TeamCode,
  name: z.string(),
  nameEn: z.string(),
  members: z.array(RosterMember),
});
export type RosterTeam = z.infer<typeof RosterTeam>;

export const DutyRosterQuery = z.object({
  team: TeamCode.optional(),
  week: IsoDate.optional().describe('Any date of the week to show (Monday first); default this week'),
});
export type DutyRosterQuery = z.infer<typeof DutyRosterQuery>;

export const DutyRoster = z.object({
  estateId: z.string(),
  timeZone: z.string(),
  weekStart: IsoDate.describe('Monday of the week shown (local)'),
  now: IsoDateTime,
  teams: z.array(RosterTeam),
});
export type DutyRoster = z.infer<typeof DutyRoster>;

export const OnDutyQuery = z.object({
  at: z.iso.datetime({ offset: true }).optional().describe('The instant; default now'),
  team: TeamCode.optional(),
});
export type OnDutyQuery = z.infer<typeof OnDutyQuery>;

export const OnDutyPerson = z.object({
  accountId: z.string(),
  displayName: z.string(),
  role: z.string(),
  team: TeamCode.nullable(),
  position: z.string().nullable(),
  /** The shift covering the instant, local times. */
  from: ClockTime,
  to: ClockTime,
  extra: z.boolean().describe('An extra (dated) shift rather than the weekly pattern'),
});
export type OnDutyPerson = z.infer<typeof OnDutyPerson>;

export const OnDutyList = z.object({
  at: IsoDateTime,
  timeZone: z.string(),
  localDate: IsoDate,
  localTime: ClockTime,
  items: z.array(OnDutyPerson),
});
export type OnDutyList = z.infer<typeof OnDutyList>;
