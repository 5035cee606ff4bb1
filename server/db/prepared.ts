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
  interface Prepared {
    compiled: CompiledQuery<R>;
    /** Per parameter: the index of the argument that goes there, or -1 for a constant. */
    slots: number[];
    direct?: (parameters: readonly unknown[]) => unknown[] | undefined;
  }
  const cache = new WeakMap<Kysely<DB>, Prepared>();
  return async (db: Kysely<DB>, ...args: unknown[]): Promise<R[]> => {
    let p = cache.get(db);
    if (!p) {
      const compiled = build(db).compile();
      const slots = compiled.parameters.map((v) =>
        typeof v === 'string' && v.startsWith(SENTINEL) ? Number(v.slice(SENTINEL.length)) : -1,
      );
      p = { compiled, slots, direct: directReaderOf(db)?.prepare(compiled.sql) };
      cache.set(db, p);
    }
    const { compiled, slots } = p;
    const parameters = slots.map((k, i) => (k < 0 ? compiled.parameters[i] : args[k]));
    const direct = p.direct?.(parameters);
    if (direct) return direct as R[];
    const r = await db.executeQuery<R>({ ...compiled, parameters });
    return r.rows;
  };
}
