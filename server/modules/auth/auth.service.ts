import { hash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { CurrentUser, Role } from '../../../contract/auth.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { fromJson, toIso } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import type { Lang } from '../../lib/i18n.js';
import { newId, newToken } from '../../lib/ids.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, capabilitiesOf } from './actor.js';
import { AuthErrors } from './auth.errors.js';
import * as repo from './auth.repository.js';
import { hashPassword, verifyPassword } from './password.js';
import { createSessionCache, type SessionCache } from './session-cache.js';

export interface AuthSettings {
  idleMinutes: number;
  absoluteHours: number;
  /** Failed logins before an account is locked, and for how long. */
  maxFailures: number;
  lockMinutes: number;
  /** Failed logins from one IP within the window before further attempts get 429. */
  ipMaxFailures: number;
  ipWindowMinutes: number;
}

export const DEFAULT_AUTH_SETTINGS: AuthSettings = {
  idleMinutes: 120,
  absoluteHours: 12,
  maxFailures: 5,
  lockMinutes: 15,
  ipMaxFailures: 30,
  ipWindowMinutes: 15,
};

/** Sessions are stored by the SHA-256 of the cookie token, never the token itself. */
export function sessionIdOf(token: string): string {
  return hash('sha256', token, 'hex');
}

export type AuthService = ReturnType<typeof createAuthService>;

let dummyHash: Promise<string> | undefined;

/** Staff login, sessions and the current user. */
export function createAuthService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  settings: AuthSettings;
  /** Sessions resolved in the last second (shared with the account service, which ends them). */
  sessions?: SessionCache;
}) {
  const { db, clock, audit, settings } = deps;
  const sessions = deps.sessions ?? createSessionCache();
  const idleMs = settings.idleMinutes * 60_000;

  async function estatesOf(accountId: string, role: string) {
    if (role === 'admin') {
      const all = await repo.listAllEstateIds(db);
      return { estateIds: all.map((e) => e.id), allEstates: true };
    }
    const rows = await repo.estateIdsOfAccount(db, accountId);
    return { estateIds: rows.map((r) => r.estate_id), allEstates: false };
  }

  return {
    /** Checks a password login; on success creates a session and returns its token (for the cookie). */
    async login(input: { login: string; password: string; ip: string; userAgent?: string; lang: Lang }) {
      const now = clock.now();
      const since = new Date(now.getTime() - settings.ipWindowMinutes * 60_000).toISOString();
      const { n } = await repo.countRecentFailures(db, input.ip, since);
      if (Number(n) >= settings.ipMaxFailures) {
        await audit.record({
          action: 'auth.login_throttled',
          outcome: 'denied',
          ip: input.ip,
          details: { login: input.login },
        });
        throw AuthErrors.make('LOGIN_THROTTLED');
      }
      const account = await repo.findAccountByLogin(db, input.login);
      const fail = async (reason: string, accountId?: string) => {
        await repo.insertLoginAttempt(db, {
          id: newId(),
          at: now.toISOString(),
          ip: input.ip,
          login: input.login.slice(0, 64),
          success: 0,
        });
        await audit.record({
          action: 'auth.login_failed',
          outcome: 'failure',
          ip: input.ip,
          targetType: accountId ? 'account' : null,
          targetId: accountId ?? null,
          details: { login: input.login.slice(0, 64), reason },
        });
      };
      if (!account?.password_hash || account.role === 'resident') {
        // Spend the same time as a real check so that response time does not reveal accounts.
        dummyHash ??= hashPassword('not-a-real-password-0');
        await verifyPassword(await dummyHash, input.password);
        await fail('unknown_account');
        throw AuthErrors.make('INVALID_CREDENTIALS');
      }
      if (account.locked_until && new Date(account.locked_until) > now) {
        await fail('locked', account.id);
        const minutes = Math.ceil((new Date(account.locked_until).getTime() - now.getTime()) / 60_000);
        throw AuthErrors.make('ACCOUNT_LOCKED', { minutes });
      }
      const ok = await verifyPassword(account.password_hash, input.password);
      if (!ok || account.status !== 'active') {
        const failures = ok ? account.failed_logins : account.failed_logins + 1;
        const lock = failures >= settings.maxFailures;
        await db
          .updateTable('accounts')
          .set({
            failed_logins: lock ? 0 : failures,
            locked_until: lock
              ? new Date(now.getTime() + settings.lockMinutes * 60_000).toISOString()
              : account.locked_until
                ? toIso(account.locked_until)
                : null,
          })
          .where('id', '=', account.id)
          .execute();
        await fail(
          account.status !== 'active' ? 'disabled' : lock ? 'wrong_password_locked' : 'wrong_password',
          account.id,
        );
        if (lock) {
          await audit.record({
            action: 'account.locked',
            outcome: 'success',
            targetType: 'account',
            targetId: account.id,
            ip: input.ip,
          });
          throw AuthErrors.make('ACCOUNT_LOCKED', { minutes: settings.lockMinutes });
        }
        throw AuthErrors.make('INVALID_CREDENTIALS');
      }
      const scope = await estatesOf(account.id, account.role);
      const token = newToken(32);
      const expires = new Date(now.getTime() + settings.absoluteHours * 3_600_000);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('accounts')
          .set({ failed_logins: 0, locked_until: null, last_login_at: now.toISOString() })
          .where('id', '=', account.id)
          .execute();
        await repo.insertSession(trx, {
          id: sessionIdOf(token),
          account_id: account.id,
          created_at: now.toISOString(),
          last_seen_at: now.toISOString(),
          expires_at: expires.toISOString(),
          ip: input.ip,
          user_agent: input.userAgent?.slice(0, 300) ?? null,
          estate_ids: JSON.stringify(scope.allEstates ? [] : scope.estateIds),
        });
        await repo.insertLoginAttempt(trx, {
          id: newId(),
          at: now.toISOString(),
          ip: input.ip,
          login: input.login.slice(0, 64),
          success: 1,
        });
        await audit.record(
          {
            actor: {
              id: account.id,
              displayName: account.display_name,
              role: account.role as Role,
              ip: input.ip,
            },
            action: 'auth.login',
            targetType: 'account',
            targetId: account.id,
          },
          trx,
        );
      });
      const actor: Actor = {
        id: account.id,
        role: account.role as Role,
        displayName: account.display_name,
        ...scope,
        ip: input.ip,
        lang: input.lang,
      };
      return { token, expiresAt: expires, actor };
    },

    /** Resolves a cookie token to an actor, or undefined when the session is missing, idle or expired. */
    async resolve(token: string, ip: string | null, lang: Lang): Promise<Actor | undefined> {
      const id = sessionIdOf(token);
      const now = clock.now();
      const cached = sessions.get(id, now.getTime(), idleMs);
      if (cached) return { ...cached, ip, lang };
      const s = await repo.findSession(db, id);
      if (!s) return undefined;
      let lastSeen = new Date(s.last_seen_at).getTime();
      const expiresAt = new Date(s.expires_at).getTime();
      if (expiresAt <= now.getTime() || now.getTime() - lastSeen > idleMs || s.status !== 'active') {
        sessions.forgetSession(id);
        await repo.deleteSession(db, id);
        return undefined;
      }
      // Touch at most once a minute: keeps the idle timeout honest without a write per request.
      if (now.getTime() - lastSeen > 60_000) {
        await repo.touchSession(db, id, now.toISOString());
        lastSeen = now.getTime();
      }
      // Head office sees every estate, including ones created after the login.
      const scope =
        s.role === 'admin'
          ? await estatesOf(s.id, s.role)
          : { estateIds: fromJson<string[]>(s.estate_ids, []), allEstates: false };
      const actor = { id: s.id, role: s.role as Role, displayName: s.display_name, ...scope };
      sessions.set(id, { actor, checkedAt: now.getTime(), expiresAt, lastSeenAt: lastSeen });
      return { ...actor, ip, lang };
    },

    async logout(token: string, actor?: Actor): Promise<void> {
      const id = sessionIdOf(token);
      sessions.forgetSession(id);
      await repo.deleteSession(db, id);
      if (actor)
        await audit.record({ actor, action: 'auth.logout', targetType: 'account', targetId: actor.id });
    },

    /** The signed-in user with estates and capabilities, for the UI. */
    async me(actor: Actor): Promise<CurrentUser> {
      const account = await repo.findAccountById(db, actor.id);
      if (!account) throw CommonErrors.make('UNAUTHENTICATED');
      const estates = actor.estateIds.length
        ? await db
            .selectFrom('estates')
            .select(['id', 'code', 'name', 'name_en', 'time_zone'])
            .where('id', 'in', actor.estateIds)
            .orderBy('code')
            .execute()
        : [];
      return {
        id: account.id,
        username: account.username,
        displayName: account.display_name,
        role: account.role as Role,
        estates: estates.map((e) => ({
          id: e.id,
          code: e.code,
          name: e.name,
          nameEn: e.name_en,
          timeZone: e.time_zone,
        })),
        capabilities: capabilitiesOf(actor.role),
      };
    },

    /** Removes expired sessions (called by the scheduler). */
    async purgeExpired(): Promise<number> {
      const r = await repo.deleteExpiredSessions(db, clock.now().toISOString());
      return Number(r[0]?.numDeletedRows ?? 0);
    },
  };
}
