import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen once shipped: must not import application code. Weather and the entrance board (issue
// 5: S11, E16, C8): the weather source of each estate (provider secrets sealed inside config),
// the cache of provider forecasts, forecasts entered by hand at the gate, board notices (warm
// tips too) and greeting lines. Every table is keyed by estate_id first (tenant key).

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const json = pg ? sql`jsonb` : sql`text`;

  await db.schema
    .createTable('weather_sources')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('provider', 'text', (c) => c.notNull()) // qweather | open_meteo | manual
    .addColumn('config', json, (c) => c.notNull()) // settings + `sealed` (AES-256-GCM) secrets
    .addColumn('location', 'text') // LocationID, lon,lat, or lat,lon for Open-Meteo
    .addColumn('last_error', 'text')
    .addColumn('last_error_at', ts)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('weather_sources_pk', ['estate_id'])
    .execute();

  await db.schema
    .createTable('weather_cache')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('fetched_at', ts, (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull()) // qweather | open_meteo
    .addColumn('forecast', json, (c) => c.notNull())
    .addPrimaryKeyConstraint('weather_cache_pk', ['estate_id', 'date'])
    .execute();

  await db.schema
    .createTable('weather_manual')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addColumn('entered_by_name', 'text')
    .addColumn('entered_at', ts, (c) => c.notNull())
    .addColumn('forecast', json, (c) => c.notNull())
    .addPrimaryKeyConstraint('weather_manual_pk', ['estate_id', 'date'])
    .execute();

  await db.schema
    .createTable('board_notices')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // notice | warm_tip
    .addColumn('text_zh', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text')
    .addColumn('from_date', 'text', (c) => c.notNull())
    .addColumn('to_date', 'text', (c) => c.notNull())
    .addColumn('entrance_id', 'text') // null = every entrance of the estate
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('board_notices_pk', ['estate_id', 'id'])
    .execute();
  await db.schema
    .createIndex('board_notices_window')
    .on('board_notices')
    .columns(['estate_id', 'active', 'to_date', 'from_date'])
    .execute();

  await db.schema
    .createTable('board_greetings')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('text_zh', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text')
    .addColumn('festival', 'text') // shown on that festival (中秋节)
    .addColumn('from_date', 'text')
    .addColumn('to_date', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('board_greetings_pk', ['estate_id', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['board_greetings', 'board_notices', 'weather_manual', 'weather_cache', 'weather_sources'])
    await db.schema.dropTable(t).ifExists().execute();
}
