import type { FastifyBaseLogger } from 'fastify';
import type { Container } from './container.js';
import { pruneIdempotencyKeys } from './plugins/idempotency.js';

/**
 * The in-process scheduler. Every job must be safe to run in several processes at once (its
 * effects carry natural unique keys), since N identical processes may run behind a balancer.
 */
export function startScheduler(c: Container, log: FastifyBaseLogger) {
  const jobs: { name: string; everyMs: number; run: () => Promise<unknown> }[] = [
    { name: 'sessions.purge-expired', everyMs: 60 * 60_000, run: () => c.auth.purgeExpired() },
    { name: 'idempotency.prune', everyMs: 60 * 60_000, run: () => pruneIdempotencyKeys(c.db, c.clock.now()) },
  ];
  const timers = jobs.map((job) =>
    setInterval(() => {
      job.run().then(
        (result) => log.debug({ job: job.name, result }, 'job done'),
        (err) => log.error({ job: job.name, err }, 'job failed'),
      );
    }, job.everyMs).unref(),
  );
  return {
    stop() {
      for (const t of timers) clearInterval(t);
    },
  };
}
