import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type DispatchResult,
  type MessageChannel,
  type MessageReason,
  SMS_CHANNELS,
} from '../../../contract/messaging.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { fromJson, localDate, startOfLocalDay } from '../../lib/dates.js';
import { AliyunSmsClient } from './aliyun-sms.js';
import { type ChannelClient, ChannelError, renderText, type SendRequest } from './channel.js';
import { type SmtpConfig, SmtpEmailClient } from './email-smtp.js';
import { DevChannel, PortalInboxChannel } from './local-channels.js';
import { channelTextZh, smsParamNames } from './message-text.js';
import type { SecretBox } from './messaging.crypto.js';
import * as repo from './messaging.repository.js';
import type { MessageRow, ProviderRow, TemplateRow } from './messaging.table.js';
import { outsideWindow } from './messaging.time.js';
import { TencentSmsClient } from './tencent-sms.js';

/** Tunables of the outbox worker; defaults follow the issue and the SMS compliance notes. */
export interface DispatchSettings {
  /** Messages one address may receive per local day (service notices are exempt). */
  dailyCap: number;
  /** Greetings and tips only go out in [windowStartHour, windowEndHour) local time: 08:00–21:00. */
  windowStartHour: number;
  windowEndHour: number;
  maxAttempts: number;
  /** First retry after this; doubles per attempt (30 s, 1 min, 2 min, 4 min …). */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A claimed message another worker may take over after this (longer than a send's timeout). */
  leaseMs: number;
  /** How often a message waiting for a provider (no_provider) is looked at again. */
  noProviderRecheckMs: number;
}

export const DEFAULT_DISPATCH_SETTINGS: DispatchSettings = {
  dailyCap: 3,
  windowStartHour: 8,
  windowEndHour: 21,
  maxAttempts: 5,
  backoffBaseMs: 30_000,
  backoffMaxMs: 60 * 60_000,
  leaseMs: 60_000,
  noProviderRecheckMs: 10 * 60_000,
};

/** Purposes that count as marketing (营销): quiet hours apply. */
const QUIET_PURPOSES = new Set(['greetings', 'tips', 'health_tips']);
/** Purposes that need a recorded consent or opt-in; service notices only honour an opt-out. */
const CONSENT_PURPOSES = new Set(['greetings', 'tips', 'health_tips']);

/** Decrypted provider settings handed to a channel client factory. */
export interface ProviderConfig {
  channel: MessageChannel;
  signName: string | null;
  endpoint?: string;
  region?: string;
  sdkAppId?: string;
  accessKeyId: string;
  accessKeySecret: string;
}

export interface DispatcherDeps {
  db: Kysely<DB>;
  clock: Clock;
  /** Opens provider secrets; undefined when GUANJIA_SECRET_KEY is not set (SMS then waits). */
  secrets: SecretBox | undefined;
  devChannel?: DevChannel;
  /** Builds the SMS client for a provider; tests may wrap it. */
  smsClient?: (p: ProviderConfig) => ChannelClient;
  /** Builds the e-mail client for an estate's SMTP server; tests may wrap it. */
  emailClient?: (c: SmtpConfig) => ChannelClient;
  settings?: Partial<DispatchSettings>;
  log?: (msg: string, details: Record<string, unknown>) => void;
}

export function defaultSmsClient(p: ProviderConfig): ChannelClient {
  if (p.channel === 'sms_aliyun')
    return new AliyunSmsClient({
      accessKeyId: p.accessKeyId,
      accessKeySecret: p.accessKeySecret,
      endpoint: p.endpoint,
    });
  return new TencentSmsClient({
    secretId: p.accessKeyId,
    secretKey: p.accessKeySecret,
    sdkAppId: p.sdkAppId ?? '',
    region: p.region,
    endpoint: p.endpoint,
  });
}

/** Opens the estate's SMTP row; undefined when it is disabled or its password cannot be opened. */
export function openEmailProvider(
  row: ProviderRow | undefined,
  secrets: SecretBox | undefined,
): SmtpConfig | undefined {
  if (!row || !Number(row.enabled) || !secrets) return undefined;
  try {
    const s = JSON.parse(secrets.open(row.secrets_enc, `${row.estate_id}:email`));
    const st = fromJson<{ host?: string; port?: number; secure?: boolean; fromAddress?: string }>(
      row.settings,
      {},
    );
    if (!s.username || !s.password || !st.host || !st.fromAddress) return undefined;
    return {
      host: st.host,
      port: Number(st.port ?? 465),
      secure: st.secure !== false,
      username: s.username,
      password: s.password,
      fromAddress: st.fromAddress,
      fromName: row.sign_name ?? st.fromAddress,
    };
  } catch {
    return undefined;
  }
}

/** Opens a provider row; undefined when it is disabled or its secrets cannot be opened. */
export function openProvider(
  row: ProviderRow | undefined,
  secrets: SecretBox | undefined,
): ProviderConfig | undefined {
  if (!row || !Number(row.enabled) || !secrets) return undefined;
  try {
    const s = JSON.parse(secrets.open(row.secrets_enc, `${row.estate_id}:${row.channel}`));
    const settings = fromJson<Record<string, string | undefined>>(row.settings, {});
    if (!s.accessKeyId || !s.accessKeySecret) return undefined;
    return {
      channel: row.channel as MessageChannel,
      signName: row.sign_name,
      endpoint: settings.endpoint,
      region: settings.region,
      sdkAppId: settings.sdkAppId,
      accessKeyId: s.accessKeyId,
      accessKeySecret: s.accessKeySecret,
    };
  } catch {
    return undefined;
  }
}

type Outcome = 'sent' | 'failed' | 'retried' | 'suppressed' | 'deferred' | 'lost';

/**
 * The outbox worker. Safe to run in several processes: messages are claimed atomically with a
 * lease and a claim token; every later write is fenced by the token; the provider's message id
 * is stored before the message is marked sent, so a message reclaimed after a crash that already
 * has a provider id is marked sent without a second send.
 */
export function createDispatcher(deps: DispatcherDeps) {
  const { db } = deps;
  const settings = { ...DEFAULT_DISPATCH_SETTINGS, ...deps.settings };
  const dev = deps.devChannel ?? new DevChannel();
  const portal = new PortalInboxChannel(db, deps.clock);
  const smsClient = deps.smsClient ?? defaultSmsClient;
  const emailClient = deps.emailClient ?? ((c: SmtpConfig) => new SmtpEmailClient(c));

  async function consentBlock(m: MessageRow): Promise<MessageReason | undefined> {
    const needsConsent = CONSENT_PURPOSES.has(m.purpose);
    if (!m.household_id) return needsConsent ? 'no_consent' : undefined;
    const opt = await repo.latestOptEvent(db, m.estate_id, m.household_id, m.member_id, m.purpose);
    const consentAt = await repo.latestActiveConsent(db, m.estate_id, m.household_id, m.member_id, m.purpose);
    // The latest word of the resident decides: an opt-out after a signed consent wins, and a
    // consent signed after an opt-out restores it.
    if (opt && (!consentAt || opt.at >= consentAt)) return opt.granted ? undefined : 'opted_out';
    if (consentAt) return undefined;
    return needsConsent ? 'no_consent' : undefined;
  }

  return {
    settings,
    devChannel: dev,

    /** Claims due messages and sends each once; returns what it did. */
    async dispatchDue(now: Date, opts: { limit?: number } = {}): Promise<DispatchResult> {
      const token = randomUUID();
      const claimed = await repo.claimDue(db, {
        now,
        leaseUntil: new Date(now.getTime() + settings.leaseMs),
        token,
        limit: opts.limit ?? 200,
      });
      const result: DispatchResult = {
        claimed: claimed.length,
        sent: 0,
        failed: 0,
        retried: 0,
        suppressed: 0,
        deferred: 0,
      };
      if (!claimed.length) return result;
      const zones = await repo.estateZones(db, [...new Set(claimed.map((m) => m.estate_id))]);
      const templates = new Map<string, TemplateRow | undefined>();
      const providers = new Map<string, ProviderConfig | undefined>();
      const smtp = new Map<string, SmtpConfig | undefined>();
      const nowIso = now.toISOString();

      const finish = (m: MessageRow, patch: Parameters<typeof repo.updateClaimed>[3], inc = false) =>
        repo.updateClaimed(
          db,
          m,
          token,
          { lease_until: null, claim_token: null, updated_at: nowIso, ...patch },
          {
            incrementAttempts: inc,
          },
        );
      const suppress = async (m: MessageRow, reason: MessageReason): Promise<Outcome> =>
        (await finish(m, { status: 'suppressed', reason })) ? 'suppressed' : 'lost';
      const defer = async (
        m: MessageRow,
        reason: MessageReason,
        until: Date,
        notBefore?: Date,
      ): Promise<Outcome> =>
        (await finish(m, {
          status: 'queued',
          reason,
          next_attempt_at: until.toISOString(),
          ...(notBefore ? { not_before: notBefore.toISOString() } : {}),
        }))
          ? 'deferred'
          : 'lost';

      async function template(m: MessageRow) {
        const k = `${m.estate_id}\u0000${m.template_code}`;
        if (!templates.has(k)) templates.set(k, await repo.getTemplate(db, m.estate_id, m.template_code));
        return templates.get(k);
      }
      async function emailProvider(m: MessageRow) {
        if (!smtp.has(m.estate_id))
          smtp.set(
            m.estate_id,
            openEmailProvider(await repo.getProvider(db, m.estate_id, 'email'), deps.secrets),
          );
        return smtp.get(m.estate_id);
      }
      async function provider(m: MessageRow) {
        const k = `${m.estate_id}\u0000${m.channel}`;
        if (!providers.has(k))
          providers.set(k, openProvider(await repo.getProvider(db, m.estate_id, m.channel), deps.secrets));
        return providers.get(k);
      }

      async function handle(m: MessageRow): Promise<Outcome> {
        // Reclaimed after a crash between the provider's acceptance and "sent": do not send again.
        if (m.provider_message_id)
          return (await finish(m, { status: 'sent', reason: null, sent_at: nowIso })) ? 'sent' : 'lost';
        const channel = m.channel as MessageChannel;
        const sms = SMS_CHANNELS.includes(channel);
        // Providers reject medical content and it is sensitive: health tips never go by SMS.
        if (m.purpose === 'health_tips' && sms) return suppress(m, 'health_content_by_sms');
        const blocked = await consentBlock(m);
        if (blocked) return suppress(m, blocked);
        const t = await template(m);
        const providerTemplate = sms
          ? fromJson<Record<string, { code: string; status: string } | undefined>>(t?.provider_templates, {})[
              channel
            ]
          : undefined;
        if (!t || (sms && (providerTemplate?.status !== 'approved' || !providerTemplate.code)))
          return suppress(m, 'template_not_approved');
        let client: ChannelClient | undefined;
        let signName: string | null = null;
        if (channel === 'dev') client = dev;
        else if (channel === 'portal') client = portal;
        else if (channel === 'email') {
          const p = await emailProvider(m);
          if (p) client = emailClient(p);
        } else if (sms) {
          const p = await provider(m);
          if (p) {
            client = smsClient(p);
            signName = p.signName;
          }
        }
        // No provider configured (or its secrets cannot be opened): the message waits, and says why.
        if (!client) return defer(m, 'no_provider', new Date(now.getTime() + settings.noProviderRecheckMs));
        const zone = zones.get(m.estate_id) ?? 'Asia/Shanghai';
        if (QUIET_PURPOSES.has(m.purpose) && channel !== 'portal') {
          const opens = outsideWindow(now, zone, settings.windowStartHour, settings.windowEndHour);
          if (opens) return defer(m, 'quiet_hours', opens, opens);
        }
        if (m.purpose !== 'service_notices' && channel !== 'portal') {
          const n = await repo.sentCountSince(
            db,
            m.estate_id,
            m.address,
            startOfLocalDay(localDate(now, zone), zone),
            m.id,
          );
          if (n >= settings.dailyCap) return suppress(m, 'daily_cap');
        }
        // Fence: count the attempt only if the claim is still ours; otherwise another worker has it.
        if (!(await repo.updateClaimed(db, m, token, { updated_at: nowIso }, { incrementAttempts: true })))
          return 'lost';
        const attempts = Number(m.attempts) + 1;
        const params = fromJson<Record<string, string>>(m.params, {});
        const paramNames = fromJson<string[]>(t.param_names, []);
        const textZh = renderText(t.text_zh, params);
        const req: SendRequest = {
          messageId: m.id,
          estateId: m.estate_id,
          householdId: m.household_id,
          memberId: m.member_id,
          purpose: m.purpose,
          to: m.address,
          signName,
          templateCode: providerTemplate?.code ?? m.template_code,
          params,
          // SMS carries only what the Chinese text uses (Tencent numbers its parameters).
          paramNames: sms ? smsParamNames(t.text_zh, paramNames) : paramNames,
          // What a phone shows ends with the opt-out for greetings and tips (the provider's
          // approved template carries it for SMS; the development channel records it the same).
          textZh: channelTextZh(channel, m.purpose, textZh),
          textEn: t.text_en ? renderText(t.text_en, params) : null,
          subject: t.name,
        };
        try {
          const { providerMessageId } = await client.send(req);
          // Store the provider id first: if we die before the next write, a reclaim sees it.
          await repo.updateClaimed(db, m, token, { provider_message_id: providerMessageId });
          return (await finish(m, { status: 'sent', reason: null, last_error: null, sent_at: nowIso }))
            ? 'sent'
            : 'lost';
        } catch (e) {
          const transient = e instanceof ChannelError ? e.transient : true;
          const error = String((e as Error).message ?? e).slice(0, 500);
          deps.log?.('message send failed', { id: m.id, channel, transient, error });
          if (!transient || attempts >= settings.maxAttempts)
            return (await finish(m, { status: 'failed', last_error: error })) ? 'failed' : 'lost';
          const wait = Math.min(settings.backoffBaseMs * 2 ** (attempts - 1), settings.backoffMaxMs);
          return (await finish(m, {
            status: 'queued',
            last_error: error,
            next_attempt_at: new Date(now.getTime() + wait).toISOString(),
          }))
            ? 'retried'
            : 'lost';
        }
      }

      for (const m of claimed) {
        const outcome = await handle(m);
        if (outcome !== 'lost') result[outcome]++;
      }
      return result;
    },
  };
}

export type Dispatcher = ReturnType<typeof createDispatcher>;
