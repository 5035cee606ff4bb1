import type { CompiledQuery, Kysely } from 'kysely';
import { directReaderOf } from './database.js';
import type { DB } from './schema.js';

const SENTINEL = '\u0000param:';

/** A placeholder for the n-th argument of a prepared query. */
export function arg(n: number): string {
  return `${SENTINEL}${n}`;
}

/**
 * A query built once and run many times with new arguments: Kysely builds and compiles a query
 * tree on every call, which costs more than running a primary-key read on SQLite. Build the
 * query with `arg(0)`, `arg(1)` … where the arguments go; each run substitutes them.
 * Only for hot paths whose shape never changes (no IN lists of varying length). On SQLite a read
 * outside a transaction runs on the connection directly (`directReaderOf`).
 */
export function prepared<R>(build: (db: Kysely<DB>) => { compile(): CompiledQuery<R> }) {
  const cache = new WeakMap<Kysely<DB>, CompiledQuery<R>>();
  return async (db: Kysely<DB>, ...args: unknown[]): Promise<R[]> => {
    let compiled = cache.get(db);
    if (!compiled) {
      compiled = build(db).compile();
      cache.set(db, compiled);
    }
    const parameters = compiled.parameters.map((p) =>
      typeof p === 'string' && p.startsWith(SENTINEL) ? args[Number(p.slice(SENTINEL.length))] : p,
    );
    const direct = directReaderOf(db)?.read(compiled.sql, parameters);
    if (direct) return direct as R[];
    const r = await db.executeQuery<R>({ ...compiled, parameters });
    return r.rows;
  };
}
