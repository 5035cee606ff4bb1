import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: must not import application code. Timestamps: timestamptz (pg) / ISO text (SQLite).
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql`timestamptz` : sql`text`;
  void ts;
}

export async function down(db: Kysely<any>): Promise<void> {
  void db;
}
