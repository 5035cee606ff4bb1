import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';
import * as m0001 from './migrations/20261127_0001_foundation.js';
import * as m0002 from './migrations/20261127_0002_calendar.js';
import * as m0003 from './migrations/20261127_0003_plan.js';
import * as m0004 from './migrations/20261127_0004_visits.js';
import * as m0005 from './migrations/20261127_0005_service_requests.js';
import * as m0006 from './migrations/20261127_0006_agenda.js';
import * as m0007 from './migrations/20261127_0007_messaging.js';
import * as m0008 from './migrations/20261127_0008_ratings.js';
import * as m0009 from './migrations/20261127_0009_loans.js';
import * as m0010 from './migrations/20261127_0010_board.js';
import * as m0011 from './migrations/20261127_0011_campaigns.js';
import * as m0012 from './migrations/20261127_0012_duty_roster.js';
import * as m0013 from './migrations/20261127_0013_attachments.js';
import * as m0014 from './migrations/20261127_0014_organizations.js';
import * as m0015 from './migrations/20261127_0015_messaging_reach.js';
import * as m0016 from './migrations/20261127_0016_member_email.js';

/** Every migration, in order. Frozen in time: never edit one that has shipped; add a new one. */
const migrations: Record<string, Migration> = {
  '20261127_0001_foundation': m0001,
  '20261127_0002_calendar': m0002,
  '20261127_0003_plan': m0003,
  '20261127_0004_visits': m0004,
  '20261127_0005_service_requests': m0005,
  '20261127_0006_agenda': m0006,
  '20261127_0007_messaging': m0007,
  '20261127_0008_ratings': m0008,
  '20261127_0009_loans': m0009,
  '20261127_0010_board': m0010,
  '20261127_0011_campaigns': m0011,
  '20261127_0012_duty_roster': m0012,
  '20261127_0013_attachments': m0013,
  '20261127_0014_organizations': m0014,
  '20261127_0015_messaging_reach': m0015,
  '20261127_0016_member_email': m0016,
};

class StaticProvider implements MigrationProvider {
  async getMigrations(): Promise<Record<string, Migration>> {
    return migrations;
  }
}

/** `schema` names the PostgreSQL schema holding the migration tables (tests use a private one). */
export function createMigrator(db: Kysely<any>, schema?: string): Migrator {
  return new Migrator({
    db,
    provider: new StaticProvider(),
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

/** Applies pending migrations; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  const { error, results } = await createMigrator(db, schema).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`Migration ${failed ?? ''} failed: ${(error as Error).message}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Reverts the last applied migration. */
export async function migrateDown(db: Kysely<any>): Promise<string | undefined> {
  const { error, results } = await createMigrator(db).migrateDown();
  if (error) throw error;
  return results?.[0]?.migrationName;
}
