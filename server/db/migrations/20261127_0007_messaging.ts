import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen once shipped: must not import application code. The messaging outbox (one row per
// message to one recipient on one channel), templates, per-estate provider credentials
// (encrypted), opt-in/opt-out events per purpose and the resident portal inbox. Every key starts
// with estate_id (tenant key). Timestamps timestamptz / ISO text, JSON jsonb / text.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const json = pg ? sql`jsonb` : sql`text`;

  await db.schema
    .createTable('messages')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('idem_key', 'text', (c) => c.notNull()) // campaign:<id>:<member>, reminder:<plate>:<date>
    .addColumn('household_id', 'text')
    .addColumn('member_id', 'text')
    .addColumn('address', 'text', (c) => c.notNull()) // phone, e-mail or household id (portal)
    .addColumn('channel', 'text', (c) => c.notNull()) // sms_aliyun | sms_tencent | email | portal | dev
    .addColumn('template_code', 'text', (c) => c.notNull())
    .addColumn('params', json, (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // queued | sending | sent | delivered | failed | suppressed
    .addColumn('reason', 'text') // why suppressed, or why still queued (quiet_hours, no_provider)
    .addColumn('not_before', ts)
    .addColumn('next_attempt_at', ts, (c) => c.notNull())
    .addColumn('lease_until', ts) // while sending: another worker may reclaim after this
    .addColumn('claim_token', 'text') // fences the writes of the worker holding the lease
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('provider_message_id', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('sent_at', ts)
    .addPrimaryKeyConstraint('messages_pk', ['estate_id', 'id'])
    .addUniqueConstraint('messages_idem_key', ['estate_id', 'idem_key'])
    .execute();
  // GET /messages/:id looks a message up by id alone; not unique so it stays shardable.
  await db.schema.createIndex('messages_id').on('messages').column('id').execute();
  // The worker's scan: due queued messages and expired leases, across estates.
  await db.schema.createIndex('messages_due').on('messages').columns(['status', 'next_attempt_at']).execute();
  await db.schema
    .createIndex('messages_list')
    .on('messages')
    .columns(['estate_id', 'status', 'id'])
    .execute();
  // The daily cap counts what one address received since local midnight.
  await db.schema
    .createIndex('messages_address_sent')
    .on('messages')
    .columns(['estate_id', 'address', 'sent_at'])
    .execute();
  await db.schema
    .createIndex('messages_household')
    .on('messages')
    .columns(['estate_id', 'household_id', 'status'])
    .execute();

  await db.schema
    .createTable('message_templates')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('text_zh', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text')
    .addColumn('param_names', json, (c) => c.notNull()) // ordered: Tencent's TemplateParamSet is positional
    .addColumn('provider_templates', json, (c) => c.notNull()) // {sms_aliyun: {code, status}, …}
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_templates_pk', ['estate_id', 'code'])
    .execute();

  await db.schema
    .createTable('message_providers')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sign_name', 'text')
    .addColumn('settings', json, (c) => c.notNull()) // not secret: endpoint, region, sdkAppId, key id hint
    .addColumn('secrets_enc', 'text', (c) => c.notNull()) // AES-256-GCM, see messaging.crypto.ts
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_providers_pk', ['estate_id', 'channel'])
    .execute();

  // Append-only opt-in / opt-out events per purpose; the latest event decides.
  await db.schema
    .createTable('message_opt_outs')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('granted', 'integer', (c) => c.notNull()) // 1 opt-in, 0 opt-out
    .addColumn('channel', 'text')
    .addColumn('source', 'text', (c) => c.notNull()) // staff | portal | sms_reply
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('message_opt_outs_pk', ['estate_id', 'id'])
    .addForeignKeyConstraint('message_opt_outs_household_fk', ['estate_id', 'household_id'], 'households', [
      'estate_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('message_opt_outs_household')
    .on('message_opt_outs')
    .columns(['estate_id', 'household_id', 'purpose', 'at'])
    .execute();

  // The resident portal's inbox; one entry per outbox message (unique: a retry cannot duplicate).
  await db.schema
    .createTable('portal_inbox')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('message_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('body_zh', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('read_at', ts)
    .addPrimaryKeyConstraint('portal_inbox_pk', ['estate_id', 'id'])
    .addUniqueConstraint('portal_inbox_message', ['estate_id', 'message_id'])
    .execute();
  await db.schema
    .createIndex('portal_inbox_household')
    .on('portal_inbox')
    .columns(['estate_id', 'household_id', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'portal_inbox',
    'message_opt_outs',
    'message_providers',
    'message_templates',
    'messages',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
