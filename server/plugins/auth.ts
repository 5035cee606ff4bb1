import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { CommonErrors } from '../lib/errors.js';
import { type Lang, langFromHeader } from '../lib/i18n.js';
import type { Actor } from '../modules/auth/actor.js';
import type { AuthService } from '../modules/auth/auth.service.js';

export const SESSION_COOKIE = 'sid';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in actor; throws 401 when there is none. */
    actor(): Actor;
    /** The signed-in actor or undefined. */
    maybeActor: Actor | undefined;
    lang: Lang;
    sessionToken: string | undefined;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** True when a browser's Origin header names this server (or the configured public origin). */
function originAllowed(req: FastifyRequest, publicOrigin?: string): boolean {
  const origin = req.headers.origin;
  if (!origin) {
    // Non-browser clients send no Origin; browsers on a cross-site request always do, or say so here.
    const site = req.headers['sec-fetch-site'];
    return !site || site === 'same-origin' || site === 'none';
  }
  if (publicOrigin && origin === publicOrigin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Session cookie → actor on every request; Origin check on state-changing requests (CSRF). */
export default fp(async function authPlugin(
  app: FastifyInstance,
  opts: { auth: AuthService; publicOrigin?: string },
) {
  app.decorateRequest('maybeActor', undefined);
  app.decorateRequest('lang', 'zh-CN');
  app.decorateRequest('sessionToken', undefined);
  app.decorateRequest('actor', function (this: FastifyRequest) {
    if (!this.maybeActor) throw CommonErrors.make('UNAUTHENTICATED');
    return this.maybeActor;
  });

  app.addHook('onRequest', async (req: FastifyRequest, _reply: FastifyReply) => {
    req.lang = langFromHeader(req.headers['accept-language']);
    if (!req.url.startsWith('/api/')) return;
    if (UNSAFE.has(req.method) && !originAllowed(req, opts.publicOrigin)) {
      throw CommonErrors.make('ORIGIN_REJECTED');
    }
    const token = req.cookies[SESSION_COOKIE];
    if (token && token.length <= 100) {
      req.sessionToken = token;
      req.maybeActor = await opts.auth.resolve(token, req.ip, req.lang);
    }
  });
});

/** Cookie options: HttpOnly, SameSite=Lax, Secure when the request came over HTTPS. */
export function sessionCookieOptions(req: FastifyRequest, expires?: Date) {
  return {
    path: '/',
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: req.protocol === 'https',
    ...(expires ? { expires } : {}),
  };
}
