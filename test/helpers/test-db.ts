import { randomBytes } from 'node:crypto';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { type Database, openDatabase } from '../../server/db/database.js';
import { migrateToLatest } from '../../server/db/migrator.js';
import type { DB } from '../../server/db/schema.js';

/**
 * A fresh, migrated database for one test file: in-memory SQLite by default, or a private
 * schema in the PostgreSQL named by TEST_DATABASE_URL (so the same suite runs on both engines).
 */
export async function createTestDb(): Promise<Database> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const d = openDatabase(':memory:', '/tmp');
    await migrateToLatest(d.db);
    return d;
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Pool({ connectionString: url, max: 1 });
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const pool = new pg.Pool({ connectionString: url, max: 5, options: `-c search_path=${schema}` });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  await migrateToLatest(db, schema);
  return {
    db,
    engine: 'postgres',
    async close() {
      await sql.raw(`DROP SCHEMA ${schema} CASCADE`).execute(db);
      await db.destroy();
    },
  };
}

export const engineName = process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite';
