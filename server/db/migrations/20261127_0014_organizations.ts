import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: must not import application code. Timestamps: timestamptz (pg) / ISO text (SQLite).
// Owners' organizations and associations with members and a contact log (C4), and the seasonal
// care plan table per quarter (C7). Every key starts with estate_id (tenant key).
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;

  await db.schema
    .createTable('organizations')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('manager_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('meeting_place', 'text')
    .addColumn('meeting_time', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('organizations_pk', ['estate_id', 'id'])
    .execute();
  await db.schema.createIndex('organizations_id').on('organizations').column('id').execute();
  // One organization of a name per estate.
  await db.schema
    .createIndex('organizations_name_uq')
    .on('organizations')
    .columns(['estate_id', 'name'])
    .unique()
    .execute();

  await db.schema
    .createTable('organization_members')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('role', 'text') // 主任, 队长 … (free text)
    .addColumn('joined_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('organization_members_pk', ['estate_id', 'organization_id', 'household_id'])
    .addForeignKeyConstraint(
      'organization_members_org_fk',
      ['estate_id', 'organization_id'],
      'organizations',
      ['estate_id', 'id'],
    )
    .addForeignKeyConstraint(
      'organization_members_household_fk',
      ['estate_id', 'household_id'],
      'households',
      ['estate_id', 'id'],
    )
    .execute();
  await db.schema
    .createIndex('organization_members_household')
    .on('organization_members')
    .columns(['estate_id', 'household_id'])
    .execute();

  await db.schema
    .createTable('organization_contacts')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('organization_id', 'text', (c) => c.notNull())
    .addColumn('contacted_at', ts, (c) => c.notNull())
    .addColumn('staff_id', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull()) // meeting | visit | phone | wechat | event | other
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('follow_up', 'text')
    .addColumn('follow_up_done_at', ts)
    .addColumn('follow_up_done_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('organization_contacts_pk', ['estate_id', 'id'])
    .addForeignKeyConstraint(
      'organization_contacts_org_fk',
      ['estate_id', 'organization_id'],
      'organizations',
      ['estate_id', 'id'],
    )
    .execute();
  await db.schema.createIndex('organization_contacts_id').on('organization_contacts').column('id').execute();
  await db.schema
    .createIndex('organization_contacts_org')
    .on('organization_contacts')
    .columns(['estate_id', 'organization_id', 'contacted_at', 'id'])
    .execute();
  // The latest contact of an estate (C4 evidence on the KPI board).
  await db.schema
    .createIndex('organization_contacts_latest')
    .on('organization_contacts')
    .columns(['estate_id', 'contacted_at'])
    .execute();

  // C7: items of one quarter; `copied_from` keeps copying a quarter into another idempotent
  // (NULLs are distinct in a unique index on both engines, so hand-made items are unaffected).
  await db.schema
    .createTable('care_plan_items')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('quarter', 'text', (c) => c.notNull()) // 2026-Q4, estate time zone
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('audience_note', 'text')
    .addColumn('owner_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('due_date', 'text', (c) => c.notNull()) // YYYY-MM-DD
    .addColumn('done_on', 'text') // YYYY-MM-DD, null while not done
    .addColumn('done_at', ts) // when it was marked done
    .addColumn('done_by', 'text')
    .addColumn('done_note', 'text')
    .addColumn('copied_from', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('care_plan_items_pk', ['estate_id', 'id'])
    .execute();
  await db.schema.createIndex('care_plan_items_id').on('care_plan_items').column('id').execute();
  await db.schema
    .createIndex('care_plan_items_quarter')
    .on('care_plan_items')
    .columns(['estate_id', 'quarter', 'due_date'])
    .execute();
  await db.schema
    .createIndex('care_plan_items_copy_uq')
    .on('care_plan_items')
    .columns(['estate_id', 'quarter', 'copied_from'])
    .unique()
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('care_plan_items').ifExists().execute();
  await db.schema.dropTable('organization_contacts').ifExists().execute();
  await db.schema.dropTable('organization_members').ifExists().execute();
  await db.schema.dropTable('organizations').ifExists().execute();
}
