import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Account,
  CreateAccountBody,
  CurrentUser,
  LoginBody,
  ResetPasswordBody,
  UpdateAccountBody,
} from '../../../contract/auth.js';
import { Ok } from '../../../contract/common.js';
import { SESSION_COOKIE, sessionCookieOptions } from '../../plugins/auth.js';
import type { AccountService } from './account.service.js';
import type { AuthService } from './auth.service.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });

/** Parses `If-Match: "3"` / `3` into a version number. */
export function ifMatchVersion(header: string | undefined): number | undefined {
  if (!header) return undefined;
  const n = Number(header.replace(/^W\//, '').replace(/"/g, '').trim());
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

export const authRoutes =
  (auth: AuthService, accounts: AccountService): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/auth/login',
      {
        schema: {
          operationId: 'login',
          tags: ['auth'],
          summary: 'Sign in with username or phone and password; sets the sid cookie',
          body: LoginBody,
          response: { 200: CurrentUser },
        },
      },
      async (req, reply) => {
        const r = await auth.login({
          login: req.body.username,
          password: req.body.password,
          ip: req.ip,
          userAgent: req.headers['user-agent'],
          lang: req.lang,
        });
        reply.setCookie(SESSION_COOKIE, r.token, sessionCookieOptions(req, r.expiresAt));
        return auth.me(r.actor);
      },
    );

    app.post(
      '/auth/logout',
      {
        schema: { operationId: 'logout', tags: ['auth'], summary: 'End the session', response: { 200: Ok } },
      },
      async (req, reply) => {
        if (req.sessionToken) await auth.logout(req.sessionToken, req.maybeActor);
        reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(req));
        return { ok: true as const };
      },
    );

    app.get(
      '/auth/me',
      {
        schema: {
          operationId: 'getCurrentUser',
          tags: ['auth'],
          summary: 'The signed-in user',
          response: { 200: CurrentUser },
        },
      },
      async (req) => auth.me(req.actor()),
    );

    app.get(
      '/accounts',
      {
        schema: {
          operationId: 'listAccounts',
          tags: ['accounts'],
          summary: 'Staff accounts (admin)',
          response: { 200: z.array(Account) },
        },
      },
      async (req) => accounts.list(req.actor()),
    );

    app.post(
      '/accounts',
      {
        schema: {
          operationId: 'createAccount',
          tags: ['accounts'],
          summary: 'Create a staff account',
          body: CreateAccountBody,
          response: { 201: Account },
        },
      },
      async (req, reply) => reply.code(201).send(await accounts.create(req.actor(), req.body)),
    );

    app.patch(
      '/accounts/:id',
      {
        schema: {
          operationId: 'updateAccount',
          tags: ['accounts'],
          summary: 'Change name, role, estates or status (disable ends its sessions)',
          params: IdParams,
          body: UpdateAccountBody,
          response: { 200: Account },
        },
      },
      async (req) =>
        accounts.update(req.actor(), req.params.id, req.body, ifMatchVersion(req.headers['if-match'])),
    );

    app.post(
      '/accounts/:id/reset-password',
      {
        schema: {
          operationId: 'resetAccountPassword',
          tags: ['accounts'],
          summary: 'Set a new password; unlocks and ends sessions',
          params: IdParams,
          body: ResetPasswordBody,
          response: { 200: Ok },
        },
      },
      async (req) => {
        await accounts.resetPassword(req.actor(), req.params.id, req.body.password);
        return { ok: true as const };
      },
    );
  };
