import type {
  EmailProvider,
  Message,
  MessageProvider,
  MessageTemplate,
} from '../../../contract/messaging.js';
import { fromJson, toIso } from '../../lib/dates.js';
import { maskEmail, maskPhone } from '../../lib/masking.js';
import { smsReviewTexts } from './message-text.js';
import type { MessageRow, ProviderRow, TemplateRow } from './messaging.table.js';

/** Phones as 138****5678, e-mail as z***@example.com; portal addresses (household ids) as they are. */
export function maskAddress(channel: string, address: string): string {
  if (channel === 'portal') return address;
  if (address.includes('@')) return maskEmail(address) ?? '';
  return maskPhone(address) ?? '';
}

export function toMessage(r: MessageRow): Message {
  return {
    id: r.id,
    estateId: r.estate_id,
    key: r.idem_key,
    householdId: r.household_id,
    memberId: r.member_id,
    address: maskAddress(r.channel, r.address),
    channel: r.channel as Message['channel'],
    templateCode: r.template_code,
    params: fromJson<Record<string, string>>(r.params, {}),
    purpose: r.purpose as Message['purpose'],
    status: r.status as Message['status'],
    reason: (r.reason as Message['reason']) ?? null,
    notBefore: toIso(r.not_before),
    nextAttemptAt: r.status === 'queued' ? toIso(r.next_attempt_at) : null,
    attempts: Number(r.attempts),
    providerMessageId: r.provider_message_id,
    lastError: r.last_error,
    createdAt: toIso(r.created_at)!,
    createdBy: r.created_by,
    updatedAt: toIso(r.updated_at)!,
    sentAt: toIso(r.sent_at),
  };
}

export function toTemplate(r: TemplateRow): MessageTemplate {
  const paramNames = fromJson<string[]>(r.param_names, []);
  return {
    estateId: r.estate_id,
    code: r.code,
    name: r.name,
    purpose: r.purpose as MessageTemplate['purpose'],
    textZh: r.text_zh,
    textEn: r.text_en,
    paramNames,
    providerTemplates: fromJson<MessageTemplate['providerTemplates']>(r.provider_templates, {}),
    smsReviewText: smsReviewTexts({ purpose: r.purpose, textZh: r.text_zh, paramNames }),
    version: Number(r.version),
    updatedAt: toIso(r.updated_at)!,
  };
}

/** Never includes a secret: only whether one is stored and the key id's last 4 characters. */
export function toProvider(r: ProviderRow): MessageProvider {
  const s = fromJson<Record<string, string | undefined>>(r.settings, {});
  return {
    estateId: r.estate_id,
    channel: r.channel as MessageProvider['channel'],
    enabled: Number(r.enabled) === 1,
    signName: r.sign_name,
    endpoint: s.endpoint ?? null,
    region: s.region ?? null,
    sdkAppId: s.sdkAppId ?? null,
    accessKeyIdHint: s.accessKeyIdHint ?? null,
    hasSecret: !!r.secrets_enc,
    version: Number(r.version),
    updatedAt: toIso(r.updated_at)!,
    updatedBy: r.updated_by,
  };
}

export function toEmailProvider(r: ProviderRow): EmailProvider {
  const s = fromJson<{
    host?: string;
    port?: number;
    secure?: boolean;
    fromAddress?: string;
    usernameHint?: string;
  }>(r.settings, {});
  return {
    estateId: r.estate_id,
    enabled: Number(r.enabled) === 1,
    host: s.host ?? '',
    port: Number(s.port ?? 465),
    secure: s.secure !== false,
    fromAddress: s.fromAddress ?? '',
    fromName: r.sign_name ?? '',
    usernameHint: s.usernameHint ?? null,
    hasSecret: !!r.secrets_enc,
    version: Number(r.version),
    updatedAt: toIso(r.updated_at)!,
    updatedBy: r.updated_by,
  };
}
