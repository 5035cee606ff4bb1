import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen once shipped: must not import application code. Photos attached to a service request
// (completion photos, issue 3) or a home visit (issue 4). The bytes live on disk under
// DATA_DIR/uploads/<estate>/… on both engines; the row keeps what is needed to serve and check
// them. Every key starts with estate_id (tenant key). Timestamps are timestamptz / ISO text.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;

  await db.schema
    .createTable('attachments')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('owner_kind', 'text', (c) => c.notNull()) // service_request | visit
    .addColumn('owner_id', 'text', (c) => c.notNull())
    // Position among the owner's live photos (1..max). Unique while live, null once deleted: two
    // uploads racing for the last place cannot both win, on either engine.
    .addColumn('slot', 'integer')
    .addColumn('uploaded_by', 'text', (c) => c.notNull())
    .addColumn('uploaded_by_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull()) // from the file's magic bytes
    .addColumn('byte_size', 'integer', (c) => c.notNull()) // as stored (metadata stripped)
    .addColumn('sha256', 'text', (c) => c.notNull()) // of the stored bytes
    .addColumn('stored_name', 'text', (c) => c.notNull()) // path under the uploads folder; random
    .addColumn('original_name', 'text') // the client's file name, display only, never a path
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('deleted_at', ts)
    .addColumn('deleted_by', 'text')
    .addPrimaryKeyConstraint('attachments_pk', ['estate_id', 'id'])
    .execute();
  // Downloads and deletes address an attachment by id alone; not unique so it stays shardable.
  await db.schema.createIndex('attachments_id').on('attachments').column('id').execute();
  await db.schema
    .createIndex('attachments_owner')
    .on('attachments')
    .columns(['estate_id', 'owner_kind', 'owner_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('attachments_slot_uq')
    .on('attachments')
    .columns(['estate_id', 'owner_kind', 'owner_id', 'slot'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('attachments').ifExists().execute();
}
