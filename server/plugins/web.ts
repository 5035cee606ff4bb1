import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** Serves the built web apps; any non-API path gets the console's index.html (client routing). */
function cacheHeaders(res: { header(k: string, v: string): unknown }, path: string) {
  // Hashed assets are immutable; index.html must always be revalidated.
  res.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
}

export default fp(async function web(app: FastifyInstance, opts: { distDir: string }) {
  // reply.sendFile comes from the first @fastify/static registered (a second may not decorate it
  // again), whichever app is built; every call therefore names its own root directory.
  let decorated = false;
  const decorate = () => {
    const first = !decorated;
    decorated = true;
    return first;
  };
  // The entrance board (/board/<token>) is its own small app, served even without the console.
  const boardDir = join(opts.distDir, 'board');
  if (existsSync(join(boardDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: boardDir,
      prefix: '/board/',
      wildcard: false,
      decorateReply: decorate(),
      setHeaders: cacheHeaders,
    });
    app.get('/board/*', { schema: { hide: true } }, (req, reply) =>
      req.url.startsWith('/board/assets/')
        ? reply.callNotFound()
        : reply.header('Cache-Control', 'no-cache').sendFile('index.html', boardDir),
    );
  }
  // The resident's rating page of the supervision card (/r/<token>, the card's QR code), no login.
  const ratingDir = join(opts.distDir, 'rating');
  if (existsSync(join(ratingDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: ratingDir,
      prefix: '/r/',
      wildcard: false,
      decorateReply: decorate(),
      setHeaders: cacheHeaders,
    });
    app.get('/r/*', { schema: { hide: true } }, (req, reply) =>
      req.url.startsWith('/r/assets/')
        ? reply.callNotFound()
        : reply.header('Cache-Control', 'no-cache').sendFile('index.html', ratingDir),
    );
  }
  const consoleDir = join(opts.distDir, 'console');
  if (!existsSync(join(consoleDir, 'index.html'))) {
    app.log.warn(`web console not built (${consoleDir}); run npm run build`);
    return;
  }
  await app.register(fastifyStatic, {
    root: consoleDir,
    prefix: '/',
    wildcard: false,
    decorateReply: decorate(),
    setHeaders: cacheHeaders,
  });
  app.get('/*', { schema: { hide: true } }, (req, reply) => {
    // A missing API route or built asset is a real 404, not the app shell (a blank page).
    if (req.url.startsWith('/api/') || req.url.startsWith('/assets/')) return reply.callNotFound();
    return reply.header('Cache-Control', 'no-cache').sendFile('index.html', consoleDir);
  });
});
