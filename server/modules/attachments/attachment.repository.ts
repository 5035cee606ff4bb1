import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AttachmentsTable } from './attachment.table.js';

export type AttachmentRow = Awaited<ReturnType<typeof findAttachment>> & {};

/** A live (not deleted) attachment by id, in any estate (the caller checks the owner's scope). */
export function findAttachment(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** The owner's live attachments, oldest first. */
export function listForOwner(db: Kysely<DB>, estateId: string, ownerKind: string, ownerId: string) {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('estate_id', '=', estateId)
    .where('owner_kind', '=', ownerKind)
    .where('owner_id', '=', ownerId)
    .where('deleted_at', 'is', null)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

export async function insertAttachment(db: Kysely<DB>, row: Insertable<AttachmentsTable>): Promise<void> {
  await db.insertInto('attachments').values(row).execute();
}

/** Marks a live attachment deleted and frees its slot; false when it was already deleted. */
export async function softDelete(
  db: Kysely<DB>,
  estateId: string,
  id: string,
  by: string,
  at: string,
): Promise<boolean> {
  const r = await db
    .updateTable('attachments')
    .set((eb) => ({ deleted_at: at, deleted_by: by, slot: null, version: eb('version', '+', 1) }))
    .where('estate_id', '=', estateId)
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** True for a unique-key violation on either engine (a lost race for a slot). */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string } | null;
  return e?.code === '23505' || e?.code === 'SQLITE_CONSTRAINT_UNIQUE';
}
