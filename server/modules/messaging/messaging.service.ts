import type { Insertable, Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  DispatchResult,
  EmailProvider,
  ListMessagesQuery,
  Message,
  MessageChannel,
  MessageProvider,
  MessagePurpose,
  MessageTemplate,
  PutEmailProviderBody,
  PutProviderBody,
  UpdateMessagingConsentBody,
  UpsertTemplateBody,
} from '../../../contract/messaging.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { fromJson, toJson } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, requireCap, requireEstate } from '../auth/index.js';
import type { HouseholdService } from '../households/index.js';
import type { ChannelClient } from './channel.js';
import type { DevChannel } from './local-channels.js';
import { createBirthdayService } from './messaging.birthdays.js';
import { createSecretBox, type SecretBox } from './messaging.crypto.js';
import { MessagingErrors } from './messaging.errors.js';
import { toEmailProvider, toMessage, toProvider, toTemplate } from './messaging.mapper.js';
import { createReceiptService } from './messaging.receipts.js';
import * as repo from './messaging.repository.js';
import type { MessagesTable } from './messaging.table.js';
import { createDispatcher, type DispatchSettings, type ProviderConfig } from './messaging.worker.js';

export type MessagingService = ReturnType<typeof createMessagingService>;

export interface MessagingDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  households: Pick<HouseholdService, 'load'>;
  /** GUANJIA_SECRET_KEY: needed only to store or use SMS provider credentials. */
  secretKey: string | undefined;
  devChannel?: DevChannel;
  smsClient?: (p: ProviderConfig) => ChannelClient;
  settings?: Partial<DispatchSettings>;
  log?: (msg: string, details: Record<string, unknown>) => void;
}

/** One message to put in the outbox (campaigns, reminders, notices call this). */
export interface EnqueueInput {
  estateId: string;
  /** Natural idempotency key, unique per estate: `campaign:<id>:<member>`, `reminder:<plate>:<date>`. */
  key: string;
  householdId?: string | null;
  memberId?: string | null;
  /** Phone or e-mail; omitted → the member's phone (SMS, dev) or the household (portal). */
  address?: string | null;
  channel: MessageChannel;
  templateCode: string;
  params?: Record<string, string>;
  purpose: MessagePurpose;
  /** Not before this instant (e.g. a campaign's schedule). */
  notBefore?: Date;
  createdBy: string;
}

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/\{([A-Za-z][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!))];
}

/**
 * The messaging outbox: enqueue (idempotent by key), the worker (dispatchDue), templates,
 * per-estate provider credentials (encrypted) and opt-in/opt-out per purpose.
 */
export function createMessagingService(deps: MessagingDeps) {
  const { db, clock, audit, households } = deps;
  let box: SecretBox | undefined;
  try {
    box = deps.secretKey ? createSecretBox(deps.secretKey) : undefined;
  } catch {
    box = undefined;
  }
  const dispatcher = createDispatcher({
    db,
    clock,
    secrets: box,
    devChannel: deps.devChannel,
    smsClient: deps.smsClient,
    settings: deps.settings,
    log: deps.log,
  });

  /**
   * Each item's address: given, the household (portal), the member's e-mail (e-mail) or phone
   * (SMS, development) — looked up in chunks of ids per estate, not one query per recipient (a
   * festival greeting has 100,000).
   */
  async function resolveAddresses(items: EnqueueInput[]): Promise<(string | null)[]> {
    const wanted = new Map<string, Set<string>>();
    for (const i of items)
      if (!i.address && i.channel !== 'portal' && i.householdId && i.memberId) {
        const ids = wanted.get(i.estateId) ?? new Set<string>();
        ids.add(i.memberId);
        wanted.set(i.estateId, ids);
      }
    const addresses = new Map<string, { phone: string | null; email: string | null; householdId: string }>();
    for (const [estateId, idSet] of wanted) {
      const ids = [...idSet];
      for (let k = 0; k < ids.length; k += 500)
        for (const m of await repo.addressesOf(db, estateId, ids.slice(k, k + 500)))
          addresses.set(`${estateId}:${m.id}`, {
            phone: m.phone,
            email: m.email,
            householdId: m.household_id,
          });
    }
    return items.map((i) => {
      if (i.address) return i.address;
      if (i.channel === 'portal') return i.householdId ?? null;
      if (!i.householdId || !i.memberId) return null;
      const m = addresses.get(`${i.estateId}:${i.memberId}`);
      // The member must still belong to the household the message names.
      if (!m || m.householdId !== i.householdId) return null;
      return i.channel === 'email' ? m.email : m.phone;
    });
  }

  return {
    /** Birthdays kept with the member's agreement to birthday greetings (C9). */
    birthdays: createBirthdayService({ db, clock, audit, households }),

    /** Delivery receipts and SMS replies (opt-out words) from the providers' callbacks. */
    receipts: createReceiptService({ db, clock, audit, secretKey: deps.secretKey }),

    /** The worker: the scheduler calls this every 30 s. */
    dispatchDue: dispatcher.dispatchDue,
    devChannel: dispatcher.devChannel,

    /**
     * Puts messages in the outbox. A key that exists in the estate is skipped (ON CONFLICT DO
     * NOTHING), so a campaign or a reminder job may run twice, or in two processes. A recipient
     * without an address is recorded as suppressed (`no_address`) so the console shows it.
     */
    async enqueue(items: EnqueueInput[]): Promise<{ inserted: number }> {
      const now = clock.now();
      const nowIso = now.toISOString();
      const rows: Insertable<MessagesTable>[] = [];
      const addresses = await resolveAddresses(items);
      for (const [n, i] of items.entries()) {
        const address = addresses[n];
        const start = i.notBefore && i.notBefore > now ? i.notBefore : now;
        rows.push({
          estate_id: i.estateId,
          id: newId(),
          idem_key: i.key,
          household_id: i.householdId ?? null,
          member_id: i.memberId ?? null,
          address: address ?? '',
          channel: i.channel,
          template_code: i.templateCode,
          params: toJson(i.params ?? {}),
          purpose: i.purpose,
          status: address ? 'queued' : 'suppressed',
          reason: address ? null : 'no_address',
          not_before: i.notBefore ? i.notBefore.toISOString() : null,
          next_attempt_at: start.toISOString(),
          created_at: nowIso,
          created_by: i.createdBy,
          updated_at: nowIso,
        });
      }
      return { inserted: await repo.insertMessages(db, rows) };
    },

    async list(actor: Actor, q: z.infer<typeof ListMessagesQuery>): Promise<Page<Message>> {
      requireCap(actor, 'message.read');
      requireEstate(actor, q.estateId);
      const cursor = decodeCursor(q.cursor);
      const rows = await repo.listMessages(db, {
        estateId: q.estateId,
        status: q.status,
        purpose: q.purpose,
        householdId: q.householdId,
        channel: q.channel,
        campaignId: q.campaignId,
        afterId: typeof cursor?.[0] === 'string' ? cursor[0] : undefined,
        limit: q.limit,
      });
      return toPage(rows, q.limit, (r) => [r.id], toMessage);
    },

    async get(actor: Actor, id: string): Promise<Message> {
      requireCap(actor, 'message.read');
      const r = await repo.getMessage(db, id);
      if (!r || !(actor.allEstates || actor.estateIds.includes(r.estate_id)))
        throw MessagingErrors.make('MESSAGE_NOT_FOUND');
      return toMessage(r);
    },

    async listTemplates(actor: Actor, estateId: string): Promise<MessageTemplate[]> {
      requireCap(actor, 'message.read');
      requireEstate(actor, estateId);
      return (await repo.listTemplates(db, estateId)).map(toTemplate);
    },

    async upsertTemplate(
      actor: Actor,
      estateId: string,
      code: string,
      body: UpsertTemplateBody,
    ): Promise<MessageTemplate> {
      requireCap(actor, 'campaign.manage');
      requireEstate(actor, estateId);
      const names = body.paramNames ?? [];
      const used = new Set([...placeholders(body.textZh), ...placeholders(body.textEn ?? '')]);
      const mismatch = [...used].filter((p) => !names.includes(p));
      if (mismatch.length)
        throw MessagingErrors.make('TEMPLATE_PARAMS_MISMATCH', { params: mismatch.join(', ') });
      const providerTemplates = body.providerTemplates ?? {};
      if ((providerTemplates.sms_aliyun || providerTemplates.sms_tencent) && /[【】]/.test(body.textZh))
        throw MessagingErrors.make('TEMPLATE_HAS_BRACKETS');
      const now = clock.now().toISOString();
      await repo.upsertTemplate(db, {
        estate_id: estateId,
        code,
        name: body.name,
        purpose: body.purpose,
        text_zh: body.textZh,
        text_en: body.textEn ?? null,
        param_names: toJson(names),
        provider_templates: toJson(providerTemplates),
        created_at: now,
        updated_at: now,
        created_by: actor.displayName,
      });
      await audit.record({
        actor,
        action: 'message_template.upsert',
        estateId,
        targetType: 'message_template',
        targetId: code,
        details: { providerTemplates },
      });
      return toTemplate((await repo.getTemplate(db, estateId, code))!);
    },

    async listProviders(actor: Actor, estateId: string): Promise<MessageProvider[]> {
      requireCap(actor, 'message.read');
      requireEstate(actor, estateId);
      // SMS providers only; the SMTP server has its own operation (getEmailProvider).
      return (await repo.listProviders(db, estateId)).filter((r) => r.channel !== 'email').map(toProvider);
    },

    /** Stores provider settings; secrets are encrypted, write-only, and kept when omitted. */
    async putProvider(
      actor: Actor,
      estateId: string,
      channel: 'sms_aliyun' | 'sms_tencent',
      body: PutProviderBody,
    ): Promise<MessageProvider> {
      requireCap(actor, 'provider.manage');
      requireEstate(actor, estateId);
      if (!box) throw MessagingErrors.make('SECRET_KEY_MISSING');
      const aad = `${estateId}:${channel}`;
      const existing = await repo.getProvider(db, estateId, channel);
      let stored: { accessKeyId?: string; accessKeySecret?: string } = {};
      if (existing) {
        try {
          stored = JSON.parse(box.open(existing.secrets_enc, aad));
        } catch {
          stored = {}; // sealed under another key: the new values must be given in full
        }
      }
      const secrets = {
        accessKeyId: body.accessKeyId ?? stored.accessKeyId,
        accessKeySecret: body.accessKeySecret ?? stored.accessKeySecret,
      };
      const prevSettings = fromJson<Record<string, string | undefined>>(existing?.settings, {});
      const settings = {
        endpoint: body.endpoint ?? prevSettings.endpoint,
        region: body.region ?? prevSettings.region,
        sdkAppId: body.sdkAppId ?? prevSettings.sdkAppId,
        accessKeyIdHint: secrets.accessKeyId ? secrets.accessKeyId.slice(-4) : undefined,
      };
      const missing = [
        !secrets.accessKeyId && 'accessKeyId',
        !secrets.accessKeySecret && 'accessKeySecret',
        channel === 'sms_tencent' && !settings.sdkAppId && 'sdkAppId',
      ].filter(Boolean);
      if (missing.length) throw MessagingErrors.make('PROVIDER_INCOMPLETE', { fields: missing.join(', ') });
      const now = clock.now().toISOString();
      await repo.upsertProvider(db, {
        estate_id: estateId,
        channel,
        enabled: body.enabled === false ? 0 : 1,
        sign_name: body.signName,
        settings: toJson(settings),
        secrets_enc: box.seal(JSON.stringify(secrets), aad),
        created_at: now,
        updated_at: now,
        updated_by: actor.displayName,
      });
      await audit.record({
        actor,
        action: 'message_provider.update',
        estateId,
        targetType: 'message_provider',
        targetId: channel,
        details: {
          enabled: body.enabled !== false,
          secretsChanged: !!(body.accessKeyId || body.accessKeySecret),
        },
      });
      return toProvider((await repo.getProvider(db, estateId, channel))!);
    },

    /**
     * Records an opt-in or opt-out for a purpose (household-wide or one member). An opt-out
     * suppresses the recipient's queued messages at once; the worker re-checks at send time too.
     */
    async updateConsent(actor: Actor, householdId: string, body: UpdateMessagingConsentBody) {
      const h = await households.load(actor, householdId);
      requireCap(actor, 'consent.manage');
      const memberId = body.memberId ?? null;
      if (memberId && !(await repo.memberOf(db, h.estate_id, h.id, memberId)))
        throw MessagingErrors.make('MEMBER_NOT_FOUND');
      const at = clock.now().toISOString();
      let suppressedQueued = 0;
      await db.transaction().execute(async (trx) => {
        await repo.insertOptEvent(trx, {
          estate_id: h.estate_id,
          id: newId(),
          household_id: h.id,
          member_id: memberId,
          purpose: body.purpose,
          granted: body.granted ? 1 : 0,
          channel: body.channel ?? null,
          source: body.source ?? 'staff',
          at,
          recorded_by: actor.displayName,
        });
        // An opt-out of greetings also withdraws the agreement to birthday greetings.
        if (!body.granted && body.purpose === 'greetings')
          await repo.deleteBirthdays(trx, h.estate_id, h.id, memberId);
        if (!body.granted)
          suppressedQueued = await repo.suppressQueued(trx, {
            estateId: h.estate_id,
            householdId: h.id,
            memberId,
            purpose: body.purpose,
            now: at,
          });
        await audit.record(
          {
            actor,
            action: body.granted ? 'consent.messaging_opt_in' : 'consent.messaging_opt_out',
            estateId: h.estate_id,
            targetType: 'household',
            targetId: h.id,
            details: { purpose: body.purpose, memberId, source: body.source ?? 'staff', suppressedQueued },
          },
          trx,
        );
      });
      return {
        householdId: h.id,
        memberId,
        purpose: body.purpose,
        granted: body.granted,
        at,
        suppressedQueued,
      };
    },

    /** getEmailProvider: the estate's SMTP server (password never returned); null when not set. */
    async getEmailProvider(actor: Actor, estateId: string): Promise<EmailProvider | null> {
      requireCap(actor, 'provider.manage');
      requireEstate(actor, estateId);
      const row = await repo.getProvider(db, estateId, 'email');
      return row ? toEmailProvider(row) : null;
    },

    /** putEmailProvider: SMTP server and credentials (encrypted; omit them to keep the stored ones). */
    async putEmailProvider(
      actor: Actor,
      estateId: string,
      body: PutEmailProviderBody,
    ): Promise<EmailProvider> {
      requireCap(actor, 'provider.manage');
      requireEstate(actor, estateId);
      if (!box) throw MessagingErrors.make('SECRET_KEY_MISSING');
      const aad = `${estateId}:email`;
      const existing = await repo.getProvider(db, estateId, 'email');
      let stored: { username?: string; password?: string } = {};
      if (existing) {
        try {
          stored = JSON.parse(box.open(existing.secrets_enc, aad));
        } catch {
          stored = {};
        }
      }
      const secrets = {
        username: body.username ?? stored.username,
        password: body.password ?? stored.password,
      };
      const missing = [!secrets.username && 'username', !secrets.password && 'password'].filter(Boolean);
      if (missing.length) throw MessagingErrors.make('PROVIDER_INCOMPLETE', { fields: missing.join(', ') });
      const u = secrets.username!;
      const now = clock.now().toISOString();
      await repo.upsertProvider(db, {
        estate_id: estateId,
        channel: 'email',
        enabled: body.enabled === false ? 0 : 1,
        sign_name: body.fromName,
        settings: toJson({
          host: body.host,
          port: body.port ?? 465,
          secure: body.secure !== false,
          fromAddress: body.fromAddress,
          usernameHint: u.length > 4 ? `${u.slice(0, 2)}***${u.slice(-2)}` : '***',
        }),
        secrets_enc: box.seal(JSON.stringify(secrets), aad),
        created_at: now,
        updated_at: now,
        updated_by: actor.displayName,
      });
      await audit.record({
        actor,
        action: 'message_provider.update',
        estateId,
        targetType: 'message_provider',
        targetId: 'email',
        details: {
          enabled: body.enabled !== false,
          host: body.host,
          secretsChanged: !!(body.username || body.password),
        },
      });
      return toEmailProvider((await repo.getProvider(db, estateId, 'email'))!);
    },

    /** The channel automatic notices (plate reminders) use: an enabled SMS provider, else the portal inbox. */
    async preferredChannel(estateId: string): Promise<'sms_aliyun' | 'sms_tencent' | 'portal'> {
      for (const p of await repo.listProviders(db, estateId))
        if (Number(p.enabled) && (p.channel === 'sms_aliyun' || p.channel === 'sms_tencent'))
          return p.channel;
      return 'portal';
    },

    /** Runs the worker once now (console and tests); admin only. */
    async dispatchNow(actor: Actor, opts: { limit?: number }): Promise<DispatchResult> {
      requireCap(actor, 'provider.manage');
      if (!actor.allEstates) throw CommonErrors.make('FORBIDDEN').asDenial();
      return dispatcher.dispatchDue(clock.now(), opts);
    },
  };
}
