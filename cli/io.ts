import type { Command } from 'commander';
import type { Container } from '../server/container.js';
import type { Database } from '../server/db/database.js';
import { systemActor } from '../server/modules/auth/index.js';
import { exportFile, importFile } from '../server/modules/household-io/index.js';

type Open = () => Promise<{ database: Database; container: Container }>;

async function estateIdOf(database: Database, code: string): Promise<string> {
  const e = await database.db.selectFrom('estates').select('id').where('code', '=', code).executeTakeFirst();
  if (!e) throw new Error(`unknown estate code ${code}`);
  return e.id;
}

/** `guanjia import` and `guanjia export` of household archives (Excel). */
export function registerIoCommands(program: Command, open: Open) {
  program
    .command('import')
    .description('import households and members from an .xlsx file (the template of the console)')
    .requiredOption('--estate <code>', 'estate code, e.g. lvyuan')
    .requiredOption('--file <path>', '.xlsx file')
    .option('--mode <mode>', 'all_or_nothing (default) or valid_rows', 'all_or_nothing')
    .option('--dry-run', 'validate only; write nothing')
    .option('--create-rooms', 'create the buildings, units and rooms the file names but the estate lacks')
    .action(
      async (o: { estate: string; file: string; mode: string; dryRun?: boolean; createRooms?: boolean }) => {
        if (o.mode !== 'all_or_nothing' && o.mode !== 'valid_rows')
          throw new Error('--mode must be all_or_nothing or valid_rows');
        const { database, container } = await open();
        try {
          const estateId = await estateIdOf(database, o.estate);
          const r = await importFile(container.householdIo, systemActor([estateId]), estateId, o.file, {
            mode: o.mode,
            dryRun: !!o.dryRun,
            createRooms: !!o.createRooms,
          });
          for (const e of r.errors) console.log(`${e.sheet} 第${e.row}行 ${e.column}: ${e.message}`);
          console.log(
            `${r.dryRun ? '(dry run) ' : ''}imported ${r.imported}, updated ${r.updated}, skipped ${r.skipped}, errors ${r.errors.length}`,
          );
          if (o.createRooms)
            console.log(
              `${r.dryRun ? '(dry run) ' : ''}created buildings ${r.createdBuildings}, units ${r.createdUnits}, rooms ${r.createdRooms}`,
            );
          if (r.errors.length && o.mode === 'all_or_nothing') process.exitCode = 1;
        } finally {
          await database.close();
        }
      },
    );

  program
    .command('export')
    .description('export households and members to .xlsx (phones and e-mail addresses masked)')
    .requiredOption('--estate <code>', 'estate code')
    .requiredOption('--file <path>', 'output file or folder')
    .option('--q <text>', 'search text (room, name, phone suffix or tag)')
    .action(async (o: { estate: string; file: string; q?: string }) => {
      const { database, container } = await open();
      try {
        const estateId = await estateIdOf(database, o.estate);
        const r = await exportFile(
          container.householdIo,
          systemActor([estateId]),
          { estateId, q: o.q },
          o.file,
        );
        console.log(`exported ${r.rows} households to ${r.path}`);
      } finally {
        await database.close();
      }
    });
}
