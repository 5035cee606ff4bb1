import type { Kysely } from 'kysely';

// Frozen once shipped: must not import application code. (Filled in by the module that owns it.)
export async function up(_db: Kysely<any>): Promise<void> {}

export async function down(_db: Kysely<any>): Promise<void> {}
