import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen once shipped: must not import application code. The agenda (我的待办): tasks made by
// the scheduler tick from the plan's commitments (E1, S4 quotas, S5 standing targets …) and by
// other modules (revisits, seasonal care items). Every key starts with estate_id (tenant key).
// Timestamps are timestamptz / ISO text, JSON jsonb / text.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const json = pg ? sql`jsonb` : sql`text`;

  await db.schema
    .createTable('agenda_tasks')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    // '' for a task that belongs to no commitment (a manual task made by another module).
    .addColumn('commitment_id', 'text', (c) => c.notNull())
    .addColumn('measure_code', 'text', (c) => c.notNull())
    // '' (not NULL) for a household-scoped task: NULLs are distinct in a unique key on both
    // engines, so a NULL here would let two processes insert the same task twice.
    .addColumn('assignee_id', 'text', (c) => c.notNull())
    // What the task is about within the period: a household id, a request id, or '' (per person).
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull()) // 2026-W48, 2026-11, 2026-H2 …
    .addColumn('period_start', 'text', (c) => c.notNull()) // business date, estate time zone
    .addColumn('period_end', 'text', (c) => c.notNull()) // exclusive business date
    .addColumn('kind', 'text', (c) => c.notNull()) // quota_visits | standing_group | manual
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('target', 'integer') // the target that applies to the period (quota, standing)
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0)) // counted at the last evaluation
    .addColumn('due_at', ts, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull()) // open | done | missed
    .addColumn('done_at', ts)
    .addColumn('evidence', json, (c) => c.notNull()) // { visitIds: [...], householdIds, note … }
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('agenda_tasks_pk', ['estate_id', 'id'])
    // The natural key: running the tick twice, or in two processes, cannot duplicate a task.
    .addUniqueConstraint('agenda_tasks_natural', [
      'estate_id',
      'commitment_id',
      'assignee_id',
      'subject',
      'period_key',
    ])
    .execute();
  // A task is also completed by id alone (POST /agenda/tasks/:id/complete).
  await db.schema.createIndex('agenda_tasks_id').on('agenda_tasks').column('id').execute();
  await db.schema
    .createIndex('agenda_tasks_assignee')
    .on('agenda_tasks')
    .columns(['estate_id', 'assignee_id', 'due_at'])
    .execute();
  await db.schema
    .createIndex('agenda_tasks_open')
    .on('agenda_tasks')
    .columns(['estate_id', 'status', 'period_end'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('agenda_tasks').ifExists().execute();
}
