import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  CreateCustomFieldBody,
  CustomFieldDef,
  UpdateCustomFieldBody,
} from '../../../contract/households.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { toJson } from '../../lib/dates.js';
import { newId } from '../../lib/ids.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, requireCap, requireEstate } from '../auth/index.js';
import { HouseholdErrors } from './household.errors.js';
import { toCustomFieldDef } from './household.mapper.js';
import * as repo from './household.repository.js';

export type CustomFieldService = ReturnType<typeof createCustomFieldService>;

/** Per-estate custom archive fields defined by a manager: adding one needs no code change. */
export function createCustomFieldService(deps: { db: Kysely<DB>; clock: Clock; audit: AuditService }) {
  const { db, clock, audit } = deps;
  return {
    async list(actor: Actor, estateId: string): Promise<CustomFieldDef[]> {
      requireCap(actor, 'household.read');
      requireEstate(actor, estateId);
      return (await repo.listCustomFieldDefs(db, estateId)).map(toCustomFieldDef);
    },

    async create(
      actor: Actor,
      estateId: string,
      input: z.infer<typeof CreateCustomFieldBody>,
    ): Promise<CustomFieldDef> {
      requireCap(actor, 'customfield.manage');
      requireEstate(actor, estateId);
      const existing = await repo.listCustomFieldDefs(db, estateId);
      if (existing.some((d) => d.key === input.key))
        throw HouseholdErrors.make('CUSTOM_FIELD_KEY_TAKEN', { key: input.key });
      const id = newId();
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('custom_field_defs')
          .values({
            estate_id: estateId,
            id,
            key: input.key,
            label: input.label,
            label_en: input.labelEn ?? null,
            type: input.type,
            options: toJson(input.options),
            sort: input.sort,
            active: 1,
            created_at: clock.now().toISOString(),
          })
          .execute();
        await audit.record(
          {
            actor,
            action: 'customfield.create',
            estateId,
            targetType: 'custom_field',
            targetId: id,
            details: { key: input.key, type: input.type },
          },
          trx,
        );
      });
      return (await repo.listCustomFieldDefs(db, estateId)).map(toCustomFieldDef).find((d) => d.id === id)!;
    },

    async update(
      actor: Actor,
      estateId: string,
      fieldId: string,
      input: z.infer<typeof UpdateCustomFieldBody>,
    ): Promise<CustomFieldDef> {
      requireCap(actor, 'customfield.manage');
      requireEstate(actor, estateId);
      const set: Record<string, unknown> = {};
      if (input.label !== undefined) set.label = input.label;
      if (input.labelEn !== undefined) set.label_en = input.labelEn;
      if (input.options !== undefined) set.options = toJson(input.options);
      if (input.sort !== undefined) set.sort = input.sort;
      if (input.active !== undefined) set.active = input.active ? 1 : 0;
      await db.transaction().execute(async (trx) => {
        if (Object.keys(set).length) {
          const r = await trx
            .updateTable('custom_field_defs')
            .set(set)
            .where('estate_id', '=', estateId)
            .where('id', '=', fieldId)
            .executeTakeFirst();
          if (Number(r.numUpdatedRows) !== 1) throw HouseholdErrors.make('CUSTOM_FIELD_NOT_FOUND');
        }
        await audit.record(
          {
            actor,
            action: 'customfield.update',
            estateId,
            targetType: 'custom_field',
            targetId: fieldId,
            details: { fields: Object.keys(input) },
          },
          trx,
        );
      });
      const d = (await repo.listCustomFieldDefs(db, estateId)).find((x) => x.id === fieldId);
      if (!d) throw HouseholdErrors.make('CUSTOM_FIELD_NOT_FOUND');
      return toCustomFieldDef(d);
    },
  };
}
