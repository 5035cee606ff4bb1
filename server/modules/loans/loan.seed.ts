import type { Kysely } from 'kysely';
import type { LoanItemKind } from '../../../contract/loans.js';
import type { DB } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { insertItemIfMissing, mainEntrances } from './loan.repository.js';

/** Where spare parts are kept (T9). */
export const TECH_ROOM = '技术室';

/** Spare parts in the technical room a new estate starts with: kind, name, stock. */
export const DEFAULT_SPARE_PARTS: ReadonlyArray<[LoanItemKind, string, number]> = [
  ['bulb', '备用灯泡', 10],
  ['power_strip', '插线板', 4],
  ['hose', '水管', 2],
];
/** Convenience trolleys (S9) at each main entrance. */
export const TROLLEYS_PER_MAIN_ENTRANCE = 2;

/**
 * Default lending stock of an estate: a convenience trolley (便民小推车, stock 2) at each main
 * entrance (is_main = 1) and bulbs, power strips and hoses in 技术室. Idempotent: an item that
 * exists (same location, kind and name) is left as it is. Returns how many items were added.
 */
export async function seedDefaultLoanItems(db: Kysely<DB>, estateId: string, now: Date): Promise<number> {
  const at = now.toISOString();
  const base = { estate_id: estateId, created_at: at, updated_at: at, created_by: null };
  let added = 0;
  for (const e of await mainEntrances(db, estateId)) {
    if (
      await insertItemIfMissing(db, {
        ...base,
        id: newId(),
        location: e.name,
        entrance_id: e.id,
        kind: 'trolley',
        name: '便民小推车',
        stock: TROLLEYS_PER_MAIN_ENTRANCE,
      })
    )
      added++;
  }
  for (const [kind, name, stock] of DEFAULT_SPARE_PARTS) {
    if (
      await insertItemIfMissing(db, {
        ...base,
        id: newId(),
        location: TECH_ROOM,
        entrance_id: null,
        kind,
        name,
        stock,
      })
    )
      added++;
  }
  return added;
}
