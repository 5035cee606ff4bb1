import type { CommitmentConfig } from '../../../contract/plan.js';

export interface DefaultCommitment {
  /** Stable key per estate (seeding is idempotent on it). */
  code: string;
  measureCode: string;
  config: CommitmentConfig;
  target: number;
}

/**
 * The machine-checked promises of the default plan. Targets are the source's numbers where it
 * gives them (2 a week, 1 a month, 10 households, every half year, a month later); 48 hours and
 * 7 days are our defaults for "promptly" (T4, E15), editable per estate.
 */
export const DEFAULT_COMMITMENTS: DefaultCommitment[] = [
  {
    code: 'E1.visits',
    measureCode: 'E1',
    config: {
      kind: 'quota',
      period: 'week',
      per: 'person',
      roles: ['env_supervisor', 'manager'],
      activity: 'visit',
    },
    target: 2,
  },
  {
    code: 'S4.advisory_visits',
    measureCode: 'S4',
    config: {
      kind: 'quota',
      period: 'month',
      per: 'person',
      roles: ['squad_leader'],
      activity: 'visit',
      visitKinds: ['advisory'],
    },
    target: 1,
  },
  {
    code: 'S2.safety_checks',
    measureCode: 'S2',
    config: {
      kind: 'quota',
      period: 'half_year',
      per: 'household',
      roles: ['guard', 'squad_leader'],
      activity: 'safety_check',
    },
    target: 1,
  },
  {
    code: 'S5.loyal_group',
    measureCode: 'S5',
    config: {
      kind: 'standing',
      per: 'person',
      roles: ['squad_leader'],
      group: 'loyal_households',
      period: 'month',
      contactEvery: 'month',
    },
    target: 10,
  },
  {
    code: 'T4.low_score_revisit',
    measureCode: 'T4',
    config: {
      kind: 'event_followup',
      trigger: 'low_score',
      scoreAtMost: 3,
      timing: 'within',
      unit: 'hours',
      assignTo: 'team',
      roles: ['technician', 'manager'],
      period: 'month',
      channel: 'visit',
    },
    target: 48,
  },
  {
    code: 'T6.revisit',
    measureCode: 'T6',
    config: {
      kind: 'event_followup',
      trigger: 'job_completed',
      timing: 'after',
      unit: 'days',
      graceDays: 7,
      assignTo: 'team',
      roles: ['technician'],
      period: 'month',
    },
    target: 30,
  },
  {
    code: 'E15.followup',
    measureCode: 'E15',
    config: {
      kind: 'event_followup',
      trigger: 'help_given',
      timing: 'within',
      unit: 'days',
      assignTo: 'handler',
      roles: ['cleaner', 'env_supervisor'],
      period: 'month',
    },
    target: 7,
  },
  {
    // Each festival is an event; every household with a greetings consent gets an SMS by the
    // end of the festival day (0 days late). Festival dates come from the calendar module.
    code: 'C9.festival_sms',
    measureCode: 'C9',
    config: {
      kind: 'event_followup',
      trigger: 'festival',
      timing: 'within',
      unit: 'days',
      assignTo: 'team',
      roles: ['butler', 'culture'],
      period: 'month',
      festivals: [
        'new_year',
        'spring_festival',
        'lantern',
        'dragon_boat',
        'mid_autumn',
        'double_ninth',
        'national_day',
      ],
      channel: 'sms',
      consentPurpose: 'greetings',
    },
    target: 0,
  },
];

/**
 * The first version of every default target applies to every period until a manager changes it
 * (the plan is what was promised from the day the site was taken over).
 */
export const BASE_EFFECTIVE_FROM = '2000-01-01';
