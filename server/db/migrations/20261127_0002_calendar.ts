import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen once shipped: must not import application code. Timestamps are timestamptz on
// PostgreSQL and ISO-8601 UTC text on SQLite; JSON is jsonb / text.
//
// The calendar is national reference data, not estate data: these tables carry no estate_id
// (with Citus they would be reference tables, copied to every node).

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const json = pg ? sql`jsonb` : sql`text`;

  // Official holidays and make-up workdays (调休上班), one row per date. Seeded from the
  // chinese-days data ('library'); an admin may add or correct rows ('admin'). When an admin
  // changes a library row, the library's values stay in library_* so the change can be undone.
  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'text', (c) => c.primaryKey()) // YYYY-MM-DD
    .addColumn('kind', 'text', (c) => c.notNull()) // holiday | workday
    .addColumn('name', 'text', (c) => c.notNull()) // 春节
    .addColumn('name_en', 'text')
    .addColumn('source', 'text', (c) => c.notNull()) // library | admin
    .addColumn('library_kind', 'text')
    .addColumn('library_name', 'text')
    .addColumn('library_name_en', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  // Plate tail-number restriction (尾号限行), one rule per city: the rule model is JSON.
  await db.schema
    .createTable('plate_rules')
    .addColumn('city', 'text', (c) => c.primaryKey()) // code: beijing
    .addColumn('name', 'text', (c) => c.notNull()) // 北京
    .addColumn('name_en', 'text')
    .addColumn('rule', json, (c) => c.notNull())
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('valid_to', 'text')
    .addColumn('source', 'text', (c) => c.notNull()) // default | admin
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .execute();

  // One-off changes for a date: other digits, no restriction, or odd/even days (单双号).
  await db.schema
    .createTable('plate_overrides')
    .addColumn('city', 'text', (c) => c.notNull().references('plate_rules.city').onDelete('cascade'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull()) // digits | none | odd_even
    .addColumn('digits', json, (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('reason_en', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('plate_overrides_pk', ['city', 'date'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['plate_overrides', 'plate_rules', 'calendar_days']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
