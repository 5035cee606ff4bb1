import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageOf } from '../../../contract/common.js';
import {
  AliyunReplies,
  AliyunStatusReport,
  DispatchBody,
  DispatchResult,
  EmailProvider,
  ListMessagesQuery,
  MemberBirthday,
  Message,
  MessageProvider,
  MessageTemplate,
  MessagingConsentResult,
  ProviderCallbackUrls,
  ProviderChannel,
  PutBirthdayBody,
  PutEmailProviderBody,
  PutProviderBody,
  TencentReply,
  TencentStatusReport,
  UpdateMessagingConsentBody,
  UpsertTemplateBody,
} from '../../../contract/messaging.js';
import type { MessagingService } from './messaging.service.js';

const IdParams = z.object({ id: z.string().min(1).max(64) });
const EstateParams = z.object({ estateId: z.string().min(1).max(64) });
const TemplateParams = EstateParams.extend({ code: z.string().regex(/^[a-z0-9][a-z0-9_.-]{0,63}$/) });
const ProviderParams = EstateParams.extend({ channel: ProviderChannel });
const MemberParams = IdParams.extend({ memberId: z.string().min(1).max(64) });
const CallbackParams = z.object({
  estateId: z.string().min(1).max(64),
  token: z.string().min(1).max(64),
});
const AliyunAck = z.object({ code: z.number(), msg: z.string() });
const TencentAck = z.object({ result: z.number(), errmsg: z.string() });

/** The messaging outbox, templates, provider credentials and opt-in/opt-out per purpose. */
export const messagingRoutes =
  (messaging: MessagingService): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/messages',
      {
        schema: {
          operationId: 'listMessages',
          tags: ['messaging'],
          summary:
            'The outbox of an estate, newest first; phones and e-mail addresses masked; reason says why a message waits or was suppressed',
          querystring: ListMessagesQuery,
          response: { 200: pageOf(Message) },
        },
      },
      async (req) => messaging.list(req.actor(), req.query),
    );

    app.get(
      '/messages/:id',
      {
        schema: {
          operationId: 'getMessage',
          tags: ['messaging'],
          params: IdParams,
          response: { 200: Message },
        },
      },
      async (req) => messaging.get(req.actor(), req.params.id),
    );

    app.post(
      '/messages/dispatch',
      {
        schema: {
          operationId: 'dispatchMessagesNow',
          tags: ['messaging'],
          summary: 'Run the outbox worker once now (admin; the scheduler runs it every 30 s)',
          body: DispatchBody,
          response: { 200: DispatchResult },
        },
      },
      async (req) => messaging.dispatchNow(req.actor(), { limit: req.body.limit }),
    );

    app.get(
      '/estates/:estateId/message-templates',
      {
        schema: {
          operationId: 'listTemplates',
          tags: ['messaging'],
          params: EstateParams,
          response: { 200: z.array(MessageTemplate) },
        },
      },
      async (req) => messaging.listTemplates(req.actor(), req.params.estateId),
    );

    app.put(
      '/estates/:estateId/message-templates/:code',
      {
        schema: {
          operationId: 'upsertTemplate',
          tags: ['messaging'],
          summary: 'Create or replace a template: zh/en text, provider template codes and approval status',
          params: TemplateParams,
          body: UpsertTemplateBody,
          response: { 200: MessageTemplate },
        },
      },
      async (req) => messaging.upsertTemplate(req.actor(), req.params.estateId, req.params.code, req.body),
    );

    app.get(
      '/estates/:estateId/message-providers',
      {
        schema: {
          operationId: 'listProviders',
          tags: ['messaging'],
          summary: 'SMS providers of an estate; secrets are never returned',
          params: EstateParams,
          response: { 200: z.array(MessageProvider) },
        },
      },
      async (req) => messaging.listProviders(req.actor(), req.params.estateId),
    );

    app.put(
      '/estates/:estateId/message-providers/:channel',
      {
        schema: {
          operationId: 'putProvider',
          tags: ['messaging'],
          summary: 'Set SMS provider credentials (stored encrypted; omit a secret to keep the stored one)',
          params: ProviderParams,
          body: PutProviderBody,
          response: { 200: MessageProvider },
        },
      },
      async (req) => messaging.putProvider(req.actor(), req.params.estateId, req.params.channel, req.body),
    );

    app.get(
      '/estates/:estateId/email-provider',
      {
        schema: {
          operationId: 'getEmailProvider',
          tags: ['messaging'],
          summary: "The estate's SMTP server for e-mail (the password is never returned); null when not set",
          params: EstateParams,
          response: { 200: EmailProvider.nullable() },
        },
      },
      async (req) => messaging.getEmailProvider(req.actor(), req.params.estateId),
    );

    app.put(
      '/estates/:estateId/email-provider',
      {
        schema: {
          operationId: 'putEmailProvider',
          tags: ['messaging'],
          summary:
            'Set the SMTP server and credentials (stored encrypted; omit them to keep the stored ones)',
          params: EstateParams,
          body: PutEmailProviderBody,
          response: { 200: EmailProvider },
        },
      },
      async (req) => messaging.putEmailProvider(req.actor(), req.params.estateId, req.body),
    );

    app.get(
      '/estates/:estateId/message-providers/:channel/callbacks',
      {
        schema: {
          operationId: 'getProviderCallbackUrls',
          tags: ['messaging'],
          summary:
            "The status-report and reply URLs (with their secret token) to enter in the provider's console",
          params: ProviderParams,
          response: { 200: ProviderCallbackUrls },
        },
      },
      async (req) => messaging.receipts.callbackUrls(req.actor(), req.params.estateId, req.params.channel),
    );

    // Provider callbacks: public, authenticated by the secret token in the URL (wrong → 404).
    app.post(
      '/public/sms/sms_aliyun/:estateId/:token/status',
      {
        schema: {
          operationId: 'aliyunSmsStatusReport',
          tags: ['messaging'],
          summary: 'Alibaba Cloud SmsReport (HTTP push): sent → delivered / failed',
          params: CallbackParams,
          body: AliyunStatusReport,
          response: { 200: AliyunAck },
        },
      },
      async (req) => {
        await messaging.receipts.statusReports(
          'sms_aliyun',
          req.params.estateId,
          req.params.token,
          req.body.map((r) => ({
            messageId: r.out_id || undefined,
            providerMessageId: r.biz_id || undefined,
            delivered: r.success,
            error: [r.err_code, r.err_msg].filter(Boolean).join(' '),
          })),
        );
        return { code: 0, msg: '接收成功' };
      },
    );

    app.post(
      '/public/sms/sms_aliyun/:estateId/:token/replies',
      {
        schema: {
          operationId: 'aliyunSmsReplies',
          tags: ['messaging'],
          summary:
            'Alibaba Cloud SmsUp (HTTP push): an opt-out reply (R, TD, 退订 …) opts the sender out at once',
          params: CallbackParams,
          body: AliyunReplies,
          response: { 200: AliyunAck },
        },
      },
      async (req) => {
        for (const r of req.body)
          await messaging.receipts.reply(
            'sms_aliyun',
            req.params.estateId,
            req.params.token,
            r.phone_number,
            r.content,
          );
        return { code: 0, msg: '接收成功' };
      },
    );

    app.post(
      '/public/sms/sms_tencent/:estateId/:token/status',
      {
        schema: {
          operationId: 'tencentSmsStatusReport',
          tags: ['messaging'],
          summary: 'Tencent Cloud status callback: sent → delivered / failed (sid = SerialNo)',
          params: CallbackParams,
          body: TencentStatusReport,
          response: { 200: TencentAck },
        },
      },
      async (req) => {
        await messaging.receipts.statusReports(
          'sms_tencent',
          req.params.estateId,
          req.params.token,
          req.body.map((r) => ({
            providerMessageId: r.sid,
            delivered: r.report_status === 'SUCCESS',
            error: [r.errmsg, r.description].filter(Boolean).join(' '),
          })),
        );
        return { result: 0, errmsg: 'OK' };
      },
    );

    app.post(
      '/public/sms/sms_tencent/:estateId/:token/replies',
      {
        schema: {
          operationId: 'tencentSmsReply',
          tags: ['messaging'],
          summary:
            'Tencent Cloud reply callback: an opt-out reply (R, TD, 退订 …) opts the sender out at once',
          params: CallbackParams,
          body: TencentReply,
          response: { 200: TencentAck },
        },
      },
      async (req) => {
        await messaging.receipts.reply(
          'sms_tencent',
          req.params.estateId,
          req.params.token,
          req.body.mobile,
          req.body.text,
        );
        return { result: 0, errmsg: 'OK' };
      },
    );

    app.put(
      '/households/:id/consents/messaging',
      {
        schema: {
          operationId: 'updateConsent',
          tags: ['messaging'],
          summary: 'Opt in or out of a message purpose; an opt-out also suppresses queued messages at once',
          params: IdParams,
          body: UpdateMessagingConsentBody,
          response: { 200: MessagingConsentResult },
        },
      },
      async (req) => messaging.updateConsent(req.actor(), req.params.id, req.body),
    );

    app.get(
      '/households/:id/birthdays',
      {
        schema: {
          operationId: 'listHouseholdBirthdays',
          tags: ['messaging'],
          summary: 'Birthdays (month-day) of members who agreed to birthday greetings',
          params: IdParams,
          response: { 200: z.array(MemberBirthday) },
        },
      },
      async (req) => messaging.birthdays.list(req.actor(), req.params.id),
    );

    app.put(
      '/households/:id/members/:memberId/birthday',
      {
        schema: {
          operationId: 'putMemberBirthday',
          tags: ['messaging'],
          summary: 'Record the agreement to birthday greetings with the birthday (MM-DD, no year)',
          params: MemberParams,
          body: PutBirthdayBody,
          response: { 200: MemberBirthday },
        },
      },
      async (req) => messaging.birthdays.put(req.actor(), req.params.id, req.params.memberId, req.body),
    );

    app.delete(
      '/households/:id/members/:memberId/birthday',
      {
        schema: {
          operationId: 'deleteMemberBirthday',
          tags: ['messaging'],
          summary: 'Withdraw the agreement to birthday greetings: the birthday is deleted at once',
          params: MemberParams,
          response: { 200: z.object({ deleted: z.boolean() }) },
        },
      },
      async (req) => messaging.birthdays.remove(req.actor(), req.params.id, req.params.memberId),
    );
  };
