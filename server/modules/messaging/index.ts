export { AliyunSmsClient, signAcs3 } from './aliyun-sms.js';
export {
  type ChannelClient,
  ChannelError,
  renderText,
  type SendRequest,
  type SendResult,
} from './channel.js';
export { DevChannel, PortalInboxChannel } from './local-channels.js';
export { channelTextZh, PHONE_CHANNELS } from './message-text.js';
export { type BirthdayService, createBirthdayService } from './messaging.birthdays.js';
export { createSecretBox, type SecretBox } from './messaging.crypto.js';
export { MessagingErrors } from './messaging.errors.js';
export { messagingRoutes } from './messaging.routes.js';
export { DEFAULT_TEMPLATES, seedDefaultTemplates, seedDemoOptIns, TEMPLATE_CODES } from './messaging.seed.js';
export {
  createMessagingService,
  type EnqueueInput,
  type MessagingDeps,
  type MessagingService,
} from './messaging.service.js';
export type {
  MemberBirthdaysTable,
  MessageOptOutsTable,
  MessageProvidersTable,
  MessagesTable,
  MessageTemplatesTable,
  PortalInboxTable,
} from './messaging.table.js';
export { signTc3, TencentSmsClient } from './tencent-sms.js';
