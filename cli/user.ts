import type { Command } from 'commander';
import { ROLES, type Role } from '../contract/auth.js';
import type { Container } from '../server/container.js';
import type { Database } from '../server/db/database.js';
import { systemActor } from '../server/modules/auth/index.js';

type Open = () => Promise<{ database: Database; container: Container }>;

/** `guanjia user add|disable|reset-password`. */
export function registerUserCommands(program: Command, open: Open) {
  const user = program.command('user').description('manage staff accounts');

  user
    .command('add')
    .description('create a staff account')
    .requiredOption('--role <role>', `one of ${ROLES.join(', ')}`)
    .requiredOption('--name <displayName>', 'display name, e.g. 王建国')
    .requiredOption('--password <password>', 'at least 10 characters')
    .option('--username <username>')
    .option('--phone <phone>')
    .option('--estate <code...>', 'estate codes this account works in')
    .action(
      async (o: {
        role: string;
        name: string;
        password: string;
        username?: string;
        phone?: string;
        estate?: string[];
      }) => {
        if (!(ROLES as readonly string[]).includes(o.role))
          throw new Error(`unknown role ${o.role}; use one of ${ROLES.join(', ')}`);
        const { database, container } = await open();
        try {
          const estates = o.estate?.length
            ? await database.db
                .selectFrom('estates')
                .select(['id', 'code'])
                .where('code', 'in', o.estate)
                .execute()
            : [];
          const missing = (o.estate ?? []).filter((c) => !estates.some((e) => e.code === c));
          if (missing.length) throw new Error(`unknown estate code(s): ${missing.join(', ')}`);
          const actor = systemActor();
          const a = await container.accounts.create(actor, {
            role: o.role as Role,
            displayName: o.name,
            password: o.password,
            username: o.username,
            phone: o.phone,
            estates: estates.map((e) => ({ estateId: e.id })),
          });
          console.log(`created ${a.username ?? a.phone} (${a.role}) id ${a.id}`);
        } finally {
          await database.close();
        }
      },
    );

  user
    .command('disable <login>')
    .description('disable an account (username or phone); ends its sessions')
    .action(async (login: string) => {
      const { database, container } = await open();
      try {
        const id = await container.accounts.findIdByLogin(login);
        if (!id) throw new Error(`no account ${login}`);
        const a = await container.accounts.get(systemActor(), id);
        await container.accounts.update(systemActor(), id, { status: 'disabled', version: a.version });
        console.log(`disabled ${login}`);
      } finally {
        await database.close();
      }
    });

  user
    .command('reset-password <login> <password>')
    .description('set a new password (unlocks the account, ends its sessions)')
    .action(async (login: string, password: string) => {
      const { database, container } = await open();
      try {
        const id = await container.accounts.findIdByLogin(login);
        if (!id) throw new Error(`no account ${login}`);
        await container.accounts.resetPassword(null, id, password);
        console.log(`password reset for ${login}`);
      } finally {
        await database.close();
      }
    });
}
