/**
 * `npm run new:migration -- <name>`: creates server/db/migrations/<yyyymmdd>_<nnnn>_<name>.ts with
 * up and down, and registers it in server/db/migrator.ts. Migrations are frozen once shipped.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const name = process.argv[2];
if (!name || !/^[a-z][a-z0-9_]*$/.test(name)) {
  console.error('usage: npm run new:migration -- <name>   (snake_case, e.g. service_requests)');
  process.exit(2);
}
const dir = join(import.meta.dirname, '..', 'server', 'db', 'migrations');
const seq = readdirSync(dir).filter((f) => /^\d{8}_\d{4}_/.test(f)).length + 1;
const date = new Date().toISOString().slice(0, 10).replace(/-/g, '');
const id = `${date}_${String(seq).padStart(4, '0')}_${name}`;
writeFileSync(
  join(dir, `${id}.ts`),
  `import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen: must not import application code. Timestamps: timestamptz (pg) / ISO text (SQLite).
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const ts = pg ? sql\`timestamptz\` : sql\`text\`;
  void ts;
}

export async function down(db: Kysely<any>): Promise<void> {
  void db;
}
`,
);
const migrator = join(import.meta.dirname, '..', 'server', 'db', 'migrator.ts');
let text = readFileSync(migrator, 'utf8');
const alias = `m${String(seq).padStart(4, '0')}`;
text = text.replace(
  /(import \* as m\d+ from '[^']+';\n)(?!import \* as m)/,
  `$1import * as ${alias} from './migrations/${id}.js';\n`,
);
text = text.replace(
  /(const migrations: Record<string, Migration> = \{\n(?:.*\n)*?)(\};)/,
  `$1  '${id}': ${alias},\n$2`,
);
writeFileSync(migrator, text);
console.log(`created server/db/migrations/${id}.ts and registered it in server/db/migrator.ts`);
