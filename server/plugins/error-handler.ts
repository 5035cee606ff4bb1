import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError, CommonErrors } from '../lib/errors.js';
import { langFromHeader } from '../lib/i18n.js';
import { localizeIssues, summarize } from '../lib/validation.js';

function send(reply: FastifyReply, status: number, code: string, message: string, details?: unknown) {
  return reply.code(status).send({ error: { code, message, ...(details === undefined ? {} : { details }) } });
}

/** Maps every error to `{"error": {code, message, details}}` in the request's language; never a stack trace. */
export default fp(async function errorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply) => {
    const lang = langFromHeader(req.headers['accept-language']);
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err }, 'application error');
      return send(reply, err.status, err.code, err.messageIn(lang), err.details);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const raw = err.validation.map((v) => ({
        ...(v.params as object),
        code: v.keyword,
        message: v.message,
        path: v.instancePath.split('/').filter(Boolean),
      }));
      const issues = localizeIssues(raw, lang, (err as FastifyError).validationContext);
      const e = CommonErrors.make('VALIDATION_FAILED', { summary: summarize(issues, lang) });
      return send(reply, 400, e.code, e.messageIn(lang), { issues });
    }
    if (err instanceof ZodError) {
      const issues = localizeIssues(err.issues as never[], lang);
      const e = CommonErrors.make('VALIDATION_FAILED', { summary: summarize(issues, lang) });
      return send(reply, 400, e.code, e.messageIn(lang), { issues });
    }
    const fe = err as FastifyError;
    const zh = lang === 'zh-CN';
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return send(
          reply,
          400,
          'MALFORMED_JSON',
          zh ? '请求体不是有效的 JSON' : 'The request body is not valid JSON',
        );
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return send(reply, 400, 'BODY_TOO_LARGE', zh ? '请求体过大' : 'The request body is too large');
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return send(
          reply,
          415,
          'UNSUPPORTED_MEDIA_TYPE',
          zh ? '不支持的内容类型' : 'Unsupported content type',
        );
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return send(
          reply,
          400,
          'BAD_CONTENT_LENGTH',
          zh ? '内容长度不正确' : 'Content-Length does not match the body',
        );
      case 'FST_REQ_FILE_TOO_LARGE':
      case 'FST_FILES_LIMIT':
      case 'FST_PARTS_LIMIT':
        return send(
          reply,
          400,
          'FILE_TOO_LARGE',
          zh ? '上传文件过大或过多' : 'The uploaded file is too large or there are too many files',
        );
      case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
        return send(
          reply,
          400,
          'MULTIPART_REQUIRED',
          zh ? '请以 multipart/form-data 上传文件' : 'Upload the file as multipart/form-data',
        );
    }
    if (fe.statusCode === 429) {
      const e = CommonErrors.make('RATE_LIMITED');
      return send(reply, 429, e.code, e.messageIn(lang));
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return send(reply, fe.statusCode, 'BAD_REQUEST', zh ? '请求无效' : 'Bad request');
    }
    req.log.error({ err }, 'unhandled error');
    const e = CommonErrors.make('INTERNAL');
    return send(reply, 500, e.code, e.messageIn(lang));
  });

  app.setNotFoundHandler((req, reply) => {
    const lang = langFromHeader(req.headers['accept-language']);
    const e = CommonErrors.make('NOT_FOUND');
    return send(reply, 404, e.code, e.messageIn(lang));
  });
});
