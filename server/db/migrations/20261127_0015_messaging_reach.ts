import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen once shipped: must not import application code. Reaching residents (issue 5): the tips
// library (C8, E10, E11, T10), birth dates kept only with the resident's consent to birthday
// greetings, campaigns whose content is a tip, and delivery receipts on outbox messages.
// Timestamps timestamptz / ISO text. Keys start with estate_id (tenant key).

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;

  await db.schema
    .createTable('tips')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull()) // utilities | plants | health
    .addColumn('season', 'text') // spring | summer | autumn | winter; null = any season
    .addColumn('solar_term', 'text') // 立冬 …; null = the whole season
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('text_zh', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('seed_key', 'text') // starter tips: seeding is idempotent by this key
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('tips_pk', ['estate_id', 'id'])
    .addUniqueConstraint('tips_seed_key', ['estate_id', 'seed_key'])
    .execute();
  await db.schema.createIndex('tips_id').on('tips').column('id').execute();
  await db.schema
    .createIndex('tips_estate_category')
    .on('tips')
    .columns(['estate_id', 'category', 'season'])
    .execute();

  // Month and day only, and only while the member's consent to birthday greetings stands.
  await db.schema
    .createTable('member_birthdays')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('month_day', 'text', (c) => c.notNull()) // MM-DD
    .addColumn('granted_by_name', 'text', (c) => c.notNull()) // who agreed (member or guardian)
    .addColumn('recorded_at', ts, (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_birthdays_pk', ['estate_id', 'member_id'])
    .addForeignKeyConstraint(
      'member_birthdays_household_fk',
      ['estate_id', 'household_id'],
      'households',
      ['estate_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('member_birthdays_day')
    .on('member_birthdays')
    .columns(['estate_id', 'month_day'])
    .execute();

  await db.schema.alterTable('campaigns').addColumn('tip_id', 'text').execute();

  await db.schema.alterTable('messages').addColumn('delivered_at', ts).execute();
  // Delivery receipts name the provider's id (BizId, SerialNo) or our OutId.
  await db.schema
    .createIndex('messages_provider_id')
    .on('messages')
    .columns(['estate_id', 'provider_message_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('messages_provider_id').ifExists().execute();
  await db.schema.alterTable('messages').dropColumn('delivered_at').execute();
  await db.schema.alterTable('campaigns').dropColumn('tip_id').execute();
  await db.schema.dropTable('member_birthdays').ifExists().execute();
  await db.schema.dropTable('tips').ifExists().execute();
}
