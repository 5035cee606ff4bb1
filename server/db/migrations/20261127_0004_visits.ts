import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen once shipped: must not import application code. Home visits (走访, the 客户走访表) and
// the squad leaders' loyal-household groups (S5). Every key starts with estate_id (tenant key).
// Timestamps are timestamptz / ISO text, JSON jsonb / text, booleans 0/1.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const json = pg ? sql`jsonb` : sql`text`;

  await db.schema
    .createTable('visits')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('visitor_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('visited_at', ts, (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull()) // routine | advisory | loyal_group | follow_up | safety_check
    .addColumn('met_whom', 'text')
    .addColumn('hobbies', json, (c) => c.notNull())
    .addColumn('skills', json, (c) => c.notNull())
    .addColumn('family_changes', 'text')
    .addColumn('needs', 'text')
    .addColumn('notes', 'text')
    .addColumn('satisfaction', 'integer') // 1 … 5, optional
    .addColumn('flyer_given', 'integer', (c) => c.notNull().defaultTo(0)) // C2 channels flyer
    .addColumn('write_back', json, (c) => c.notNull()) // what was written back to the archive
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('visits_pk', ['estate_id', 'id'])
    .addForeignKeyConstraint('visits_household_fk', ['estate_id', 'household_id'], 'households', [
      'estate_id',
      'id',
    ])
    .execute();
  // A visit is also fetched by id alone (GET /visits/:id); not unique so it stays shardable.
  await db.schema.createIndex('visits_id').on('visits').column('id').execute();
  await db.schema
    .createIndex('visits_household_at')
    .on('visits')
    .columns(['estate_id', 'household_id', 'visited_at'])
    .execute();
  await db.schema
    .createIndex('visits_visitor_at')
    .on('visits')
    .columns(['estate_id', 'visitor_id', 'visited_at'])
    .execute();
  await db.schema.createIndex('visits_at').on('visits').columns(['estate_id', 'visited_at']).execute();

  // Problems raised on a visit; each may later become a service request (request_id).
  await db.schema
    .createTable('visit_problems')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addPrimaryKeyConstraint('visit_problems_pk', ['estate_id', 'visit_id', 'seq'])
    .addForeignKeyConstraint(
      'visit_problems_visit_fk',
      ['estate_id', 'visit_id'],
      'visits',
      ['estate_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();

  // One loyal-household group per squad leader per estate (S5).
  await db.schema
    .createTable('loyal_groups')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('leader_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('loyal_groups_pk', ['estate_id', 'leader_id'])
    .execute();

  // The key (estate_id, household_id) makes a household a member of at most one group.
  await db.schema
    .createTable('loyal_group_members')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('leader_id', 'text', (c) => c.notNull())
    .addColumn('added_at', ts, (c) => c.notNull())
    .addColumn('added_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('loyal_group_members_pk', ['estate_id', 'household_id'])
    .addForeignKeyConstraint('loyal_group_members_group_fk', ['estate_id', 'leader_id'], 'loyal_groups', [
      'estate_id',
      'leader_id',
    ])
    .addForeignKeyConstraint(
      'loyal_group_members_household_fk',
      ['estate_id', 'household_id'],
      'households',
      ['estate_id', 'id'],
    )
    .execute();
  await db.schema
    .createIndex('loyal_group_members_leader')
    .on('loyal_group_members')
    .columns(['estate_id', 'leader_id'])
    .execute();

  // The monthly contact log of a group; kept when a household leaves the group.
  await db.schema
    .createTable('loyal_group_contacts')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('leader_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('loyal_group_contacts_pk', ['estate_id', 'id'])
    .addForeignKeyConstraint('loyal_group_contacts_group_fk', ['estate_id', 'leader_id'], 'loyal_groups', [
      'estate_id',
      'leader_id',
    ])
    .execute();
  await db.schema
    .createIndex('loyal_group_contacts_leader_at')
    .on('loyal_group_contacts')
    .columns(['estate_id', 'leader_id', 'at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'loyal_group_contacts',
    'loyal_group_members',
    'loyal_groups',
    'visit_problems',
    'visits',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
