import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { DB } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  engine: Engine;
  close(): Promise<void>;
}

// Return int8 / numeric as JS numbers (counts, sums); our values stay far below 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(1700, (v) => Number.parseFloat(v));

/**
 * Opens the database named by a URL: `postgres://…` → pooled pg; `sqlite:path`, `file:path`,
 * `:memory:` or nothing → better-sqlite3 (default `<dataDir>/guanjia.db`).
 */
export function openDatabase(
  url: string | undefined,
  dataDir: string,
  opts: { poolSize?: number } = {},
): Database {
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    const pool = new pg.Pool({ connectionString: url, max: opts.poolSize ?? 10 });
    // An idle client whose backend goes away (restart, failover, admin command) must not crash the
    // process: the pool drops it and the next query opens a new connection.
    pool.on('error', (err) => console.error(`postgres pool: idle client error: ${err.message}`));
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  let file = join(dataDir, 'guanjia.db');
  if (url === ':memory:') file = ':memory:';
  else if (url) file = url.replace(/^(sqlite|file):(\/\/)?/, '');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const statements = withStatementCache(sqlite);
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: statements }) });
  directReaders.set(db, {
    prepare(sql) {
      const stmt = sqlite.prepare(sql);
      if (!stmt.reader) throw new Error('a direct reader runs only statements that return rows');
      // Inside an open transaction the connection belongs to it: go through Kysely's queue.
      return (parameters) => (sqlite.inTransaction ? undefined : (stmt.all(parameters) as unknown[]));
    },
  });
  return { db, engine: 'sqlite', close: () => db.destroy() };
}

/** Reads on the SQLite connection itself: a prepared statement's rows, or undefined when it may not. */
export interface DirectReader {
  prepare(sql: string): (parameters: readonly unknown[]) => unknown[] | undefined;
}
const directReaders = new WeakMap<Kysely<DB>, DirectReader>();

/**
 * The SQLite connection of a Kysely instance, for the few hottest primary-key reads (see
 * `prepared`). better-sqlite3 runs a statement synchronously, so a read outside a transaction
 * cannot interleave with anything; Kysely's per-query machinery (driver queue, promises, result
 * objects) costs several times the read itself. Undefined on PostgreSQL and for a transaction.
 */
export function directReaderOf(db: Kysely<DB>): DirectReader | undefined {
  return directReaders.get(db);
}

/**
 * Kysely prepares a statement for every query; preparing costs more than running a primary-key
 * read. better-sqlite3 is synchronous, so a prepared statement can be reused safely: keep the
 * most recent ones by SQL text.
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (stmt) {
        cache.delete(sql);
      } else {
        stmt = sqlite.prepare(sql);
        if (cache.size >= max) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, stmt);
      return stmt;
    },
  };
}
