import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen once shipped: must not import application code. The duty roster (值班表): a weekly
// recurring pattern per staff member of an estate, and dated exceptions (leave, extra shifts).
// Every key starts with estate_id (tenant key). Timestamps are timestamptz / ISO text.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const json = pg ? sql`jsonb` : sql`text`;

  // One row per person and estate: the whole week's shifts as JSON
  // ([{weekday 1–7, start minute, end minute}], end ≤ start = overnight), replaced as a whole
  // under `version` so two editors of the same person's week cannot both win.
  await db.schema
    .createTable('duty_patterns')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('shifts', json, (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('duty_patterns_pk', ['estate_id', 'account_id'])
    .execute();

  // A dated change to the pattern: leave (the whole day, or a time range) or an extra shift.
  // `day` is the local date (YYYY-MM-DD) in the estate's time zone; minutes are local too.
  await db.schema
    .createTable('duty_exceptions')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // leave | extra
    .addColumn('start_minute', 'integer')
    .addColumn('end_minute', 'integer')
    .addColumn('note', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('duty_exceptions_pk', ['estate_id', 'id'])
    .execute();
  await db.schema
    .createIndex('duty_exceptions_day')
    .on('duty_exceptions')
    .columns(['estate_id', 'day', 'account_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('duty_exceptions').ifExists().execute();
  await db.schema.dropTable('duty_patterns').ifExists().execute();
}
