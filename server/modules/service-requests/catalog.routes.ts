import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  CatalogEntry,
  CreateCatalogEntryBody,
  UpdateCatalogEntryBody,
  VersionBody,
} from '../../../contract/service-requests.js';
import { ifMatchVersion } from '../auth/index.js';
import type { CatalogService } from './catalog.service.js';

const EstateParams = z.object({ estateId: z.string().min(1).max(64) });
const EntryParams = EstateParams.extend({ id: z.string().min(1).max(64) });
const tags = ['service-requests'];

/** Catalog editing (服务目录 as data): managers add, edit and retire entries. */
export const catalogRoutes =
  (catalog: CatalogService): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/estates/:estateId/service-catalog',
      {
        schema: {
          operationId: 'createCatalogEntry',
          tags,
          summary: "Add an entry to the estate's service catalog (managers)",
          params: EstateParams,
          body: CreateCatalogEntryBody,
          response: { 201: CatalogEntry },
        },
      },
      async (req, reply) => {
        const r = await catalog.create(req.actor(), req.params.estateId, req.body);
        reply.header('ETag', `"${r.version}"`);
        return reply.code(201).send(r);
      },
    );

    app.patch(
      '/estates/:estateId/service-catalog/:id',
      {
        schema: {
          operationId: 'updateCatalogEntry',
          tags,
          summary: 'Change a catalog entry (fields given only; active=false retires it); 412 when stale',
          params: EntryParams,
          body: UpdateCatalogEntryBody,
          response: { 200: CatalogEntry },
        },
      },
      async (req, reply) => {
        const r = await catalog.update(req.actor(), req.params.estateId, req.params.id, {
          ...req.body,
          version: req.body.version ?? ifMatchVersion(req.headers['if-match']),
        });
        reply.header('ETag', `"${r.version}"`);
        return r;
      },
    );

    app.post(
      '/estates/:estateId/service-catalog/:id/retire',
      {
        schema: {
          operationId: 'retireCatalogEntry',
          tags,
          summary: 'Retire a catalog entry: no new requests for it; requests already taken keep it',
          params: EntryParams,
          body: VersionBody,
          response: { 200: CatalogEntry },
        },
      },
      async (req) =>
        catalog.retire(
          req.actor(),
          req.params.estateId,
          req.params.id,
          req.body.version ?? ifMatchVersion(req.headers['if-match']),
        ),
    );
  };
