import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen once shipped: must not import application code. Ratings (issue 3): the service
// supervision card (服务监督卡, T3) of each completed request, the links (tokens) handed to the
// resident, failed token guesses (throttling), and revisits (T4 low score, T6 one-month
// follow-up, E15 front-line follow-up). Tenant tables are keyed by estate_id first; the natural
// unique keys (estate_id, request_id) and (estate_id, request_id, kind) make creation idempotent.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;

  await db.schema
    .createTable('rating_cards')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text')
    .addColumn('team_code', 'text', (c) => c.notNull())
    .addColumn('service_name_zh', 'text', (c) => c.notNull())
    .addColumn('service_name_en', 'text')
    .addColumn('technician_id', 'text')
    .addColumn('technician_name', 'text')
    .addColumn('completed_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // pending | submitted
    .addColumn('punctuality', 'integer')
    .addColumn('attitude', 'integer')
    .addColumn('skill', 'integer')
    .addColumn('tidiness', 'integer')
    .addColumn('overall', 'integer')
    .addColumn('comment', 'text')
    .addColumn('submitted_at', ts)
    .addColumn('reply', 'text')
    .addColumn('reply_due_at', ts) // set when a comment arrives
    .addColumn('replied_at', ts)
    .addColumn('replied_by', 'text')
    .addColumn('replied_by_name', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('rating_cards_pk', ['estate_id', 'id'])
    .addUniqueConstraint('rating_cards_request_uq', ['estate_id', 'request_id'])
    .addForeignKeyConstraint('rating_cards_request_fk', ['estate_id', 'request_id'], 'service_requests', [
      'estate_id',
      'id',
    ])
    .execute();
  // Cards are addressed by id alone in URLs (/api/rating-cards/:id/reply).
  await db.schema.createIndex('rating_cards_id').on('rating_cards').column('id').execute();
  await db.schema
    .createIndex('rating_cards_list')
    .on('rating_cards')
    .columns(['estate_id', 'status', 'created_at', 'id'])
    .execute();
  await db.schema
    .createIndex('rating_cards_submitted')
    .on('rating_cards')
    .columns(['estate_id', 'submitted_at'])
    .execute();

  // One row per link handed out (printed card, message): only the SHA-256 of the token is kept.
  await db.schema
    .createTable('rating_card_links')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('card_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull()) // print | link
    .addColumn('issued_at', ts, (c) => c.notNull())
    .addColumn('issued_by', 'text')
    .addPrimaryKeyConstraint('rating_card_links_pk', ['estate_id', 'token_hash'])
    .addForeignKeyConstraint('rating_card_links_card_fk', ['estate_id', 'card_id'], 'rating_cards', [
      'estate_id',
      'id',
    ])
    .execute();
  // The public page knows only the token: look it up by hash alone.
  await db.schema
    .createIndex('rating_card_links_hash')
    .on('rating_card_links')
    .column('token_hash')
    .unique()
    .execute();

  // Failed token lookups per client address (like login_attempts: not tied to an estate).
  await db.schema
    .createTable('rating_token_failures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('rating_token_failures_ip_at')
    .on('rating_token_failures')
    .columns(['ip', 'at'])
    .execute();

  await db.schema
    .createTable('revisits')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // low_score | routine_30d | front_line_follow_up
    .addColumn('card_id', 'text')
    .addColumn('household_id', 'text')
    .addColumn('room_code', 'text')
    .addColumn('service_name_zh', 'text', (c) => c.notNull())
    .addColumn('team_code', 'text', (c) => c.notNull())
    .addColumn('technician_id', 'text')
    .addColumn('owner_id', 'text')
    .addColumn('owner_name', 'text')
    .addColumn('reason', 'text') // e.g. the low scores that started it
    .addColumn('due_at', ts, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | done
    .addColumn('analysis', 'text')
    .addColumn('adjustment', 'text')
    .addColumn('outcome', 'text')
    .addColumn('completed_at', ts)
    .addColumn('completed_by', 'text')
    .addColumn('completed_by_name', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('revisits_pk', ['estate_id', 'id'])
    .addUniqueConstraint('revisits_natural_uq', ['estate_id', 'request_id', 'kind'])
    .addForeignKeyConstraint('revisits_request_fk', ['estate_id', 'request_id'], 'service_requests', [
      'estate_id',
      'id',
    ])
    .execute();
  await db.schema.createIndex('revisits_id').on('revisits').column('id').execute();
  await db.schema
    .createIndex('revisits_owner')
    .on('revisits')
    .columns(['estate_id', 'owner_id', 'status', 'due_at'])
    .execute();
  await db.schema
    .createIndex('revisits_due')
    .on('revisits')
    .columns(['estate_id', 'status', 'due_at', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['revisits', 'rating_token_failures', 'rating_card_links', 'rating_cards']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
