import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CareFlag, Occupancy } from '../../../contract/households.js';
import { HouseholdIoErrors } from './household-io.errors.js';
import type { HouseholdIoService } from './household-io.service.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A binary .xlsx response, described for the OpenAPI document. */
const XlsxResponse = {
  description: 'The .xlsx workbook (Content-Disposition: attachment)',
  content: { [XLSX]: { schema: z.string().meta({ format: 'binary' }) } },
};

export const ExportHouseholdsQuery = z.object({
  estateId: z
    .string()
    .max(64)
    .optional()
    .describe('The estate to export; may be left out when the user has exactly one'),
  q: z
    .string()
    .trim()
    .max(60)
    .optional()
    .describe('Same search as listHouseholds: room, name, phone digits or tag'),
  buildingId: z.string().max(64).optional(),
  occupancy: Occupancy.optional(),
  careFlag: CareFlag.optional(),
});

export const ImportHouseholdsQuery = z.object({
  estateId: z.string().min(1).max(64).describe('The estate the rooms belong to'),
  mode: z
    .enum(['all_or_nothing', 'valid_rows'])
    .default('all_or_nothing')
    .describe('all_or_nothing: any error imports nothing; valid_rows: households with errors are skipped'),
  dryRun: z.enum(['true', 'false']).default('false').describe('true: validate and count only, write nothing'),
  createRooms: z
    .enum(['true', 'false'])
    .default('false')
    .describe(
      'true: a room the file names (3-2-501) that the estate lacks is created, with its building and unit if missing; false: it is an error',
    ),
});

export const ImportRowError = z.object({
  sheet: z.string().describe('Worksheet name, e.g. 家庭成员'),
  row: z.number().int().describe('Row number as Excel shows it'),
  column: z.string().describe('Column header, e.g. 手机'),
  message: z.string().describe("What is wrong, in the request's language"),
});

export const ImportHouseholdsResult = z.object({
  imported: z.number().int().describe('Archives created'),
  updated: z
    .number()
    .int()
    .describe('Existing archives changed (members and vehicles replaced by the file’s)'),
  unchanged: z.number().int().describe('Existing archives the file left as they were'),
  skipped: z.number().int().describe('Household rows not written because of errors'),
  createdBuildings: z
    .number()
    .int()
    .describe('Buildings created by createRooms (in a dry run: to be created)'),
  createdUnits: z.number().int().describe('Units created by createRooms (in a dry run: to be created)'),
  createdRooms: z.number().int().describe('Rooms created by createRooms (in a dry run: to be created)'),
  errors: z.array(ImportRowError).describe('The first 1000 problems, by sheet and row'),
  errorCount: z.number().int().describe('How many problems there were in all'),
  dryRun: z.boolean(),
});

/** RFC 6266 / 5987 Content-Disposition: an ASCII fallback plus the UTF-8 name (家庭档案-….xlsx). */
export function contentDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '');
  const fallback = !ascii || /^[-.]/.test(ascii) ? `households${ascii}` : ascii;
  const encoded = encodeURIComponent(filename).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function sendXlsx(reply: FastifyReply, buffer: Buffer, filename: string) {
  return reply
    .header('Content-Type', XLSX)
    .header('Content-Disposition', contentDisposition(filename))
    .send(buffer);
}

/** Excel template, import and export of household archives (家庭档案导入导出). */
export const householdIoRoutes =
  (io: HouseholdIoService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/households/import-template',
      {
        schema: {
          operationId: 'downloadImportTemplate',
          tags: ['households'],
          summary: 'The .xlsx template for importing household archives (家庭档案导入模板)',
          response: { 200: XlsxResponse },
        },
      },
      async (req, reply) => sendXlsx(reply, await io.template(req.actor()), '家庭档案导入模板.xlsx'),
    );

    app.get(
      '/households/export',
      {
        schema: {
          operationId: 'exportHouseholds',
          tags: ['households'],
          summary: 'Export households, members and vehicles to .xlsx (phones and e-mails masked); audited',
          querystring: ExportHouseholdsQuery,
          response: { 200: XlsxResponse },
        },
      },
      async (req, reply) => {
        const r = await io.exportWorkbook(req.actor(), req.query);
        return sendXlsx(reply, r.buffer, r.filename);
      },
    );

    app.post(
      '/households/import',
      {
        schema: {
          operationId: 'importHouseholds',
          tags: ['households'],
          summary:
            'Import households from an .xlsx file (multipart/form-data, field "file"); errors per sheet, row and column',
          consumes: ['multipart/form-data'],
          querystring: ImportHouseholdsQuery,
          response: { 200: ImportHouseholdsResult },
        },
      },
      async (req) => {
        const actor = req.actor();
        const { estateId, mode, dryRun, createRooms } = req.query;
        // Refuse before reading up to 10 MB from someone who may not import.
        io.authorizeImport(actor, estateId);
        if (!req.isMultipart()) throw HouseholdIoErrors.make('IMPORT_FILE_REQUIRED');
        const file = await req.file();
        if (!file) throw HouseholdIoErrors.make('IMPORT_FILE_REQUIRED');
        const buffer = await file.toBuffer();
        if (!buffer.length) throw HouseholdIoErrors.make('IMPORT_FILE_REQUIRED');
        return io.importWorkbook(actor, estateId, buffer, {
          mode,
          dryRun: dryRun === 'true',
          createRooms: createRooms === 'true',
        });
      },
    );
  };
