import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Actor } from '../auth/index.js';
import type {
  ExportFilter,
  HouseholdIoService,
  ImportOptions,
  ImportResult,
} from './household-io.service.js';

export { HouseholdIoErrors } from './household-io.errors.js';
export { householdIoRoutes } from './household-io.routes.js';
export {
  createHouseholdIoService,
  type ExportFilter,
  type HouseholdIoDeps,
  type HouseholdIoService,
  type ImportError,
  type ImportMode,
  type ImportOptions,
  type ImportResult,
} from './household-io.service.js';

/**
 * CLI `guanjia import`: imports an .xlsx file from disk (default mode all_or_nothing, not a dry run,
 * rooms the estate lacks are errors unless `createRooms`).
 */
export async function importFile(
  service: HouseholdIoService,
  actor: Actor,
  estateId: string,
  path: string,
  opts: Partial<ImportOptions> = {},
): Promise<ImportResult> {
  const file = await readFile(path);
  return service.importWorkbook(actor, estateId, file, {
    mode: opts.mode ?? 'all_or_nothing',
    dryRun: opts.dryRun ?? false,
    createRooms: opts.createRooms ?? false,
  });
}

/**
 * CLI `guanjia export`: writes the export to `path` (a directory gets the default file name,
 * 家庭档案-<estate>-<YYYYMMDD>.xlsx). The file is readable by its owner only: it holds personal data.
 */
export async function exportFile(
  service: HouseholdIoService,
  actor: Actor,
  filter: ExportFilter,
  path: string,
): Promise<{ path: string; rows: number }> {
  const r = await service.exportWorkbook(actor, filter);
  const isDir = await stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
  const target = isDir ? join(path, r.filename) : path;
  await writeFile(target, r.buffer, { mode: 0o600 });
  return { path: target, rows: r.rows };
}
