import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: this migration must not import application code. Timestamps are timestamptz on
// PostgreSQL and ISO-8601 UTC text on SQLite; JSON is jsonb / text; booleans are 0/1 integers.

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  const json = pg ? sql`jsonb` : sql`text`;

  await db.schema
    .createTable('estates')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('city', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();

  await db.schema
    .createTable('buildings')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('floors', 'integer')
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('buildings_pk', ['estate_id', 'id'])
    .addUniqueConstraint('buildings_code_uq', ['estate_id', 'code'])
    .execute();

  await db.schema
    .createTable('units')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('building_id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('units_pk', ['estate_id', 'id'])
    .addUniqueConstraint('units_code_uq', ['estate_id', 'building_id', 'code'])
    .addForeignKeyConstraint('units_building_fk', ['estate_id', 'building_id'], 'buildings', [
      'estate_id',
      'id',
    ])
    .execute();

  await db.schema
    .createTable('rooms')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('building_id', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('floor', 'integer')
    .addColumn('area_m2', 'real')
    .addColumn('room_code', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('rooms_pk', ['estate_id', 'id'])
    .addUniqueConstraint('rooms_code_uq', ['estate_id', 'room_code'])
    .addForeignKeyConstraint('rooms_unit_fk', ['estate_id', 'unit_id'], 'units', ['estate_id', 'id'])
    .execute();
  await db.schema.createIndex('rooms_number').on('rooms').columns(['estate_id', 'number']).execute();

  await db.schema
    .createTable('entrances')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('is_main', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('board_token', 'text', (c) => c.notNull().unique())
    .addPrimaryKeyConstraint('entrances_pk', ['estate_id', 'id'])
    .execute();

  await db.schema
    .createTable('teams')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('teams_pk', ['estate_id', 'id'])
    .addUniqueConstraint('teams_code_uq', ['estate_id', 'code'])
    .execute();

  await db.schema
    .createTable('posts')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('entrance_id', 'text')
    .addColumn('shift', 'text')
    .addPrimaryKeyConstraint('posts_pk', ['estate_id', 'id'])
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.unique())
    .addColumn('phone', 'text', (c) => c.unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', ts)
    .addColumn('password_changed_at', ts)
    .addColumn('last_login_at', ts)
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();

  // Which estates a staff account may act in, its team and position there.
  await db.schema
    .createTable('staff_assignments')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('team_id', 'text')
    .addColumn('position', 'text')
    .addColumn('skills', json)
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('staff_assignments_pk', ['estate_id', 'account_id'])
    .execute();
  await db.schema
    .createIndex('staff_assignments_account')
    .on('staff_assignments')
    .column('account_id')
    .execute();

  // 楼栋管家: which buildings each butler is responsible for.
  await db.schema
    .createTable('butler_buildings')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('building_id', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addPrimaryKeyConstraint('butler_buildings_pk', ['estate_id', 'building_id', 'account_id'])
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey()) // sha256 of the cookie token; the token itself is never stored
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id'))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('last_seen_at', ts, (c) => c.notNull())
    .addColumn('expires_at', ts, (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('user_agent', 'text')
    // The account's estates when the session was made (kept in step when they change): saves a
    // query on every request.
    .addColumn('estate_ids', json, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

  await db.schema
    .createTable('login_attempts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('ip', 'text', (c) => c.notNull())
    .addColumn('login', 'text', (c) => c.notNull())
    .addColumn('success', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('login_attempts_ip_at').on('login_attempts').columns(['ip', 'at']).execute();

  await db.schema
    .createTable('households')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('room_id', 'text', (c) => c.notNull())
    .addColumn('building_id', 'text', (c) => c.notNull())
    .addColumn('room_code', 'text', (c) => c.notNull())
    .addColumn('room_sort', 'text', (c) => c.notNull()) // zero-padded room code: 3-2-501 → 0003-0002-0501, for natural order
    .addColumn('occupancy', 'text', (c) => c.notNull())
    .addColumn('move_in_date', 'text')
    .addColumn('family_structure', 'text')
    .addColumn('care_flags', json, (c) => c.notNull())
    .addColumn('hobbies', json, (c) => c.notNull())
    .addColumn('skills', json, (c) => c.notNull())
    .addColumn('tags', json, (c) => c.notNull())
    .addColumn('preferred_channel', 'text')
    .addColumn('preferred_hours', 'text')
    .addColumn('notes', 'text')
    .addColumn('custom_fields', json, (c) => c.notNull())
    .addColumn('primary_name', 'text')
    .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('updated_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('updated_by', 'text')
    .addPrimaryKeyConstraint('households_pk', ['estate_id', 'id'])
    .addUniqueConstraint('households_room_uq', ['estate_id', 'room_id'])
    .addForeignKeyConstraint('households_room_fk', ['estate_id', 'room_id'], 'rooms', ['estate_id', 'id'])
    .execute();
  // Ids are globally unique ULIDs: households are also fetched by id alone (GET /households/:id).
  await db.schema.createIndex('households_id_uq').on('households').column('id').unique().execute();
  await db.schema
    .createIndex('households_room_code')
    .on('households')
    .columns(['estate_id', 'room_code'])
    .execute();
  await db.schema
    .createIndex('households_room_sort')
    .on('households')
    .columns(['estate_id', 'room_sort', 'id'])
    .execute();
  await db.schema
    .createIndex('households_building')
    .on('households')
    .columns(['estate_id', 'building_id', 'room_sort'])
    .execute();

  // Tags of a household, one row each, so that a tag search uses an index.
  await db.schema
    .createTable('household_tags')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('household_tags_pk', ['estate_id', 'household_id', 'tag'])
    .addForeignKeyConstraint(
      'household_tags_household_fk',
      ['estate_id', 'household_id'],
      'households',
      ['estate_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('household_tags_tag')
    .on('household_tags')
    .columns(['estate_id', 'tag', 'household_id'])
    .execute();

  await db.schema
    .createTable('members')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('relation', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('phone_suffix', 'text')
    .addColumn('age_band', 'text')
    .addColumn('is_primary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('members_pk', ['estate_id', 'id'])
    .addForeignKeyConstraint(
      'members_household_fk',
      ['estate_id', 'household_id'],
      'households',
      ['estate_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('members_household')
    .on('members')
    .columns(['estate_id', 'household_id'])
    .execute();
  await db.schema.createIndex('members_name').on('members').columns(['estate_id', 'name']).execute();
  await db.schema
    .createIndex('members_phone_suffix')
    .on('members')
    .columns(['estate_id', 'phone_suffix'])
    .execute();

  await db.schema
    .createTable('pets')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('size', 'text')
    .addColumn('vaccinated_until', 'text')
    .addColumn('notes', 'text')
    .addPrimaryKeyConstraint('pets_pk', ['estate_id', 'id'])
    .addForeignKeyConstraint(
      'pets_household_fk',
      ['estate_id', 'household_id'],
      'households',
      ['estate_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema.createIndex('pets_household').on('pets').columns(['estate_id', 'household_id']).execute();

  await db.schema
    .createTable('vehicles')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('plate', 'text', (c) => c.notNull())
    .addColumn('tail_digit', 'integer', (c) => c.notNull())
    .addColumn('restriction_reminder', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('vehicles_pk', ['estate_id', 'id'])
    .addUniqueConstraint('vehicles_plate_uq', ['estate_id', 'plate'])
    .addForeignKeyConstraint(
      'vehicles_household_fk',
      ['estate_id', 'household_id'],
      'households',
      ['estate_id', 'id'],
      (fk) => fk.onDelete('cascade'),
    )
    .execute();
  await db.schema
    .createIndex('vehicles_household')
    .on('vehicles')
    .columns(['estate_id', 'household_id'])
    .execute();

  // Per-estate custom fields of the archive, defined by a manager (no code change to add one).
  await db.schema
    .createTable('custom_field_defs')
    .addColumn('estate_id', 'text', (c) => c.notNull().references('estates.id'))
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('label_en', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('options', json, (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('custom_field_defs_pk', ['estate_id', 'id'])
    .addUniqueConstraint('custom_field_defs_key_uq', ['estate_id', 'key'])
    .execute();

  // Consent per purpose (PIPL Art. 14/29/31): who agreed to what, under which notice, when; withdrawal.
  await db.schema
    .createTable('consents')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('notice_version', 'text', (c) => c.notNull())
    .addColumn('granted_by_name', 'text', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.notNull())
    .addColumn('granted_at', ts, (c) => c.notNull())
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('withdrawn_at', ts)
    .addColumn('withdrawn_by', 'text')
    .addPrimaryKeyConstraint('consents_pk', ['estate_id', 'id'])
    .addForeignKeyConstraint('consents_household_fk', ['estate_id', 'household_id'], 'households', [
      'estate_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('consents_household')
    .on('consents')
    .columns(['estate_id', 'household_id'])
    .execute();

  // Sensitive facts (health, minors, away periods): only with an active consent for their purpose.
  await db.schema
    .createTable('sensitive_facts')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('member_id', 'text')
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('consent_id', 'text', (c) => c.notNull())
    .addColumn('detail', json, (c) => c.notNull())
    .addColumn('valid_from', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('created_at', ts, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('deleted_at', ts)
    .addPrimaryKeyConstraint('sensitive_facts_pk', ['estate_id', 'id'])
    .addForeignKeyConstraint('sensitive_facts_household_fk', ['estate_id', 'household_id'], 'households', [
      'estate_id',
      'id',
    ])
    .execute();
  await db.schema
    .createIndex('sensitive_facts_household')
    .on('sensitive_facts')
    .columns(['estate_id', 'household_id'])
    .execute();

  // Every change to an archive: who, when, field, old → new.
  await db.schema
    .createTable('household_changes')
    .addColumn('estate_id', 'text', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('household_id', 'text', (c) => c.notNull())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('changes', json, (c) => c.notNull())
    .addPrimaryKeyConstraint('household_changes_pk', ['estate_id', 'id'])
    .execute();
  await db.schema
    .createIndex('household_changes_household')
    .on('household_changes')
    .columns(['estate_id', 'household_id', 'at'])
    .execute();

  // Append-only audit log. Triggers below refuse UPDATE and DELETE on both engines.
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', ts, (c) => c.notNull())
    .addColumn('estate_id', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('actor_role', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text')
    .addColumn('target_id', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('details', json)
    .execute();
  await db.schema.createIndex('audit_events_at').on('audit_events').column('at').execute();
  await db.schema
    .createIndex('audit_events_estate_at')
    .on('audit_events')
    .columns(['estate_id', 'at'])
    .execute();
  await db.schema
    .createIndex('audit_events_target')
    .on('audit_events')
    .columns(['target_type', 'target_id'])
    .execute();

  if (pg) {
    await sql`CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$`.execute(db);
    await sql`CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only()`.execute(db);
    await sql`CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`.execute(db);
  } else {
    await sql`CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
    await sql`CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
      BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END`.execute(db);
  }

  // Client write replays (Idempotency-Key): the first response is stored with the write.
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('response', json, (c) => c.notNull())
    .addColumn('created_at', ts, (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['account_id', 'key'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  for (const t of [
    'idempotency_keys',
    'audit_events',
    'household_changes',
    'household_tags',
    'sensitive_facts',
    'consents',
    'custom_field_defs',
    'vehicles',
    'pets',
    'members',
    'households',
    'login_attempts',
    'sessions',
    'butler_buildings',
    'staff_assignments',
    'accounts',
    'posts',
    'teams',
    'entrances',
    'rooms',
    'units',
    'buildings',
    'estates',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
  if (pg) await sql`DROP FUNCTION IF EXISTS audit_events_append_only()`.execute(db);
}
