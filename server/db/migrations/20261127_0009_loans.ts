import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen once shipped: must not import application code. Lending of returnable items (T9 spare
// parts, S9 convenience trolleys): items per location with a stock count, and loans of them.
// Every key starts with estate_id (tenant key). Timestamps are timestamptz / ISO text, booleans 0/1.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;

  // `on_loan` counts the open loans of the item; it is changed in the same transaction as the
  // loan, by a conditional update (on_loan < stock), so two people cannot lend the last one.
  await db.schema
    .createTable('loan_items')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull()) // an entrance name or 技术室
    .addColumn('entrance_id', 'text')
    .addColumn('kind', 'text', (c) => c.notNull()) // trolley | bulb | power_strip | hose | tool | other
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('stock', 'integer', (c) => c.notNull())
    .addColumn('on_loan', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addPrimaryKeyConstraint('loan_items_pk', ['estate_id', 'id'])
    .addCheckConstraint('loan_items_stock_ck', sql`on_loan >= 0 and stock >= 0`)
    .execute();
  // Items are also fetched by id alone (POST /loans {itemId}); not unique so it stays shardable.
  await db.schema.createIndex('loan_items_id').on('loan_items').column('id').execute();
  // Seeding is idempotent on (estate, location, kind, name).
  await db.schema
    .createIndex('loan_items_natural_uq')
    .on('loan_items')
    .columns(['estate_id', 'location', 'kind', 'name'])
    .unique()
    .execute();

  await db.schema
    .createTable('loans')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text')
    .addColumn('borrower_name', 'text', (c) => c.notNull())
    .addColumn('borrower_phone', 'text')
    .addColumn('lent_by', 'text', (c) => c.notNull())
    .addColumn('lent_at', ts, (c) => c.notNull())
    .addColumn('due_at', ts, (c) => c.notNull())
    .addColumn('returned_at', ts)
    .addColumn('returned_to', 'text')
    .addColumn('condition', 'text') // ok | damaged | lost, set on return
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('loans_pk', ['estate_id', 'id'])
    .addForeignKeyConstraint('loans_item_fk', ['estate_id', 'item_id'], 'loan_items', ['estate_id', 'id'])
    .addForeignKeyConstraint('loans_household_fk', ['estate_id', 'household_id'], 'households', [
      'estate_id',
      'id',
    ])
    .execute();
  await db.schema.createIndex('loans_id').on('loans').column('id').execute();
  await db.schema.createIndex('loans_lent').on('loans').columns(['estate_id', 'lent_at', 'id']).execute();
  // Open and overdue loans: returned_at is null, ordered by due time.
  await db.schema
    .createIndex('loans_open')
    .on('loans')
    .columns(['estate_id', 'returned_at', 'due_at'])
    .execute();
  await db.schema
    .createIndex('loans_item')
    .on('loans')
    .columns(['estate_id', 'item_id', 'lent_at'])
    .execute();
  await db.schema
    .createIndex('loans_household')
    .on('loans')
    .columns(['estate_id', 'household_id', 'lent_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('loans').ifExists().execute();
  await db.schema.dropTable('loan_items').ifExists().execute();
}
