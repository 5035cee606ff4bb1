import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  Campaign,
  CampaignPreview,
  CampaignProposal,
  CampaignProposalsQuery,
  CancelCampaignBody,
  CreateCampaignBody,
  ListCampaignsQuery,
} from '../../../contract/campaigns.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { localDate, toJson } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import type { Lang } from '../../lib/i18n.js';
import { newId } from '../../lib/ids.js';
import { decodeCursor, type Page, toPage } from '../../lib/pagination.js';
import type { AgendaService } from '../agenda/index.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, requireCap, requireEstate } from '../auth/index.js';
import type { CalendarService } from '../calendar/index.js';
import {
  channelTextZh,
  type EnqueueInput,
  type MessagingService,
  renderText,
  TEMPLATE_CODES,
} from '../messaging/index.js';
import { type AudienceSpec, resolveAudience } from './campaign.audience.js';
import { CampaignErrors, STATUS_ZH } from './campaign.errors.js';
import { toCampaign } from './campaign.mapper.js';
import { proposeGreetings } from './campaign.proposals.js';
import * as repo from './campaign.repository.js';
import type { CampaignRow } from './campaign.table.js';

export type CampaignService = ReturnType<typeof createCampaignService>;

export interface CampaignDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  messaging: Pick<MessagingService, 'enqueue'>;
  calendar: Pick<CalendarService, 'describeDay'>;
  /** E12: personal greeting tasks for cared-for households when a greeting campaign starts. */
  agenda: Pick<AgendaService, 'createTask'>;
  /** The tips library: a campaign's content may be a tip (E10, E11, T10). */
  tips?: { contentOf(estateId: string, tipId: string): Promise<TipContent | undefined> };
}

/** What a campaign needs of a tip. */
export interface TipContent {
  category: string;
  textZh: string;
  textEn: string;
}

const SMS = new Set(['sms_aliyun', 'sms_tencent']);
/** Care flags whose households also get a personal greeting from their butler (E12). */
export const PERSONAL_GREETING_FLAGS = ['elderly_alone', 'elderly', 'disabled'];
export const FESTIVAL_TEMPLATE = TEMPLATE_CODES.festival;

type CampaignSpec = Pick<
  CreateCampaignBody,
  'purpose' | 'templateCode' | 'channel' | 'audience' | 'scheduledAt' | 'throttlePerMinute' | 'tipId'
>;

/**
 * Campaigns: an audience from the archive, gated by consent and opt-outs exactly as the outbox
 * worker gates at send time (the latest word of the resident decides), previewed and started.
 */
export function createCampaignService(deps: CampaignDeps) {
  const { db, clock, audit, messaging, calendar, agenda } = deps;

  /** Health tips never by SMS: a 400 naming the channel field, in the actor's language. */
  function checkChannel(spec: Pick<CampaignSpec, 'purpose' | 'channel'>, lang: Lang) {
    if (spec.purpose === 'health_tips' && SMS.has(spec.channel)) {
      const message = CampaignErrors.table.CAMPAIGN_HEALTH_BY_SMS.message[lang];
      throw CampaignErrors.make('CAMPAIGN_HEALTH_BY_SMS', undefined, {
        issues: [{ path: ['channel'], field: 'channel', message }],
      });
    }
  }

  /** The tip a campaign carries, checked against its purpose (health tips only as health_tips). */
  async function tipOf(estateId: string, spec: Pick<CampaignSpec, 'purpose' | 'tipId'>) {
    if (!spec.tipId) return undefined;
    const tip = await deps.tips?.contentOf(estateId, spec.tipId);
    if (!tip) throw CampaignErrors.make('CAMPAIGN_TIP_NOT_FOUND');
    if ((tip.category === 'health') !== (spec.purpose === 'health_tips'))
      throw CampaignErrors.make('CAMPAIGN_TIP_PURPOSE');
    return tip;
  }

  /** Template parameters every recipient gets besides their name. */
  function baseParams(est: { name: string; name_en: string | null } | undefined, tip?: TipContent) {
    return {
      estate: est?.name ?? '',
      ...(tip ? { tip: tip.textZh, tipEn: tip.textEn } : {}),
    };
  }

  async function checkSpec(estateId: string, spec: CampaignSpec, lang: Lang) {
    checkChannel(spec, lang);
    if (spec.templateCode === TEMPLATE_CODES.birthday && !spec.audience.birthday)
      throw CampaignErrors.make('CAMPAIGN_BIRTHDAY_NEEDS_DAY');
    await tipOf(estateId, spec);
    if (spec.audience.buildingIds?.length) {
      const own = await repo.buildingIdsOf(db, estateId);
      if (spec.audience.buildingIds.some((b) => !own.has(b)))
        throw CampaignErrors.make('CAMPAIGN_BUILDING_NOT_IN_ESTATE');
    }
    const t = await repo.template(db, estateId, spec.templateCode);
    if (!t) throw CampaignErrors.make('CAMPAIGN_TEMPLATE_NOT_FOUND', { code: spec.templateCode });
    return t;
  }

  async function preview(estateId: string, spec: CampaignSpec, lang: Lang): Promise<CampaignPreview> {
    const t = await checkSpec(estateId, spec, lang);
    const est = await repo.estate(db, estateId);
    const tip = await tipOf(estateId, spec);
    const r = await resolveAudience(db, estateId, spec);
    const first = r.recipients[0];
    const params = first ? { ...baseParams(est, tip), name: first.name } : {};
    return {
      recipients: r.recipients.length,
      households: r.households.length,
      members: r.members,
      excluded: r.excluded,
      sample: first
        ? {
            memberName: first.name,
            // The sample as the resident will read it: on a phone, greetings and tips end with the opt-out.
            textZh: channelTextZh(spec.channel, spec.purpose, renderText(t.text_zh, params)),
            textEn: t.text_en
              ? renderText(t.text_en, { ...params, estate: est?.name_en ?? est?.name ?? '' })
              : null,
          }
        : null,
    };
  }

  async function withProgress(row: CampaignRow): Promise<Campaign> {
    const counts = await repo.progressOf(db, row.estate_id, row.id);
    return toCampaign(row, counts);
  }

  async function load(actor: Actor, id: string): Promise<CampaignRow> {
    requireCap(actor, 'campaign.manage');
    const row = await repo.getCampaign(db, id);
    if (!row || !(actor.allEstates || actor.estateIds.includes(row.estate_id)))
      throw CampaignErrors.make('CAMPAIGN_NOT_FOUND');
    return row;
  }

  /** E12: a personal greeting task for the butler of each cared-for household's building. */
  async function personalGreetings(row: CampaignRow, households: repo.AudienceHousehold[], due: Date) {
    const cared = households.filter((h) => h.careFlags.some((f) => PERSONAL_GREETING_FLAGS.includes(f)));
    if (!cared.length) return 0;
    const butlers = await repo.butlersByBuilding(db, row.estate_id);
    const label = row.festival ?? row.name;
    let created = 0;
    for (const h of cared) {
      const assignees = butlers.get(h.buildingId) ?? [null];
      for (const assigneeId of assignees) {
        const r = await agenda.createTask({
          estateId: row.estate_id,
          measureCode: 'E12',
          assigneeId,
          subject: `household:${h.id}`,
          periodKey: `campaign:${row.id}`,
          titleZh: `${label}上门问候 ${h.roomCode}`,
          titleEn: `Personal ${label} greeting: ${h.roomCode}`,
          dueAt: due,
        });
        if (r.created) created++;
      }
    }
    return created;
  }

  return {
    /** previewCampaign (unsaved): the same body as create. */
    async previewDraft(actor: Actor, estateId: string, body: CreateCampaignBody): Promise<CampaignPreview> {
      requireCap(actor, 'campaign.manage');
      requireEstate(actor, estateId);
      return preview(estateId, body, actor.lang);
    },

    /** previewCampaign of a saved campaign. */
    async preview(actor: Actor, id: string): Promise<CampaignPreview> {
      const row = await load(actor, id);
      return preview(row.estate_id, toCampaign(row, {}), actor.lang);
    },

    async create(actor: Actor, estateId: string, body: CreateCampaignBody): Promise<Campaign> {
      requireCap(actor, 'campaign.manage');
      requireEstate(actor, estateId);
      await checkSpec(estateId, body, actor.lang);
      const id = newId();
      const now = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertCampaign(trx, {
          estate_id: estateId,
          id,
          name: body.name,
          purpose: body.purpose,
          template_code: body.templateCode,
          channel: body.channel,
          audience: toJson(body.audience ?? {}),
          festival: body.festival ?? null,
          tip_id: body.tipId ?? null,
          scheduled_at: body.scheduledAt ? new Date(body.scheduledAt).toISOString() : null,
          throttle_per_minute: body.throttlePerMinute ?? null,
          status: 'draft',
          created_at: now,
          created_by: actor.displayName,
          updated_at: now,
          started_at: null,
          started_by: null,
        });
        await audit.record(
          {
            actor,
            action: 'campaign.create',
            estateId,
            targetType: 'campaign',
            targetId: id,
            details: {
              purpose: body.purpose,
              channel: body.channel,
              audience: body.audience,
              tipId: body.tipId ?? null,
            },
          },
          trx,
        );
      });
      return withProgress((await repo.getCampaign(db, id))!);
    },

    /**
     * startCampaign: one outbox message per recipient, key `campaign:<id>:<member>`. Safe to
     * repeat and to run in two processes (the outbox skips existing keys). The schedule and the
     * throttle become each message's not-before instant; consent is checked again at send time.
     */
    async start(actor: Actor, id: string): Promise<Campaign> {
      const row = await load(actor, id);
      if (row.status !== 'draft' && row.status !== 'running')
        throw CampaignErrors.make('CAMPAIGN_NOT_STARTABLE', {
          status: row.status,
          statusZh: STATUS_ZH[row.status],
        });
      const c = toCampaign(row, {});
      checkChannel(c, actor.lang);
      const now = clock.now();
      const tip = await tipOf(row.estate_id, c);
      const r = await resolveAudience(db, row.estate_id, c);
      const est = await repo.estate(db, row.estate_id);
      const common = baseParams(est, tip);
      const at = c.scheduledAt ? new Date(c.scheduledAt) : now;
      const base = new Date(Math.max(at.getTime(), now.getTime()));
      const perMinute = c.throttlePerMinute;
      const items: EnqueueInput[] = r.recipients.map((p, i) => ({
        estateId: row.estate_id,
        key: `campaign:${row.id}:${p.memberId}`,
        householdId: p.householdId,
        memberId: p.memberId,
        channel: c.channel,
        templateCode: c.templateCode,
        params: { ...common, name: p.name },
        purpose: c.purpose,
        notBefore: perMinute
          ? new Date(base.getTime() + Math.floor(i / perMinute) * 60_000)
          : at > now
            ? at
            : undefined,
        createdBy: actor.displayName,
      }));
      let inserted = 0;
      for (let i = 0; i < items.length; i += 500)
        inserted += (await messaging.enqueue(items.slice(i, i + 500))).inserted;
      const nowIso = now.toISOString();
      await repo.markStarted(db, {
        estateId: row.estate_id,
        id: row.id,
        audienceCount: r.recipients.length,
        inserted,
        at: nowIso,
        by: actor.displayName,
      });
      // Cancelled while its messages were being put in: they must not go out either.
      if ((await repo.getCampaign(db, row.id))?.status === 'cancelled')
        await repo.suppressQueuedOf(db, { estateId: row.estate_id, id: row.id, at: nowIso });
      let tasks = 0;
      if (c.purpose === 'greetings') {
        // Due on the send day (the agenda keeps it actionable until that day ends, estate time).
        tasks = await personalGreetings(row, r.households, base);
      }
      await audit.record({
        actor,
        action: 'campaign.start',
        estateId: row.estate_id,
        targetType: 'campaign',
        targetId: row.id,
        details: {
          recipients: r.recipients.length,
          inserted,
          excluded: r.excluded,
          personalGreetingTasks: tasks,
        },
      });
      return withProgress((await repo.getCampaign(db, row.id))!);
    },

    /** getCampaign: status and progress from the outbox; a running campaign with nothing left is done. */
    async get(actor: Actor, id: string): Promise<Campaign> {
      let row = await load(actor, id);
      let c = await withProgress(row);
      if (row.status === 'running' && c.progress.total > 0 && c.progress.queued + c.progress.sending === 0) {
        await repo.markDone(db, row.estate_id, row.id, clock.now().toISOString());
        row = (await repo.getCampaign(db, id))!;
        c = toCampaign(row, await repo.progressOf(db, row.estate_id, row.id));
      }
      return c;
    },

    /**
     * cancelCampaign: a draft or running campaign stops; its queued messages are suppressed
     * (reason `cancelled`), what was sent stays. 409 when it is done or cancelled already.
     */
    async cancel(actor: Actor, id: string, body: CancelCampaignBody): Promise<Campaign> {
      const row = await load(actor, id);
      if (row.status !== 'draft' && row.status !== 'running')
        throw CampaignErrors.make('CAMPAIGN_NOT_CANCELLABLE', {
          status: row.status,
          statusZh: STATUS_ZH[row.status],
        });
      if (body.version !== undefined && body.version !== Number(row.version))
        throw CommonErrors.make('VERSION_CONFLICT', { current: Number(row.version) });
      const at = clock.now().toISOString();
      let suppressed = 0;
      await db.transaction().execute(async (trx) => {
        const ok = await repo.markCancelled(trx, {
          estateId: row.estate_id,
          id: row.id,
          version: Number(row.version),
          at,
        });
        if (!ok) {
          const now = await repo.getCampaign(trx, row.id);
          if (now && now.status !== 'draft' && now.status !== 'running')
            throw CampaignErrors.make('CAMPAIGN_NOT_CANCELLABLE', {
              status: now.status,
              statusZh: STATUS_ZH[now.status],
            });
          throw CommonErrors.make('VERSION_CONFLICT', { current: Number(now?.version ?? row.version) });
        }
        suppressed = await repo.suppressQueuedOf(trx, { estateId: row.estate_id, id: row.id, at });
        await audit.record(
          {
            actor,
            action: 'campaign.cancel',
            estateId: row.estate_id,
            targetType: 'campaign',
            targetId: row.id,
            details: { from: row.status, suppressedQueued: suppressed },
          },
          trx,
        );
      });
      return withProgress((await repo.getCampaign(db, row.id))!);
    },

    async list(actor: Actor, q: z.infer<typeof ListCampaignsQuery>): Promise<Page<Campaign>> {
      requireCap(actor, 'campaign.manage');
      requireEstate(actor, q.estateId);
      const cursor = decodeCursor(q.cursor);
      const rows = await repo.listCampaigns(db, {
        estateId: q.estateId,
        status: q.status,
        afterId: typeof cursor?.[0] === 'string' ? cursor[0] : undefined,
        limit: q.limit,
      });
      // Progress of the page's campaigns in one grouped query (not one per campaign).
      const progress = await repo.progressOfMany(
        db,
        q.estateId,
        rows.slice(0, q.limit).map((r) => r.id),
      );
      return toPage(
        rows,
        q.limit,
        (r) => [r.id],
        (r) => toCampaign(r, progress.get(r.id) ?? {}),
      );
    },

    /** listCampaignProposals for the console. */
    async proposals(
      actor: Actor,
      estateId: string,
      q: z.infer<typeof CampaignProposalsQuery>,
    ): Promise<CampaignProposal[]> {
      requireCap(actor, 'campaign.manage');
      requireEstate(actor, estateId);
      const est = await repo.estate(db, estateId);
      const from = q.from ?? localDate(clock.now(), est?.time_zone ?? 'Asia/Shanghai');
      // A birthday proposal counts whom a greeting would reach, as the preview will.
      const reachable = async (memberIds: string[]) =>
        new Set(
          (
            await resolveAudience(
              db,
              estateId,
              { purpose: 'greetings', channel: 'dev', audience: {} },
              new Set(memberIds),
            )
          ).recipients.map((r) => r.memberId),
        );
      return proposeGreetings({ db, calendar, reachable }, estateId, from, q.days);
    },

    /** For other modules and tests: who a campaign would reach now. */
    recipientsOf: (estateId: string, spec: AudienceSpec) =>
      resolveAudience(db, estateId, spec).then((r) => r.recipients),
  };
}
