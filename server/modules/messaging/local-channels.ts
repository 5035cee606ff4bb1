import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import type { ChannelClient, SendRequest, SendResult } from './channel.js';

/**
 * The development channel: records what would have been sent and nothing else (demo data and
 * development; the outbox row itself is the record other processes can see).
 */
export class DevChannel implements ChannelClient {
  readonly sent: SendRequest[] = [];
  async send(req: SendRequest): Promise<SendResult> {
    this.sent.push(req);
    return { providerMessageId: `dev-${req.messageId}` };
  }
}

/**
 * The resident portal inbox: one row per outbox message, so a retried send cannot add a
 * second entry (unique (estate_id, message_id), ON CONFLICT DO NOTHING).
 */
export class PortalInboxChannel implements ChannelClient {
  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
  ) {}

  async send(req: SendRequest): Promise<SendResult> {
    if (!req.householdId) throw new Error('a portal message needs a household');
    await this.db
      .insertInto('portal_inbox')
      .values({
        estate_id: req.estateId,
        id: newId(),
        message_id: req.messageId,
        household_id: req.householdId,
        member_id: req.memberId,
        purpose: req.purpose,
        body_zh: req.textZh,
        body_en: req.textEn,
        created_at: this.clock.now().toISOString(),
      })
      .onConflict((oc) => oc.columns(['estate_id', 'message_id']).doNothing())
      .execute();
    return { providerMessageId: `portal-${req.messageId}` };
  }
}
