import type { Actor } from './actor.js';

/** An actor as its session resolved it, without the request's own ip and language. */
export type SessionActor = Omit<Actor, 'ip' | 'lang'>;

interface Entry {
  actor: SessionActor;
  /** When the database was last asked (epoch ms); the entry is used for `recheckMs` after that. */
  checkedAt: number;
  expiresAt: number;
  lastSeenAt: number;
}

/**
 * Sessions resolved within the last `recheckMs` (one second by default), by session id. Every
 * API call resolves its session; a console page makes several calls at once, and reading the
 * session row costs more than most of what the call does. A session is read again from the
 * database once its entry is older than `recheckMs`, so expiry, idle timeout and touching work as
 * before.
 *
 * Ending a session in this process (logout, disabling an account, a new password, a new role or
 * new estates) forgets it at once: `forgetSession`, `forgetAccount`. Such a change made by
 * another process (the `guanjia` CLI, a second server on PostgreSQL) takes effect here within
 * `recheckMs`.
 */
export function createSessionCache(opts: { recheckMs?: number; maxEntries?: number } = {}) {
  const recheckMs = opts.recheckMs ?? 1_000;
  const maxEntries = opts.maxEntries ?? 10_000;
  const entries = new Map<string, Entry>();
  return {
    /** The cached actor of a session still fresh and valid at `now`, else undefined. */
    get(sessionId: string, now: number, idleMs: number): SessionActor | undefined {
      const e = entries.get(sessionId);
      if (!e) return undefined;
      if (
        now - e.checkedAt >= recheckMs ||
        now < e.checkedAt ||
        now >= e.expiresAt ||
        now - e.lastSeenAt > idleMs
      ) {
        entries.delete(sessionId);
        return undefined;
      }
      return e.actor;
    },
    set(sessionId: string, entry: Entry): void {
      if (recheckMs <= 0) return;
      entries.delete(sessionId);
      entries.set(sessionId, entry);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    },
    forgetSession(sessionId: string): void {
      entries.delete(sessionId);
    },
    forgetAccount(accountId: string): void {
      for (const [id, e] of entries) if (e.actor.id === accountId) entries.delete(id);
    },
  };
}

export type SessionCache = ReturnType<typeof createSessionCache>;
