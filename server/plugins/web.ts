import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Serves the built web apps; any non-API path gets the console's index.html (client routing). */
export default fp(async function web(app: FastifyInstance, opts: { distDir: string }) {
  const consoleDir = join(opts.distDir, 'console');
  if (!existsSync(join(consoleDir, 'index.html'))) {
    app.log.warn(`web console not built (${consoleDir}); run npm run build`);
    return;
  }
  await app.register(fastifyStatic, {
    root: consoleDir,
    prefix: '/',
    wildcard: false,
    setHeaders(res, path) {
      // Hashed assets are immutable; index.html must always be revalidated.
      res.header(
        'Cache-Control',
        path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.get('/*', { schema: { hide: true } }, (req, reply) => {
    // A missing API route or built asset is a real 404, not the app shell (a blank page).
    if (req.url.startsWith('/api/') || req.url.startsWith('/assets/')) return reply.callNotFound();
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html');
  });
});
