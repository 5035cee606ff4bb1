import type { Kysely } from 'kysely';

// Frozen: must not import application code. A member's e-mail address (optional): e-mail is a
// campaign channel like SMS, so a member needs an address for it; masked like phones.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').addColumn('email', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('members').dropColumn('email').execute();
}
