import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import type { EstateService } from '../estates/index.js';
import type { HouseholdService } from '../households/index.js';

/** Public shapes of the import/export (re-exported by household-io.service.ts) and the plan types. */

export interface HouseholdIoDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  /** `list` gives the export the very search of GET /households. */
  households: Pick<HouseholdService, 'create' | 'update' | 'load' | 'list'>;
  estates: Pick<EstateService, 'findRoom'>;
}

export type ImportMode = 'all_or_nothing' | 'valid_rows';

export interface ImportOptions {
  /** all_or_nothing: any error imports nothing; valid_rows: households with errors are skipped. */
  mode: ImportMode;
  /** Validate and count only; nothing is written. */
  dryRun: boolean;
  /**
   * Create the buildings, units and rooms the file names (3-2-501) but the estate lacks, in the
   * import's transaction. Off (the default): such a room is an error.
   */
  createRooms?: boolean;
}

export interface ImportError {
  sheet: string;
  /** The row number Excel shows. */
  row: number;
  /** The column header (Chinese, as in the file). */
  column: string;
  message: string;
}

export interface ImportResult {
  imported: number;
  updated: number;
  unchanged: number;
  skipped: number;
  /** Buildings, units and rooms created (or, in a dry run, to be created) by `createRooms`. */
  createdBuildings: number;
  createdUnits: number;
  createdRooms: number;
  errors: ImportError[];
  errorCount: number;
  dryRun: boolean;
}

export interface ExportFilter {
  estateId?: string;
  q?: string;
  buildingId?: string;
  occupancy?: string;
  careFlag?: string;
}

// ------------------------------------------------------------------ plans (internal to the module)

/** A room the import creates (createRooms), with its building and unit, existing or new. */
export interface NewRoom {
  building: { id: string; code: string; exists: boolean };
  unit: { id: string; code: string; exists: boolean };
  number: string;
  floor: number | null;
}

export interface RoomRef {
  id: string;
  building_id: string;
  room_code: string;
  /** Set when the room does not exist yet and the import creates it. */
  create?: NewRoom;
}

export interface MemberLine {
  row: number;
  name: string;
  relation?: string | null;
  role: 'owner' | 'tenant' | 'family';
  /** undefined: column absent or masked (keep the stored number); null: blank. */
  phone?: string | null;
  maskedPhone?: string;
  /** undefined: column absent or masked (keep the stored address); null: blank. */
  email?: string | null;
  maskedEmail?: string;
  ageBand?: string | null;
  primary: boolean;
  /** The stored member this line is taken to be (same name; a kept minor by masked name). */
  match?: any;
}

export interface VehicleLine {
  row: number;
  plate: string;
  reminder: boolean;
}

/** What the file says about one household (one room). */
export interface Plan {
  row: number;
  room: RoomRef;
  invalid: boolean;
  fields: Record<string, unknown>;
  existing?: any;
  existingMembers: any[];
  existingVehicles: any[];
  members: MemberLine[];
  vehicles: VehicleLine[];
}

/** The outcome of validating a workbook. */
export interface Validated {
  errors: ImportError[];
  plans: Plan[];
  /** Household rows in the file (example rows left out). */
  householdRows: number;
  /** A sheet lacks a required column: nothing can be imported. */
  structural: boolean;
  /** Whether the file has the 家庭成员 / 车辆 sheets (absent: the stored ones are kept). */
  members: boolean;
  vehicles: boolean;
  sheetOrder: (string | undefined)[];
}
