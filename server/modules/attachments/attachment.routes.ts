import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Attachment, AttachmentList, AttachmentOwnerQuery } from '../../../contract/attachments.js';
import { Ok } from '../../../contract/common.js';
import { AttachmentErrors } from './attachment.errors.js';
import type { AttachmentService } from './attachment.service.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });

const ImageResponse = {
  description: 'The image bytes (Content-Type from the stored, detected type; inline)',
  content: { 'image/*': { schema: z.string().meta({ format: 'binary' }) } },
};

/** `inline` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987); quotes and controls removed. */
export function inlineDisposition(filename: string): string {
  const ascii = filename.replace(/[^\x20-\x7e]/g, '').replace(/["\\;]/g, '');
  const fallback = !ascii || /^[-.]/.test(ascii) ? `photo${ascii.replace(/^[-.]+/, '.')}` : ascii;
  const encoded = encodeURIComponent(filename).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `inline; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Photo attachments of service requests and visits: upload, list, view, delete. */
export const attachmentRoutes =
  (attachments: AttachmentService): FastifyPluginAsyncZod =>
  async (app) => {
    app.post(
      '/attachments',
      {
        schema: {
          operationId: 'uploadAttachment',
          tags: ['attachments'],
          summary:
            'Add a photo to a request or visit (multipart/form-data, field "file"): JPEG, PNG, WebP or HEIC by content, at most ATTACHMENT_MAX_MB, 9 per record; location metadata removed',
          consumes: ['multipart/form-data'],
          querystring: AttachmentOwnerQuery,
          response: { 201: Attachment },
        },
      },
      async (req, reply) => {
        const created = await attachments.upload(req.actor(), req.query, async (maxBytes) => {
          if (!req.isMultipart()) return null;
          const file = await req.file({ limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 } });
          if (file?.fieldname !== 'file') return null;
          try {
            return { bytes: await file.toBuffer(), filename: file.filename || null };
          } catch (err) {
            if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
              throw AttachmentErrors.make(
                'ATTACHMENT_TOO_LARGE',
                { limitMb: Math.round((maxBytes / 1024 / 1024) * 10) / 10 },
                { field: 'file', reason: 'too_large', maxBytes },
              );
            throw err;
          }
        });
        return reply.code(201).send(created);
      },
    );

    app.get(
      '/attachments',
      {
        schema: {
          operationId: 'listAttachments',
          tags: ['attachments'],
          summary: 'Photos of a request or visit, oldest first, with the limits and whether one may add more',
          querystring: AttachmentOwnerQuery,
          response: { 200: AttachmentList },
        },
      },
      async (req) => attachments.list(req.actor(), req.query),
    );

    app.get(
      '/attachments/:id/content',
      {
        schema: {
          operationId: 'downloadAttachment',
          tags: ['attachments'],
          summary: 'The image, for whoever may see its request or visit (404 otherwise); nosniff, inline',
          params: IdParams,
          response: { 200: ImageResponse },
        },
      },
      async (req, reply) => {
        const f = await attachments.download(req.actor(), req.params.id);
        // Binary answer: the untyped reply (the schema documents it; there is no JSON to check).
        return (reply as FastifyReply)
          .header('Content-Type', f.contentType)
          .header('X-Content-Type-Options', 'nosniff')
          .header('Content-Disposition', inlineDisposition(f.filename))
          .header('Content-Security-Policy', "default-src 'none'; sandbox")
          .header('Cache-Control', 'private, max-age=3600')
          .send(f.bytes);
      },
    );

    app.delete(
      '/attachments/:id',
      {
        schema: {
          operationId: 'deleteAttachment',
          tags: ['attachments'],
          summary: 'Delete a photo: its uploader or a dispatcher/manager, while the request or visit is open',
          params: IdParams,
          response: { 200: Ok },
        },
      },
      async (req) => {
        await attachments.delete(req.actor(), req.params.id);
        return { ok: true as const };
      },
    );
  };
