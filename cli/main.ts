import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { CreateEstateBody } from '../contract/estates.js';
import { loadConfig } from '../server/config.js';
import { createContainer } from '../server/container.js';
import { migrateDown } from '../server/db/migrator.js';
import { FixedClock, systemClock } from '../server/lib/clock.js';
import { AppError } from '../server/lib/errors.js';
import { buildWebApps, openAndMigrate, serve, webNeedsBuild } from '../server/main.js';
import { systemActor } from '../server/modules/auth/index.js';
import { isDatabaseEmpty, seedDemo, seedDemoActivity } from '../server/modules/demo/index.js';
import { registerIoCommands } from './io.js';
import { registerUserCommands } from './user.js';

const program = new Command().name('guanjia').description('Guanjia 管家 — property service platform');

function config() {
  try {
    return loadConfig();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(2);
  }
}

/** The demo password: GUANJIA_DEMO_PASSWORD, or a generated one written to data/demo-credentials.txt. */
function demoPassword(cfg: ReturnType<typeof loadConfig>): { password: string; generated: boolean } {
  if (cfg.GUANJIA_DEMO_PASSWORD) return { password: cfg.GUANJIA_DEMO_PASSWORD, generated: false };
  return { password: `gj-${randomBytes(9).toString('base64url')}`, generated: true };
}

async function seedIfEmpty(cfg: ReturnType<typeof loadConfig>, db: Parameters<typeof seedDemo>[0]) {
  if (!(await isDatabaseEmpty(db))) return;
  const { password, generated } = demoPassword(cfg);
  console.log('empty database: creating the demo estates (this takes a few seconds)…');
  const now = new Date();
  const summary = await seedDemo(db, { password, now });
  // Eight weeks of plausible history (visits, repairs, ratings, loans, weather) so that the agenda
  // and the promise-keeping board have something to show on the first login.
  await seedDemoActivity(createContainer({ db, clock: new FixedClock(now) }), { now });
  const lines = [
    'Guanjia demo accounts / 演示账号',
    `password / 密码: ${password}`,
    `usernames / 用户名: ${summary.demoUsernames.join(', ')}`,
    '',
  ];
  mkdirSync(cfg.dataDir, { recursive: true });
  const file = join(cfg.dataDir, 'demo-credentials.txt');
  writeFileSync(file, lines.join('\n'), { mode: 0o600 });
  console.log(
    `demo: ${summary.estates} estates, ${summary.households} households, ${summary.accounts} staff accounts`,
  );
  console.log(lines.join('\n'));
  if (generated) console.log(`(generated password saved to ${file})`);
}

function buildWeb() {
  console.log('building the web apps (vite build)…');
  buildWebApps();
}

program
  .command('start')
  .description('build what is not built, migrate, seed the demo estate on an empty database, serve')
  .action(async () => {
    const cfg = config();
    if (webNeedsBuild()) buildWeb();
    const database = await openAndMigrate(cfg);
    if (cfg.GUANJIA_DEMO) await seedIfEmpty(cfg, database.db);
    const running = await serve(cfg, database);
    console.log(
      `Guanjia is serving on http://${cfg.HOST === '0.0.0.0' ? 'localhost' : cfg.HOST}:${cfg.PORT} (${running.database.engine})`,
    );
    for (const sig of ['SIGINT', 'SIGTERM'] as const)
      process.once(sig, () => void running.stop().then(() => process.exit(0)));
  });

program
  .command('serve')
  .description('serve the API and web apps (no build, no demo seeding)')
  .action(async () => {
    const cfg = config();
    const running = await serve(cfg);
    console.log(`Guanjia is serving on port ${cfg.PORT} (${running.database.engine})`);
    for (const sig of ['SIGINT', 'SIGTERM'] as const)
      process.once(sig, () => void running.stop().then(() => process.exit(0)));
  });

program
  .command('migrate')
  .description('apply pending migrations (or --down to revert the last one)')
  .option('--down', 'revert the last applied migration')
  .action(async (opts: { down?: boolean }) => {
    const cfg = config();
    const database = await openAndMigrate(cfg);
    if (opts.down) console.log(`reverted: ${(await migrateDown(database.db)) ?? 'nothing'}`);
    else console.log('database is up to date');
    await database.close();
  });

program
  .command('demo')
  .description(
    'create the demo estates (2 estates, ~2,000 households, staff in every team, one account per role)',
  )
  .option('--force', 'seed even when the database is not empty')
  .action(async (opts: { force?: boolean }) => {
    const cfg = config();
    const database = await openAndMigrate(cfg);
    if (!opts.force && !(await isDatabaseEmpty(database.db))) {
      console.error('the database already has data; use --force to add the demo anyway');
      process.exitCode = 1;
    } else if (opts.force) {
      const { password } = demoPassword(cfg);
      const s = await seedDemo(database.db, { password, now: new Date() });
      console.log(`demo: ${s.households} households; password: ${password}`);
    } else await seedIfEmpty(cfg, database.db);
    await database.close();
  });

program
  .command('build')
  .description('build the web apps')
  .action(() => buildWeb());

async function openContainer() {
  const cfg = config();
  const database = await openAndMigrate(cfg);
  return { database, container: createContainer({ db: database.db, clock: systemClock }) };
}
program
  .command('estate-add')
  .description('create an estate (项目) with its five teams')
  .requiredOption('--code <code>', 'short code, e.g. lvyuan')
  .requiredOption('--name <name>', 'Chinese name, e.g. 绿苑小区')
  .requiredOption('--city <city>', 'city, e.g. 北京')
  .option('--name-en <nameEn>', 'English name')
  .option('--time-zone <tz>', 'IANA time zone', 'Asia/Shanghai')
  .option('--address <address>')
  .action(
    async (o: {
      code: string;
      name: string;
      city: string;
      nameEn?: string;
      timeZone: string;
      address?: string;
    }) => {
      const { database, container } = await openContainer();
      try {
        const body = CreateEstateBody.parse({
          code: o.code,
          name: o.name,
          city: o.city,
          nameEn: o.nameEn,
          timeZone: o.timeZone,
          address: o.address,
        });
        const e = await container.estates.create(systemActor(), body);
        console.log(`created estate ${e.code} (${e.name}) id ${e.id}`);
      } finally {
        await database.close();
      }
    },
  );

program
  .command('agenda')
  .description("put this period's tasks on everyone's agenda and close past ones (idempotent)")
  .option('--date <date>', 'business date YYYY-MM-DD (default today)')
  .option('--estate <code>', 'one estate (default all)')
  .action(async (o: { date?: string; estate?: string }) => {
    if (o.date && !/^\d{4}-\d{2}-\d{2}$/.test(o.date)) throw new Error('--date must be YYYY-MM-DD');
    const { database, container } = await openContainer();
    try {
      let result: unknown;
      if (o.estate) {
        const e = await database.db
          .selectFrom('estates')
          .select('id')
          .where('code', '=', o.estate)
          .executeTakeFirst();
        if (!e) throw new Error(`unknown estate code ${o.estate}`);
        result = [await container.agenda.tick(e.id, o.date)];
      } else result = await container.agenda.tickAll(o.date);
      console.log(JSON.stringify(result, null, 2));
    } finally {
      await database.close();
    }
  });

registerUserCommands(program, openContainer);
registerIoCommands(program, openContainer);

program.parseAsync(process.argv).catch((e) => {
  console.error(
    e instanceof AppError
      ? `${e.code}: ${e.messageIn('zh-CN')} / ${e.messageIn('en')}`
      : e instanceof Error
        ? e.message
        : e,
  );
  process.exit(1);
});
