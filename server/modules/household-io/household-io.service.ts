import { type Actor, requireCap, requireEstate } from '../auth/index.js';
import { EXAMPLES } from './household-io.columns.js';
import { runExport } from './household-io.export.js';
import { runImport } from './household-io.import.js';
import { addDataSheet, addHelpSheet } from './household-io.template.js';
import type { ExportFilter, HouseholdIoDeps, ImportOptions, ImportResult } from './household-io.types.js';
import { writeWorkbook } from './household-io.xlsx.js';

export type {
  ExportFilter,
  HouseholdIoDeps,
  ImportError,
  ImportMode,
  ImportOptions,
  ImportResult,
} from './household-io.types.js';

export type HouseholdIoService = ReturnType<typeof createHouseholdIoService>;

/**
 * Household archives to and from Excel (家庭档案导入导出): template, import, export. The work is
 * done in household-io.template / .validate / .import / .rooms / .export; this checks who may.
 */
export function createHouseholdIoService(deps: HouseholdIoDeps) {
  return {
    /** Throws 403/404 before an upload is read when the actor may not import into the estate. */
    authorizeImport(actor: Actor, estateId: string): void {
      requireCap(actor, 'household.import');
      requireEstate(actor, estateId);
    },

    /** The .xlsx import template: three data sheets with one example each, dropdowns, and 说明. */
    async template(actor: Actor): Promise<Buffer> {
      requireCap(actor, 'household.import');
      return writeWorkbook((wb) => {
        for (const sheet of ['households', 'members', 'vehicles'] as const)
          addDataSheet(wb, sheet, EXAMPLES[sheet], { example: true });
        addHelpSheet(wb);
      });
    },

    /**
     * Imports households (and their members and vehicles) from an .xlsx workbook. Every row is
     * validated first; errors name the sheet, the Excel row and the column. A room that has an
     * archive is updated (members and vehicles replaced by the file's), others are created; with
     * `createRooms`, so are the buildings, units and rooms the file names but the estate lacks.
     * All writes happen in one transaction: nothing partial is left if one fails.
     */
    async importWorkbook(
      actor: Actor,
      estateId: string,
      file: Buffer,
      opts: ImportOptions,
    ): Promise<ImportResult> {
      requireCap(actor, 'household.import');
      requireEstate(actor, estateId);
      return runImport(deps, actor, estateId, file, opts);
    },

    /**
     * Exports the households matching the list filter (the search of GET /households) with their
     * members and vehicles, in the template's layout so the file can be edited and imported again.
     * Phones and e-mail addresses are always masked, and so are the names of members under 14.
     */
    async exportWorkbook(
      actor: Actor,
      filter: ExportFilter,
    ): Promise<{ buffer: Buffer; filename: string; rows: number }> {
      requireCap(actor, 'household.export');
      return runExport(deps, actor, filter);
    },
  };
}
