import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen once shipped: must not import application code. Campaigns (issue 5: C9, E12, E10,
// E11, T10): an audience from the archive, a purpose, a template and a channel; started, they
// put one outbox message per recipient (key `campaign:<id>:<member>`). Keyed by estate_id first.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const json = pg ? sql`jsonb` : sql`text`;

  await db.schema
    .createTable('campaigns')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull()) // greetings | tips | health_tips | service_notices
    .addColumn('template_code', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull()) // dev | portal | sms_aliyun | sms_tencent
    .addColumn('audience', json, (c) => c.notNull()) // {buildingIds?, tags?, careFlags?, occupancy?}
    .addColumn('festival', 'text') // 中秋节 … when proposed from the calendar
    .addColumn('scheduled_at', ts) // null: on start
    .addColumn('throttle_per_minute', 'integer') // null: no throttle
    .addColumn('status', 'text', (c) => c.notNull()) // draft | running | done | cancelled
    .addColumn('audience_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('enqueued_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('started_at', ts)
    .addColumn('started_by', 'text')
    .addPrimaryKeyConstraint('campaigns_pk', ['estate_id', 'id'])
    .execute();
  await db.schema.createIndex('campaigns_id').on('campaigns').column('id').execute();
  await db.schema
    .createIndex('campaigns_estate_created')
    .on('campaigns')
    .columns(['estate_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('campaigns').ifExists().execute();
}
