/** API types: the contract's shapes (type-only import, no runtime code) plus answers it lacks. */
import type { z } from 'zod';
import type * as C from '../../contract/index.js';

export type {
  Account,
  Agenda,
  AgendaTask,
  AssigneeSuggestion,
  AuditEvent,
  Building,
  CalendarDay,
  CalendarEntry,
  CatalogEntry,
  Commitment,
  CommitmentConfig,
  CommitmentTargetVersion,
  Consent,
  CreateVisitResult,
  CurrentUser,
  CustomFieldDef,
  DeleteHolidayResult,
  Entrance,
  Estate,
  EstateRef,
  Festival,
  HolidayList,
  Household,
  HouseholdSummary,
  KpiBoard,
  KpiRow,
  LoyalGroup,
  Member,
  Pet,
  PlanMeasure,
  PlanMeasureChange,
  PlanStage,
  PlateMapping,
  PlateOverride,
  PlateRestriction,
  PlateRule,
  Post,
  Room,
  SensitiveFact,
  ServiceFiguresReport,
  ServiceRequest,
  ServiceRequestDetail,
  StaffMember,
  Team,
  Vehicle,
  Visit,
  VisitSuggestion,
} from '../../contract/index.js';

export type Page<T> = { items: T[]; nextCursor: string | null };

export type HouseholdChange = z.infer<typeof C.HouseholdChange>;
export type CreateHouseholdBody = z.input<typeof C.CreateHouseholdBody>;
export type UpdateHouseholdBody = z.input<typeof C.UpdateHouseholdBody>;
export type MemberInput = z.input<typeof C.MemberInput>;
export type PetInput = z.input<typeof C.PetInput>;
export type VehicleInput = z.input<typeof C.VehicleInput>;
export type RecordConsentBody = z.input<typeof C.RecordConsentBody>;
export type AddSensitiveFactBody = z.input<typeof C.AddSensitiveFactBody>;
export type CreateCustomFieldBody = z.input<typeof C.CreateCustomFieldBody>;
export type UpdateCustomFieldBody = z.input<typeof C.UpdateCustomFieldBody>;
export type CreateAccountBody = z.input<typeof C.CreateAccountBody>;
export type UpdateAccountBody = z.input<typeof C.UpdateAccountBody>;
export type CreateEstateBody = z.input<typeof C.CreateEstateBody>;
export type SetBuildingButlersBody = z.input<typeof C.SetBuildingButlersBody>;
export type ListHouseholdsQuery = Omit<z.input<typeof C.ListHouseholdsQuery>, 'limit'> & { limit?: number };
export type UpdatePlanMeasureBody = z.input<typeof C.UpdatePlanMeasureBody>;
export type CreatePlanMeasureBody = z.input<typeof C.CreatePlanMeasureBody>;
export type SetCommitmentTargetBody = z.input<typeof C.SetCommitmentTargetBody>;
export type ListPlanMeasuresQuery = z.input<typeof C.ListPlanMeasuresQuery>;
export type UpsertHolidayBody = z.input<typeof C.UpsertHolidayBody>;
export type CreateServiceRequestBody = z.input<typeof C.CreateServiceRequestBody>;
export type CompleteServiceRequestBody = z.input<typeof C.CompleteBody>;
export type MaterialInput = z.input<typeof C.Material>;
export type ChargeInput = z.input<typeof C.Charge>;
export type ListServiceRequestsQuery = Omit<z.input<typeof C.ListServiceRequestsQuery>, 'limit'> & {
  limit?: number;
};
export type ServiceRequestEvent = z.infer<typeof C.RequestEvent>;
export type ServiceFiguresQuery = z.input<typeof C.ServiceFiguresQuery>;
// ---- agenda, KPI board, visits and loyal groups (issue 4), contract/agenda.ts and visits.ts
export type OwedVisits = z.infer<typeof C.OwedVisits>;
export type KpiPeriod = z.infer<typeof C.KpiPeriod>;
export type KpiPerson = z.infer<typeof C.KpiPerson>;
export type CompleteTaskBody = z.input<typeof C.CompleteTaskBody>;
export type CreateVisitBody = z.input<typeof C.CreateVisitBody>;
export type ListVisitsQuery = Omit<z.input<typeof C.ListVisitsQuery>, 'limit'> & { limit?: number };
export type VisitSuggestions = z.infer<typeof C.VisitSuggestions>;
export type SensitiveFollowUp = z.infer<typeof C.SensitiveFollowUp>;
export type LoyalGroupMember = z.infer<typeof C.LoyalGroupMember>;
export type LoyalGroupContact = z.infer<typeof C.LoyalGroupContact>;
export type LogLoyalGroupContactBody = z.input<typeof C.LogLoyalGroupContactBody>;
export type ListAuditQuery = Omit<z.input<typeof C.ListAuditQuery>, 'limit'> & { limit?: number };

/** Answer of `POST /api/households/import` (not in contract/ yet). */
export interface ImportResult {
  /** New household archives (that would be) created. */
  imported: number;
  /** Existing archives (that would be) updated. */
  updated?: number;
  unchanged?: number;
  skipped: number;
  /** Buildings, units and rooms (that would be) created by `createRooms`. */
  createdBuildings?: number;
  createdUnits?: number;
  createdRooms?: number;
  errors: { sheet?: string; row: number; column: string; message: string }[];
  /** Total problems found (the list may be capped). */
  errorCount?: number;
  dryRun: boolean;
}

export type ImportMode = 'all_or_nothing' | 'valid_rows';
