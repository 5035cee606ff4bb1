import type { Kysely } from 'kysely';
import type { BoardNotice } from '../../../contract/board.js';
import {
  type CreateTipBody,
  type PostTipAsNoticeBody,
  type Season,
  SOLAR_TERMS,
  type Tip,
  type TipProposals,
  type UpdateTipBody,
} from '../../../contract/tips.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { localDate } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, requireCap, requireEstate } from '../auth/index.js';
import type { BoardService } from '../board/index.js';
import { seasonOf, solarTermOf } from '../calendar/index.js';
import { TipErrors } from './tip.errors.js';
import { toTip } from './tip.mapper.js';
import * as repo from './tip.repository.js';
import type { TipRow } from './tip.table.js';

export type TipService = ReturnType<typeof createTipService>;

/** The season each solar term belongs to (立春 … 谷雨 spring, and so on). */
function seasonOfTerm(term: string): Season {
  const i = (SOLAR_TERMS as readonly string[]).indexOf(term);
  if (i >= 2 && i <= 7) return 'spring';
  if (i >= 8 && i <= 13) return 'summer';
  if (i >= 14 && i <= 19) return 'autumn';
  return 'winter';
}

/**
 * The tips library (C8, E10, E11, T10). Reading needs `message.read`; writing needs
 * `campaign.manage`; posting a tip on the entrance board goes through the board's own notice
 * service (and its `board.manage`). Outside the actor's estates everything is 404.
 */
export function createTipService(deps: {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  board: Pick<BoardService, 'createNotice'>;
}) {
  const { db, clock, audit, board } = deps;

  async function load(actor: Actor, estateId: string, id: string): Promise<TipRow> {
    requireEstate(actor, estateId);
    const row = await repo.getTipIn(db, estateId, id);
    if (!row) throw TipErrors.make('TIP_NOT_FOUND');
    return row;
  }

  function checkTerm(season: Season | null | undefined, term: string | null | undefined) {
    if (term && season && seasonOfTerm(term) !== season) throw TipErrors.make('TIP_TERM_SEASON', { term });
  }

  return {
    /** listTips: the estate's library, filtered by category, season and whether active. */
    async list(
      actor: Actor,
      estateId: string,
      q: { category?: string; season?: string; active?: boolean },
    ): Promise<Tip[]> {
      requireCap(actor, 'message.read');
      requireEstate(actor, estateId);
      const rows = await repo.listTips(db, { estateId, ...q });
      // Category, then the year's order: seasons from spring, solar terms from 立春; any season last.
      const cat = (r: TipRow) => ['utilities', 'plants', 'health'].indexOf(r.category);
      const when = (r: TipRow) => {
        const term = r.solar_term ? (SOLAR_TERMS as readonly string[]).indexOf(r.solar_term) : -1;
        const season = r.season ? ['spring', 'summer', 'autumn', 'winter'].indexOf(r.season) : 4;
        return season * 100 + (term < 0 ? 0 : ((term + 22) % 24) + 1);
      };
      rows.sort((a, b) => cat(a) - cat(b) || when(a) - when(b));
      return rows.map(toTip);
    },

    /** createTip: a tip of the estate's own; a solar term implies its season. */
    async create(actor: Actor, estateId: string, body: CreateTipBody): Promise<Tip> {
      requireCap(actor, 'campaign.manage');
      requireEstate(actor, estateId);
      checkTerm(body.season, body.solarTerm);
      const id = newId();
      const at = clock.now().toISOString();
      await db.transaction().execute(async (trx) => {
        await repo.insertTip(trx, {
          estate_id: estateId,
          id,
          category: body.category,
          season: body.season ?? (body.solarTerm ? seasonOfTerm(body.solarTerm) : null),
          solar_term: body.solarTerm ?? null,
          title_zh: body.titleZh,
          title_en: body.titleEn,
          text_zh: body.textZh,
          text_en: body.textEn,
          seed_key: null,
          created_at: at,
          created_by: actor.displayName,
          updated_at: at,
        });
        await audit.record(
          {
            actor,
            action: 'tip.create',
            estateId,
            targetType: 'tip',
            targetId: id,
            details: { category: body.category },
          },
          trx,
        );
      });
      return toTip((await repo.getTipIn(db, estateId, id))!);
    },

    /** updateTip: needs the version being changed (412 when someone changed it meanwhile). */
    async update(actor: Actor, estateId: string, id: string, body: UpdateTipBody): Promise<Tip> {
      requireCap(actor, 'campaign.manage');
      const row = await load(actor, estateId, id);
      const season = body.season !== undefined ? body.season : (row.season as Season | null);
      const term = body.solarTerm !== undefined ? body.solarTerm : row.solar_term;
      checkTerm(season, term);
      const set: Record<string, unknown> = { updated_at: clock.now().toISOString() };
      if (body.category) set.category = body.category;
      if (body.season !== undefined) set.season = body.season;
      if (body.solarTerm !== undefined) {
        set.solar_term = body.solarTerm;
        if (body.solarTerm && body.season === undefined) set.season = seasonOfTerm(body.solarTerm);
      }
      if (body.titleZh) set.title_zh = body.titleZh;
      if (body.titleEn) set.title_en = body.titleEn;
      if (body.textZh) set.text_zh = body.textZh;
      if (body.textEn) set.text_en = body.textEn;
      if (body.active !== undefined) set.active = body.active ? 1 : 0;
      if (!(await repo.updateTip(db, estateId, id, body.version, set)))
        throw CommonErrors.make('VERSION_CONFLICT', { current: Number(row.version) });
      await audit.record({
        actor,
        action: 'tip.update',
        estateId,
        targetType: 'tip',
        targetId: id,
        details: { fields: Object.keys(body).filter((k) => k !== 'version') },
      });
      return toTip((await repo.getTipIn(db, estateId, id))!);
    },

    /** listTipProposals: the tips for the solar term and season a date falls in (default today). */
    async proposals(actor: Actor, estateId: string, date?: string): Promise<TipProposals> {
      requireCap(actor, 'message.read');
      requireEstate(actor, estateId);
      const est = await repo.estateZone(db, estateId);
      const day = date ?? localDate(clock.now(), est?.time_zone ?? 'Asia/Shanghai');
      const term = solarTermOf(day);
      const season = seasonOf(day);
      const rows = await repo.proposable(db, estateId, season, term.name);
      const rank = (r: TipRow) => (r.solar_term === term.name ? 0 : r.season === season ? 1 : 2);
      rows.sort((a, b) => rank(a) - rank(b));
      return {
        date: day,
        season,
        solarTerm: term.name,
        solarTermEn: term.nameEn,
        solarTermSince: term.since,
        items: rows.map(toTip),
      };
    },

    /** postTipAsNotice (C8): the tip becomes a warm-tip notice on the entrance board. */
    async postAsNotice(
      actor: Actor,
      estateId: string,
      id: string,
      body: PostTipAsNoticeBody,
    ): Promise<BoardNotice> {
      requireCap(actor, 'board.manage');
      const row = await load(actor, estateId, id);
      if (!Number(row.active)) throw TipErrors.make('TIP_INACTIVE');
      const notice = await board.createNotice(actor, estateId, {
        kind: 'warm_tip',
        textZh: row.text_zh,
        textEn: row.text_en,
        fromDate: body.fromDate,
        toDate: body.toDate,
        entranceId: body.entranceId ?? null,
      });
      await audit.record({
        actor,
        action: 'tip.post_notice',
        estateId,
        targetType: 'tip',
        targetId: id,
        details: { noticeId: notice.id, fromDate: body.fromDate, toDate: body.toDate },
      });
      return notice;
    },

    /** For campaigns: an active tip's category and texts. */
    async contentOf(estateId: string, tipId: string) {
      const row = await repo.getTipIn(db, estateId, tipId);
      if (!row || !Number(row.active)) return undefined;
      return { category: row.category, textZh: row.text_zh, textEn: row.text_en };
    },
  };
}
