import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The security headers helmet chooses for these options, worked out once. (`@fastify/helmet`
 * builds a new helmet middleware and re-parses the CSP on every request: about a quarter of the
 * server's time on a small API response.) The options never change at run time, so neither do
 * the headers: helmet is run once against a recorder and the result set on every reply.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string | number) => {
      headers[name.toLowerCase()] = String(value);
    },
    removeHeader: (name: string) => {
      delete headers[name.toLowerCase()];
    },
  };
  let failed: unknown;
  helmet(options)({} as never, recorder as never, (err?: unknown) => {
    failed = err;
  });
  if (failed) throw failed;
  return headers;
}

/** Sets helmet's headers (CSP, HSTS, frame options …) on every response. */
export default fp(async function securityHeadersPlugin(app: FastifyInstance, opts: HelmetOptions) {
  const headers = Object.entries(securityHeaders(opts));
  app.addHook('onRequest', (_req, reply, done) => {
    for (const [k, v] of headers) reply.raw.setHeader(k, v);
    done();
  });
});
