import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen once shipped: must not import application code. Service requests (issue 3): the
// service catalog of each estate as data, the requests taken by any staff member (E4) and the
// timeline of each request. Every table is keyed by estate_id first (tenant key). Timestamps
// are timestamptz / ISO text, JSON jsonb / text, booleans 0/1, money integer fen.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const json = pg ? sql`jsonb` : sql`text`;

  await db.schema
    .createTable('service_catalog')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull()) // stable key, e.g. T11.night_bulb
    .addColumn('team_code', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull()) // matched against staff skills
    .addColumn('name_zh', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('description_zh', 'text')
    .addColumn('description_en', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull()) // residents | internal (不对外承诺)
    .addColumn('price_kind', 'text', (c) => c.notNull()) // free | fixed | quote
    .addColumn('price_fen', 'integer')
    .addColumn('free_rules', json) // { urgent?, night?, maxMaterialFen? }
    .addColumn('targets', json, (c) => c.notNull()) // { urgent: {response, completion} … } minutes
    .addColumn('supervision_card', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('revisit_policy', json, (c) => c.notNull()) // { afterDays, lowScoreThreshold }
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('service_catalog_pk', ['estate_id', 'id'])
    .addUniqueConstraint('service_catalog_code_uq', ['estate_id', 'code'])
    .execute();

  await db.schema
    .createTable('service_requests')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text') // null for public-area requests
    .addColumn('room_code', 'text') // the household's room when taken, for lists
    .addColumn('location', 'text')
    .addColumn('catalog_id', 'text', (c) => c.notNull())
    .addColumn('catalog_code', 'text', (c) => c.notNull())
    .addColumn('service_name_zh', 'text', (c) => c.notNull()) // as asked, even if the catalog is renamed
    .addColumn('service_name_en', 'text')
    .addColumn('team_code', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull()) // urgent | high | normal | low
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('taken_by', 'text', (c) => c.notNull()) // first-contact staff member (E4)
    .addColumn('taken_by_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text')
    .addColumn('assignee_name', 'text')
    .addColumn('care', 'integer', (c) => c.notNull().defaultTo(0)) // 1: care-flagged household (T7), sorted first
    .addColumn('care_flags', json, (c) => c.notNull())
    .addColumn('response_due_at', ts, (c) => c.notNull())
    .addColumn('completion_due_at', ts, (c) => c.notNull())
    .addColumn('due_at', ts, (c) => c.notNull()) // the next due time: response until accepted, then completion
    .addColumn('assigned_at', ts)
    .addColumn('accepted_at', ts)
    .addColumn('started_at', ts)
    .addColumn('completed_at', ts)
    .addColumn('cancelled_at', ts)
    .addColumn('cancelled_by', 'text')
    .addColumn('cancel_reason', 'text')
    .addColumn('notes', 'text')
    .addColumn('materials', json)
    .addColumn('material_cost_fen', 'integer')
    .addColumn('minutes_spent', 'integer')
    .addColumn('charge_kind', 'text') // free | charged
    .addColumn('charged_fen', 'integer')
    .addColumn('free_basis', 'text') // catalog | rule | manual
    .addColumn('free_reason', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('service_requests_pk', ['estate_id', 'id'])
    .addForeignKeyConstraint('service_requests_catalog_fk', ['estate_id', 'catalog_id'], 'service_catalog', [
      'estate_id',
      'id',
    ])
    .execute();
  // Requests are addressed by id alone in URLs (/api/service-requests/:id).
  await db.schema.createIndex('service_requests_id').on('service_requests').column('id').execute();
  // Team queue and board: care first, then due time.
  await db.schema
    .createIndex('service_requests_queue')
    .on('service_requests')
    .columns(['estate_id', 'team_code', 'status', 'care', 'due_at', 'id'])
    .execute();
  // A technician's own jobs and the open load per person (assignment suggestions).
  await db.schema
    .createIndex('service_requests_assignee')
    .on('service_requests')
    .columns(['estate_id', 'assignee_id', 'status'])
    .execute();
  await db.schema
    .createIndex('service_requests_household')
    .on('service_requests')
    .columns(['estate_id', 'household_id', 'created_at'])
    .execute();
  // Figures by period.
  await db.schema
    .createIndex('service_requests_created')
    .on('service_requests')
    .columns(['estate_id', 'created_at'])
    .execute();

  // The timeline of a request: each change, who made it and when.
  await db.schema
    .createTable('service_request_events')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // created | assigned | accepted | started | completed | cancelled
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('details', json)
    .addPrimaryKeyConstraint('service_request_events_pk', ['estate_id', 'id'])
    .addForeignKeyConstraint(
      'service_request_events_request_fk',
      ['estate_id', 'request_id'],
      'service_requests',
      ['estate_id', 'id'],
    )
    .execute();
  await db.schema
    .createIndex('service_request_events_request')
    .on('service_request_events')
    .columns(['estate_id', 'request_id', 'at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['service_request_events', 'service_requests', 'service_catalog']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
