/**
 * `npm run new:module -- <name>`: scaffolds server/modules/<name>/ with the files every module
 * has (see ARCHITECTURE.md, "A domain module"), so a new domain starts in the house style.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const name = process.argv[2];
if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
  console.error('usage: npm run new:module -- <name>   (kebab-case, e.g. work-orders)');
  process.exit(2);
}
const singular = name.replace(/s$/, '');
const camel = singular.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const Pascal = camel[0]!.toUpperCase() + camel.slice(1);
const UPPER = singular.replace(/-/g, '_').toUpperCase();
const dir = join(import.meta.dirname, '..', 'server', 'modules', name);
if (existsSync(dir)) {
  console.error(`${dir} already exists`);
  process.exit(1);
}
mkdirSync(dir, { recursive: true });

const files: Record<string, string> = {
  [`${singular}.errors.ts`]: `import { defineErrors } from '../../lib/errors.js';

export const ${Pascal}Errors = defineErrors({
  ${UPPER}_NOT_FOUND: {
    status: 404,
    message: { 'zh-CN': '找不到该记录', en: '${Pascal} not found' },
  },
});
`,
  [`${singular}.repository.ts`]: `import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

// Every SQL statement of the module; functions take \`db\` (a Kysely or a transaction).
export function find${Pascal}(db: Kysely<DB>, estateId: string, id: string) {
  void db;
  void estateId;
  void id;
  return Promise.resolve(undefined);
}
`,
  [`${singular}.mapper.ts`]: `/** Row → API shape; rows never leave the service. */
export function to${Pascal}(row: Record<string, unknown>) {
  return { id: String(row.id) };
}
`,
  [`${singular}.service.ts`]: `import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, requireEstate } from '../auth/index.js';
import { ${Pascal}Errors } from './${singular}.errors.js';
import { to${Pascal} } from './${singular}.mapper.js';
import * as repo from './${singular}.repository.js';

export type ${Pascal}Service = ReturnType<typeof create${Pascal}Service>;

/** Rules, transactions and authorization of ${name}; never imports fastify. */
export function create${Pascal}Service(deps: { db: Kysely<DB>; clock: Clock; audit: AuditService }) {
  return {
    async get(actor: Actor, estateId: string, id: string) {
      requireEstate(actor, estateId);
      const row = await repo.find${Pascal}(deps.db, estateId, id);
      if (!row) throw ${Pascal}Errors.make('${UPPER}_NOT_FOUND');
      return to${Pascal}(row);
    },
  };
}
`,
  [`${singular}.routes.ts`]: `import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ${Pascal}Service } from './${singular}.service.js';

export const ${camel}Routes =
  (service: ${Pascal}Service): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/estates/:estateId/${name}/:id',
      {
        schema: {
          operationId: 'get${Pascal}',
          tags: ['${name}'],
          params: z.object({ estateId: z.string().max(64), id: z.string().max(64) }),
          response: { 200: z.object({ id: z.string() }) },
        },
      },
      async (req) => service.get(req.actor(), req.params.estateId, req.params.id),
    );
  };
`,
  'index.ts': `export { ${camel}Routes } from './${singular}.routes.js';
export { create${Pascal}Service, type ${Pascal}Service } from './${singular}.service.js';
`,
};
for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
console.log(
  `created server/modules/${name}/ — next: add the service to server/container.ts, the routes to server/app.ts,`,
);
console.log('a row to the role × operation table in test/integration/access-matrix.http.test.ts, and tests.');
