import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type {
  Campaign,
  CampaignAudience,
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
  type EnqueueInput,
  type MessagingService,
  PHONE_CHANNELS,
  phoneText,
  renderText,
  TEMPLATE_CODES,
} from '../messaging/index.js';
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

/** Purposes that need a recorded consent or opt-in (as the outbox worker checks at send time). */
const CONSENT_PURPOSES = new Set(['greetings', 'tips', 'health_tips']);
const SMS = new Set(['sms_aliyun', 'sms_tencent']);
/** Care flags whose households also get a personal greeting from their butler (E12). */
export const PERSONAL_GREETING_FLAGS = ['elderly_alone', 'elderly', 'disabled'];
export const FESTIVAL_TEMPLATE = TEMPLATE_CODES.festival;

type CampaignSpec = Pick<
  CreateCampaignBody,
  'purpose' | 'templateCode' | 'channel' | 'audience' | 'scheduledAt' | 'throttlePerMinute' | 'tipId'
>;

export interface Recipient {
  householdId: string;
  memberId: string;
  name: string;
}

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

  /** Households of the audience (buildings, tags, care flags, occupancy: each filter narrows). */
  async function audienceHouseholds(estateId: string, audience: CampaignAudience) {
    let hs = await repo.households(db, estateId, audience.buildingIds);
    if (audience.tags?.length) {
      const tagged = await repo.taggedHouseholds(db, estateId, audience.tags);
      hs = hs.filter((h) => tagged.has(h.id));
    }
    if (audience.careFlags?.length) {
      const flags = new Set<string>(audience.careFlags);
      hs = hs.filter((h) => h.careFlags.some((f) => flags.has(f)));
    }
    if (audience.occupancy?.length) {
      const occ = new Set<string>(audience.occupancy);
      hs = hs.filter((h) => occ.has(h.occupancy));
    }
    return hs;
  }

  /**
   * Recipients and exclusions of an audience for a purpose and channel; `only` narrows the
   * audience to these members (a birthday audience does so with the members born that day).
   */
  async function resolve(
    estateId: string,
    spec: Pick<CampaignSpec, 'purpose' | 'channel' | 'audience'>,
    only?: Set<string>,
  ) {
    const hs = await audienceHouseholds(estateId, spec.audience);
    const inAudience = new Set(hs.map((h) => h.id));
    let members = (await repo.members(db, estateId)).filter((m) => inAudience.has(m.household_id));
    if (spec.audience.birthday)
      only = new Set(
        (await repo.birthdayMembers(db, estateId, [spec.audience.birthday])).map((b) => b.memberId),
      );
    if (only) members = members.filter((m) => only.has(m.id));
    const [consents, opts] = await Promise.all([
      repo.activeConsents(db, estateId, spec.purpose),
      repo.optEvents(db, estateId, spec.purpose),
    ]);
    const byHousehold = (rows: repo.WordRow[]) => {
      const m = new Map<string, repo.WordRow[]>();
      for (const r of rows)
        if (inAudience.has(r.householdId)) m.set(r.householdId, [...(m.get(r.householdId) ?? []), r]);
      return m;
    };
    const consentMap = byHousehold(consents);
    const optMap = byHousehold(opts);
    const latest = (rows: repo.WordRow[] | undefined, memberId: string) => {
      let best: repo.WordRow | undefined;
      for (const r of rows ?? [])
        if ((r.memberId === null || r.memberId === memberId) && (!best || r.at >= best.at)) best = r;
      return best;
    };
    const needsConsent = CONSENT_PURPOSES.has(spec.purpose);
    // Phone channels address a member by phone, e-mail by address; the portal addresses the household.
    const needsPhone = PHONE_CHANNELS.has(spec.channel);
    const needsEmail = spec.channel === 'email';
    const recipients: Recipient[] = [];
    const excluded = { noConsent: 0, optedOut: 0, noPhone: 0, noEmail: 0 };
    for (const m of members) {
      const opt = latest(optMap.get(m.household_id), m.id);
      const consent = latest(consentMap.get(m.household_id), m.id);
      let block: 'noConsent' | 'optedOut' | undefined;
      // Same rule as the worker: the latest word decides between an opt event and a consent.
      if (opt && (!consent || opt.at >= consent.at)) block = opt.granted ? undefined : 'optedOut';
      else if (!consent && needsConsent) block = 'noConsent';
      if (block) excluded[block]++;
      else if (needsPhone && !m.phone) excluded.noPhone++;
      else if (needsEmail && !m.email) excluded.noEmail++;
      else recipients.push({ householdId: m.household_id, memberId: m.id, name: m.name });
    }
    return { households: hs, members: members.length, recipients, excluded };
  }

  async function preview(estateId: string, spec: CampaignSpec, lang: Lang): Promise<CampaignPreview> {
    const t = await checkSpec(estateId, spec, lang);
    const est = await repo.estate(db, estateId);
    const tip = await tipOf(estateId, spec);
    const r = await resolve(estateId, spec);
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
            textZh: PHONE_CHANNELS.has(spec.channel)
              ? phoneText(spec.purpose, renderText(t.text_zh, params))
              : renderText(t.text_zh, params),
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
      const r = await resolve(row.estate_id, c);
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
            await resolve(
              estateId,
              { purpose: 'greetings', channel: 'dev', audience: {} },
              new Set(memberIds),
            )
          ).recipients.map((r) => r.memberId),
        );
      return proposeGreetings({ db, calendar, reachable }, estateId, from, q.days);
    },

    /** For other modules and tests: who a campaign would reach now. */
    recipientsOf: (estateId: string, spec: Pick<CampaignSpec, 'purpose' | 'channel' | 'audience'>) =>
      resolve(estateId, spec).then((r) => r.recipients),
  };
}
