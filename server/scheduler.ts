import type { FastifyBaseLogger } from 'fastify';
import type { Container } from './container.js';
import { boardJobs } from './modules/board/index.js';
import { calendarJobs, createPlateReminderJob } from './modules/calendar/index.js';
import { ratingJobs } from './modules/ratings/index.js';
import { pruneIdempotencyKeys } from './plugins/idempotency.js';

/**
 * The in-process scheduler. Every job must be safe to run in several processes at once (its
 * effects carry natural unique keys), since N identical processes may run behind a balancer.
 */
export function startScheduler(c: Container, log: FastifyBaseLogger) {
  const estateIds = async () => (await c.db.selectFrom('estates').select('id').execute()).map((e) => e.id);
  const jobs: { name: string; everyMs: number; run: () => Promise<unknown> }[] = [
    { name: 'sessions.purge-expired', everyMs: 60 * 60_000, run: () => c.auth.purgeExpired() },
    { name: 'idempotency.prune', everyMs: 60 * 60_000, run: () => pruneIdempotencyKeys(c.db, c.clock.now()) },
    ...ratingJobs(c.ratings, estateIds),
    ...boardJobs(c.board),
    ...calendarJobs(
      createPlateReminderJob({ db: c.db, clock: c.clock, calendar: c.calendar, messaging: c.messaging }),
    ),
    { name: 'agenda.tick', everyMs: 15 * 60_000, run: () => c.agenda.tickAll() },
    {
      name: 'messaging.dispatch',
      everyMs: 30_000,
      run: () => c.messaging.dispatchDue(c.clock.now(), { limit: 200 }),
    },
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
