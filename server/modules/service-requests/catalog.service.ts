import type { Kysely, Updateable } from 'kysely';
import type {
  CatalogEntry,
  CreateCatalogEntryBody,
  UpdateCatalogEntryBody,
} from '../../../contract/service-requests.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { toJson } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, requireCap, requireEstate } from '../auth/index.js';
import { CatalogErrors } from './catalog.errors.js';
import * as catalogRepo from './catalog.repository.js';
import { ServiceRequestErrors } from './service-request.errors.js';
import { toCatalogEntry } from './service-request.mapper.js';
import * as repo from './service-request.repository.js';
import type { ServiceCatalogTable } from './service-request.table.js';

export type CatalogService = ReturnType<typeof createCatalogService>;

export interface CatalogDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
}

type Input = Omit<CreateCatalogEntryBody, 'code'>;

/** Columns of an entry from what the manager wrote (all fields given). */
function columns(e: Partial<Input>): Updateable<ServiceCatalogTable> {
  const set: Updateable<ServiceCatalogTable> = {};
  if (e.team !== undefined) set.team_code = e.team;
  if (e.category !== undefined) set.category = e.category;
  if (e.name !== undefined) set.name_zh = e.name;
  if (e.nameEn !== undefined) set.name_en = e.nameEn || null;
  if (e.description !== undefined) set.description_zh = e.description || null;
  if (e.descriptionEn !== undefined) set.description_en = e.descriptionEn || null;
  if (e.visibility !== undefined) set.visibility = e.visibility;
  if (e.priceKind !== undefined) set.price_kind = e.priceKind;
  if (e.priceFen !== undefined) set.price_fen = e.priceFen;
  if (e.freeRules !== undefined) set.free_rules = e.freeRules ? toJson(e.freeRules) : null;
  if (e.targets !== undefined) set.targets = toJson(e.targets);
  if (e.supervisionCard !== undefined) set.supervision_card = e.supervisionCard ? 1 : 0;
  if (e.revisitPolicy !== undefined) set.revisit_policy = toJson(e.revisitPolicy);
  if (e.sort !== undefined) set.sort = e.sort;
  return set;
}

/** A fixed price needs its amount; free and quoted entries carry none. */
function checkPrice(priceKind: string, priceFen: number | null | undefined) {
  if (priceKind === 'fixed' && (priceFen === null || priceFen === undefined))
    throw CatalogErrors.make('CATALOG_PRICE_REQUIRED', undefined, { field: 'priceFen' });
}

/**
 * Catalog editing (服务目录 as data): a manager (`plan.manage`) adds entries, edits them and
 * retires them. Every change is one conditional UPDATE on `version` (412 when someone saved
 * first) with an audit event naming the fields changed, old → new.
 */
export function createCatalogService(deps: CatalogDeps) {
  const { db, clock, audit } = deps;

  async function guard(actor: Actor, estateId: string) {
    requireCap(actor, 'plan.manage');
    requireEstate(actor, estateId);
    if (!(await repo.estateTimeZone(db, estateId))) throw CommonErrors.make('NOT_FOUND');
  }

  const service = {
    /** Adds an entry to the estate's catalog (after the existing ones unless `sort` is given). */
    async create(actor: Actor, estateId: string, body: CreateCatalogEntryBody): Promise<CatalogEntry> {
      await guard(actor, estateId);
      checkPrice(body.priceKind, body.priceFen);
      if (await catalogRepo.findByCode(db, estateId, body.code))
        throw CatalogErrors.make('CATALOG_CODE_TAKEN', { code: body.code }, { field: 'code' });
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const ok = await catalogRepo.insertEntry(trx, {
          estate_id: estateId,
          id,
          code: body.code,
          team_code: body.team,
          category: body.category,
          name_zh: body.name,
          name_en: body.nameEn || null,
          description_zh: body.description || null,
          description_en: body.descriptionEn || null,
          visibility: body.visibility,
          price_kind: body.priceKind,
          price_fen: body.priceKind === 'fixed' ? (body.priceFen ?? null) : null,
          free_rules: body.freeRules ? toJson(body.freeRules) : null,
          targets: toJson(body.targets),
          supervision_card: body.supervisionCard ? 1 : 0,
          revisit_policy: toJson(body.revisitPolicy),
          active: 1,
          sort: body.sort ?? (await catalogRepo.nextSort(trx, estateId)),
          version: 1,
          created_at: at,
          updated_at: at,
          created_by: actor.id,
          updated_by: actor.id,
        });
        if (!ok) throw CatalogErrors.make('CATALOG_CODE_TAKEN', { code: body.code }, { field: 'code' });
        await audit.record(
          {
            actor,
            action: 'service_catalog.create',
            estateId,
            targetType: 'service_catalog',
            targetId: id,
            details: { code: body.code, name: body.name, visibility: body.visibility, price: body.priceKind },
          },
          trx,
        );
      });
      return toCatalogEntry((await repo.findCatalog(db, estateId, id))!);
    },

    /**
     * Changes the fields given; `active: false` retires the entry (no new requests; existing
     * ones keep it), `active: true` offers it again. `version` is required.
     */
    async update(
      actor: Actor,
      estateId: string,
      id: string,
      body: UpdateCatalogEntryBody,
    ): Promise<CatalogEntry> {
      await guard(actor, estateId);
      const row = await repo.findCatalog(db, estateId, id);
      if (!row) throw ServiceRequestErrors.make('CATALOG_ENTRY_NOT_FOUND');
      if (body.version === undefined) throw CommonErrors.make('VERSION_REQUIRED');
      const version = Number(row.version);
      if (body.version !== version) throw CommonErrors.make('VERSION_CONFLICT', { current: version });
      const before = toCatalogEntry(row);
      const priceKind = body.priceKind ?? before.priceKind;
      const priceFen = body.priceFen !== undefined ? body.priceFen : before.priceFen;
      checkPrice(priceKind, priceFen);
      const { version: _v, active, ...fields } = body;
      const set = columns(fields);
      if (priceKind !== 'fixed') set.price_fen = null;
      if (active !== undefined) set.active = active ? 1 : 0;
      const changed: Record<string, { from: unknown; to: unknown }> = {};
      for (const [k, v] of Object.entries({ ...fields, active })) {
        const old = (before as Record<string, unknown>)[k];
        if (v !== undefined && JSON.stringify(v) !== JSON.stringify(old)) changed[k] = { from: old, to: v };
      }
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        const won = await catalogRepo.updateEntry(
          trx,
          { estateId, id, version },
          { ...set, updated_at: at, updated_by: actor.id },
        );
        if (!won) {
          const cur = await repo.findCatalog(trx, estateId, id);
          throw CommonErrors.make('VERSION_CONFLICT', { current: cur ? Number(cur.version) : '?' });
        }
        await audit.record(
          {
            actor,
            action:
              active === false && before.active
                ? 'service_catalog.retire'
                : active === true && !before.active
                  ? 'service_catalog.reactivate'
                  : 'service_catalog.update',
            estateId,
            targetType: 'service_catalog',
            targetId: id,
            details: { code: row.code, changed },
          },
          trx,
        );
      });
      return toCatalogEntry((await repo.findCatalog(db, estateId, id))!);
    },

    /** Retires an entry: it is no longer offered; requests already taken keep it. */
    async retire(actor: Actor, estateId: string, id: string, version: number | undefined) {
      return service.update(actor, estateId, id, { active: false, version });
    },
  };
  return service;
}
