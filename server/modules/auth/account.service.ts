import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Account, CreateAccountBody, Role, UpdateAccountBody } from '../../../contract/auth.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { toIso, toJson } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { maskPhone } from '../../lib/masking.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, requireCap } from './actor.js';
import { AuthErrors, PASSWORD_REASON } from './auth.errors.js';
import * as repo from './auth.repository.js';
import { hashPassword, passwordProblems } from './password.js';
import type { SessionCache } from './session-cache.js';

export type AccountService = ReturnType<typeof createAccountService>;

function weak(problems: string[], lang: 'zh-CN' | 'en') {
  const reasons = problems
    .map((p) => PASSWORD_REASON[p as keyof typeof PASSWORD_REASON]?.[lang] ?? p)
    .join(lang === 'zh-CN' ? '、' : ', ');
  return AuthErrors.make('WEAK_PASSWORD', { reasons }, { problems });
}

function isUniqueViolation(e: unknown): boolean {
  const m = String((e as Error)?.message ?? '');
  return /UNIQUE constraint failed|duplicate key value/.test(m);
}

/** Staff account administration (admin only): create, change role/estates, disable, reset password. */
export function createAccountService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  audit: AuditService;
  /** The auth service's resolved sessions: a change that ends or narrows them forgets them here. */
  sessions?: Pick<SessionCache, 'forgetAccount'>;
}) {
  const { db, clock, audit, sessions } = deps;

  async function toAccounts(
    rows: Awaited<ReturnType<typeof repo.listAccounts>>,
    reader: Actor | null,
  ): Promise<Account[]> {
    const assignments = await repo.listAssignments(
      db,
      rows.map((r) => r.id),
    );
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      phone: reader?.role === 'admin' ? r.phone : maskPhone(r.phone),
      displayName: r.display_name,
      role: r.role as Role,
      status: r.status as 'active' | 'disabled',
      estates: assignments
        .filter((a) => a.account_id === r.id)
        .map((a) => ({ estateId: a.estate_id, teamId: a.team_id, position: a.position })),
      lastLoginAt: toIso(r.last_login_at),
      lockedUntil: toIso(r.locked_until),
      version: r.version,
    }));
  }

  async function get(actor: Actor, id: string): Promise<Account> {
    const row = await repo.findAccountById(db, id);
    if (!row) throw AuthErrors.make('ACCOUNT_NOT_FOUND');
    return (await toAccounts([row], actor))[0]!;
  }

  async function setAssignments(
    trx: Kysely<DB>,
    accountId: string,
    estates: { estateId: string; teamId?: string | null; position?: string | null }[],
  ) {
    await trx.deleteFrom('staff_assignments').where('account_id', '=', accountId).execute();
    if (!estates.length) return;
    const known = await trx
      .selectFrom('estates')
      .select('id')
      .where(
        'id',
        'in',
        estates.map((e) => e.estateId),
      )
      .execute();
    const missing = estates.find((e) => !known.some((k) => k.id === e.estateId));
    if (missing) throw CommonErrors.make('VALIDATION_FAILED', { summary: `estates: ${missing.estateId}` });
    await trx
      .insertInto('staff_assignments')
      .values(
        estates.map((e) => ({
          estate_id: e.estateId,
          account_id: accountId,
          team_id: e.teamId ?? null,
          position: e.position ?? null,
          skills: toJson([]),
          created_at: clock.now().toISOString(),
        })),
      )
      .execute();
  }

  return {
    async list(actor: Actor): Promise<Account[]> {
      requireCap(actor, 'account.manage');
      return toAccounts(await repo.listAccounts(db), actor);
    },

    get,

    async create(actor: Actor, input: z.infer<typeof CreateAccountBody>): Promise<Account> {
      requireCap(actor, 'account.manage');
      if (!input.username && !input.phone) throw AuthErrors.make('LOGIN_NAME_REQUIRED');
      const problems = passwordProblems(input.password, input.username);
      if (problems.length) throw weak(problems, actor.lang);
      const id = newId();
      const now = clock.now().toISOString();
      const hash = await hashPassword(input.password);
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('accounts')
            .values({
              id,
              username: input.username ?? null,
              phone: input.phone ?? null,
              display_name: input.displayName,
              role: input.role,
              password_hash: hash,
              password_changed_at: now,
              created_at: now,
              updated_at: now,
              created_by: actor.id,
            })
            .execute();
          await setAssignments(trx, id, input.estates);
          await audit.record(
            {
              actor,
              action: 'account.create',
              targetType: 'account',
              targetId: id,
              details: { role: input.role, username: input.username ?? null },
            },
            trx,
          );
        });
      } catch (e) {
        if (isUniqueViolation(e)) throw AuthErrors.make('USERNAME_TAKEN');
        throw e;
      }
      return get(actor, id);
    },

    /** Changes name, role, estates or status; disabling ends every session of the account at once. */
    async update(
      actor: Actor,
      id: string,
      input: z.infer<typeof UpdateAccountBody>,
      ifMatch?: number,
    ): Promise<Account> {
      requireCap(actor, 'account.manage');
      const row = await repo.findAccountById(db, id);
      if (!row) throw AuthErrors.make('ACCOUNT_NOT_FOUND');
      const expected = input.version ?? ifMatch;
      if (expected === undefined) throw CommonErrors.make('VERSION_REQUIRED');
      if (expected !== row.version) throw CommonErrors.make('VERSION_CONFLICT', { current: row.version });
      if (input.status === 'disabled' && id === actor.id) throw AuthErrors.make('CANNOT_DISABLE_SELF');
      await db.transaction().execute(async (trx) => {
        const r = await trx
          .updateTable('accounts')
          .set({
            display_name: input.displayName ?? row.display_name,
            role: input.role ?? row.role,
            status: input.status ?? row.status,
            version: row.version + 1,
            updated_at: clock.now().toISOString(),
          })
          .where('id', '=', id)
          .where('version', '=', row.version)
          .executeTakeFirst();
        if (Number(r.numUpdatedRows) !== 1)
          throw CommonErrors.make('VERSION_CONFLICT', { current: row.version + 1 });
        if (input.estates) {
          await setAssignments(trx, id, input.estates);
          await repo.setSessionEstates(
            trx,
            id,
            input.estates.map((e) => e.estateId),
          );
        }
        if (input.status === 'disabled' || (input.role && input.role !== row.role))
          await repo.deleteSessionsOfAccount(trx, id);
        const action =
          input.status === 'disabled'
            ? 'account.disable'
            : input.status === 'active' && row.status !== 'active'
              ? 'account.enable'
              : 'account.update';
        await audit.record(
          {
            actor,
            action,
            targetType: 'account',
            targetId: id,
            details: { fields: Object.keys(input).filter((k) => k !== 'version') },
          },
          trx,
        );
      });
      sessions?.forgetAccount(id);
      return get(actor, id);
    },

    /** Sets a new password, unlocks the account and ends its sessions. */
    async resetPassword(actor: Actor | null, id: string, password: string): Promise<void> {
      if (actor) requireCap(actor, 'account.manage');
      const row = await repo.findAccountById(db, id);
      if (!row) throw AuthErrors.make('ACCOUNT_NOT_FOUND');
      const problems = passwordProblems(password, row.username);
      if (problems.length) throw weak(problems, actor?.lang ?? 'zh-CN');
      const hash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('accounts')
          .set({
            password_hash: hash,
            password_changed_at: clock.now().toISOString(),
            failed_logins: 0,
            locked_until: null,
            version: row.version + 1,
          })
          .where('id', '=', id)
          .execute();
        await repo.deleteSessionsOfAccount(trx, id);
        await audit.record(
          { actor, action: 'account.reset_password', targetType: 'account', targetId: id },
          trx,
        );
      });
      sessions?.forgetAccount(id);
    },

    /** Finds an account id by username or phone (CLI). */
    async findIdByLogin(login: string): Promise<string | undefined> {
      return (await repo.findAccountByLogin(db, login))?.id;
    },
  };
}
