import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MessagePurpose } from '../../../contract/messaging.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, requireCap, requireEstate } from '../auth/index.js';
import * as repo from './messaging.repository.js';

type SmsChannel = 'sms_aliyun' | 'sms_tencent';

/**
 * Replies that opt the sender out at once (compliance notes: "拒收请回复R"; older "回T退订",
 * "回TD退订"; 退订, N). Compared after trimming and upper-casing the whole reply.
 */
export const OPT_OUT_REPLIES = new Set(['R', 'T', 'TD', 'N', '退订', '拒收', '取消', 'QX', 'TUIDING']);
/** Purposes an SMS reply opts out of: the marketing ones (service notices stay). */
export const MARKETING_PURPOSES: MessagePurpose[] = ['greetings', 'tips', 'health_tips'];

/** One delivery report, normalized across providers. */
export interface StatusReport {
  /** Our outbox id (Aliyun out_id) when the provider echoes it. */
  messageId?: string;
  /** The provider's id (Aliyun BizId, Tencent SerialNo). */
  providerMessageId?: string;
  delivered: boolean;
  error?: string;
}

/** A mainland phone as stored on members (11 digits), from +86…, 86… or 0086… forms. */
export function localPhone(phone: string): string {
  const d = phone.replace(/[\s-]/g, '').replace(/^\+/, '');
  if (/^(0086|86)1\d{10}$/.test(d)) return d.slice(d.length - 11);
  return d;
}

/**
 * Delivery receipts and SMS replies from the providers. Neither Aliyun's HTTP push nor Tencent's
 * callbacks are signed, so the callback URL carries a secret token derived from the operator's
 * GUANJIA_SECRET_KEY, the estate and the channel; a request with a wrong token (or with no key
 * configured) is refused with 404 before anything is read or changed.
 */
export function createReceiptService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  secretKey: string | undefined;
}) {
  const { db, clock, audit } = deps;
  const key =
    deps.secretKey && deps.secretKey.length >= 16
      ? Buffer.from(hkdfSync('sha256', deps.secretKey, 'guanjia', 'sms-callbacks v1', 32))
      : undefined;

  function tokenFor(estateId: string, channel: SmsChannel): string | undefined {
    if (!key) return undefined;
    return createHmac('sha256', key).update(`${estateId}:${channel}`).digest('base64url').slice(0, 32);
  }

  function verify(estateId: string, channel: SmsChannel, token: string) {
    const expected = tokenFor(estateId, channel);
    const ok =
      !!expected &&
      token.length === expected.length &&
      timingSafeEqual(Buffer.from(token), Buffer.from(expected));
    if (!ok) throw CommonErrors.make('NOT_FOUND');
  }

  return {
    /** getProviderCallbackUrls: the paths to enter in the provider's console (admin). */
    callbackUrls(actor: Actor, estateId: string, channel: SmsChannel) {
      requireCap(actor, 'provider.manage');
      requireEstate(actor, estateId);
      const token = tokenFor(estateId, channel);
      if (!token) throw CommonErrors.make('NOT_FOUND');
      const base = `/api/public/sms/${channel}/${estateId}/${token}`;
      return { channel, statusUrl: `${base}/status`, replyUrl: `${base}/replies` };
    },

    /** Applies delivery reports: a sent message becomes delivered or failed; unknown ids are skipped. */
    async statusReports(
      channel: SmsChannel,
      estateId: string,
      token: string,
      reports: StatusReport[],
    ): Promise<{ updated: number }> {
      verify(estateId, channel, token);
      const now = clock.now().toISOString();
      let updated = 0;
      for (const r of reports) {
        const base = {
          estateId,
          channel,
          status: r.delivered ? ('delivered' as const) : ('failed' as const),
          error: r.delivered ? null : (r.error ?? 'delivery failed').slice(0, 500),
          at: now,
        };
        // Our own id first (Aliyun echoes OutId); else the provider's id.
        let n = r.messageId ? await repo.applyReceipt(db, { ...base, messageId: r.messageId }) : 0;
        if (!n && r.providerMessageId)
          n = await repo.applyReceipt(db, { ...base, providerMessageId: r.providerMessageId });
        updated += n;
      }
      return { updated };
    },

    /**
     * An SMS reply: an opt-out word opts every member of the estate with that phone out of the
     * marketing purposes at once (their queued messages are suppressed); other replies are only
     * audited.
     */
    async reply(
      channel: SmsChannel,
      estateId: string,
      token: string,
      from: string,
      text: string,
    ): Promise<{ optedOut: number }> {
      verify(estateId, channel, token);
      const word = text.trim().toUpperCase();
      const phone = localPhone(from);
      if (!OPT_OUT_REPLIES.has(word)) {
        await audit.record({
          action: 'sms.reply',
          estateId,
          targetType: 'phone',
          targetId: `${phone.slice(0, 3)}****${phone.slice(-4)}`,
          details: { channel, optOut: false },
        });
        return { optedOut: 0 };
      }
      const members = await repo.membersByPhone(db, estateId, phone);
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        for (const m of members) {
          for (const purpose of MARKETING_PURPOSES) {
            await repo.insertOptEvent(trx, {
              estate_id: estateId,
              id: newId(),
              household_id: m.household_id,
              member_id: m.id,
              purpose,
              granted: 0,
              channel,
              source: 'sms_reply',
              at,
              recorded_by: 'sms_reply',
            });
            await repo.suppressQueued(trx, {
              estateId,
              householdId: m.household_id,
              memberId: m.id,
              purpose,
              now: at,
            });
          }
          await audit.record(
            {
              action: 'consent.messaging_opt_out',
              estateId,
              targetType: 'household',
              targetId: m.household_id,
              details: { memberId: m.id, source: 'sms_reply', channel, purposes: MARKETING_PURPOSES },
            },
            trx,
          );
        }
      });
      return { optedOut: members.length };
    },
  };
}

export type ReceiptService = ReturnType<typeof createReceiptService>;
