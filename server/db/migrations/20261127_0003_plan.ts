import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen once shipped: must not import application code. The service plan (五步一法) as data:
// measures with their history, commitments and their effective-dated targets. Every table is
// keyed by estate_id first (tenant key). Timestamps are timestamptz / ISO text, JSON jsonb /
// text, booleans 0/1; effective_from is a business date (YYYY-MM-DD text) on both engines.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const json = pg ? sql`jsonb` : sql`text`;

  await db.schema
    .createTable('plan_measures')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull()) // S1 … T11, or X1, X2 … for the estate's own
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('team_code', 'text', (c) => c.notNull())
    .addColumn('roles', json, (c) => c.notNull()) // roles the text names (managers, squad leaders …)
    .addColumn('text_zh', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text')
    .addColumn('purpose_zh', 'text')
    .addColumn('purpose_en', 'text')
    .addColumn('key_points_zh', 'text')
    .addColumn('key_points_en', 'text')
    .addColumn('action_time', 'text', (c) => c.notNull()) // on_entry (中标进场实施) | all_year (长年)
    .addColumn('is_public', 'integer', (c) => c.notNull().defaultTo(1)) // 0: not promised publicly
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active')) // active | retired
    .addColumn('is_custom', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('plan_measures_pk', ['estate_id', 'id'])
    .addUniqueConstraint('plan_measures_code_uq', ['estate_id', 'code'])
    .execute();
  await db.schema
    .createIndex('plan_measures_sort')
    .on('plan_measures')
    .columns(['estate_id', 'sort', 'code'])
    .execute();

  // Every change to a measure: who, when, the version it made, field changes old → new.
  await db.schema
    .createTable('plan_measure_changes')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('measure_id', 'text', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('changes', json, (c) => c.notNull())
    .addPrimaryKeyConstraint('plan_measure_changes_pk', ['estate_id', 'id'])
    .addForeignKeyConstraint(
      'plan_measure_changes_measure_fk',
      ['estate_id', 'measure_id'],
      'plan_measures',
      ['estate_id', 'id'],
    )
    .execute();
  await db.schema
    .createIndex('plan_measure_changes_measure')
    .on('plan_measure_changes')
    .columns(['estate_id', 'measure_id', 'at'])
    .execute();

  // Machine-checked promises of a measure: kind quota | standing | event_followup, rule in config.
  await db.schema
    .createTable('commitments')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('measure_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull()) // stable key, e.g. E1.visits
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('config', json, (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('commitments_pk', ['estate_id', 'id'])
    .addUniqueConstraint('commitments_code_uq', ['estate_id', 'code'])
    .addForeignKeyConstraint('commitments_measure_fk', ['estate_id', 'measure_id'], 'plan_measures', [
      'estate_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('commitments_measure')
    .on('commitments')
    .columns(['estate_id', 'measure_id'])
    .execute();

  // Effective-dated targets: a period uses the version in effect on its first day.
  await db.schema
    .createTable('commitment_targets')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('commitment_id', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('target', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('commitment_targets_pk', ['estate_id', 'commitment_id', 'effective_from'])
    .addForeignKeyConstraint(
      'commitment_targets_commitment_fk',
      ['estate_id', 'commitment_id'],
      'commitments',
      ['estate_id', 'id'],
    )
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['commitment_targets', 'commitments', 'plan_measure_changes', 'plan_measures']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
