import type { Kysely } from 'kysely';
import type {
  Board,
  BoardGreeting,
  BoardLink,
  BoardNotice,
  CreateBoardNoticeBody,
  UpdateBoardNoticeBody,
  UpsertBoardGreetingBody,
} from '../../../contract/board.js';
import type { CalendarDay, Festival } from '../../../contract/calendar.js';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../lib/clock.js';
import { addDays, localDate } from '../../lib/dates.js';
import { CommonErrors } from '../../lib/errors.js';
import { newId } from '../../lib/ids.js';
import type { AuditService } from '../audit/index.js';
import { type Actor, requireCap, requireEstate } from '../auth/index.js';
import type { CalendarService } from '../calendar/index.js';
import { BoardErrors } from './board.errors.js';
import { toGreeting, toNotice } from './board.mapper.js';
import * as repo from './board.repository.js';
import { createBoardWeather } from './board.weather.js';

export type BoardService = ReturnType<typeof createBoardService>;

export interface BoardDeps {
  db: Kysely<DB>;
  clock: Clock;
  audit: Pick<AuditService, 'record'>;
  calendar: Pick<CalendarService, 'describeDay' | 'restrictionOn'>;
  /** GUANJIA_SECRET_KEY: seals provider keys; without it only manual weather can be configured. */
  secretKey?: string;
  /** Test seams: fetch, and base URLs replacing `https://{apiHost}` / the Open-Meteo default. */
  fetch?: typeof fetch;
  baseUrls?: { qweather?: string; openMeteo?: string };
  /** A cached forecast younger than this is used without asking the provider (default 1 h). */
  freshMs?: number;
  /** After a provider failure, the board does not ask again for this long (default 5 min). */
  retryAfterMs?: number;
  log?: (msg: string) => void;
}

const WEEKDAYS_ZH = ['星期一', '星期二', '星期三', '星期四', '星期五', '星期六', '星期日'];
const WEEKDAYS_EN = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
export const DEFAULT_GREETING = { zh: '出门愉快，注意安全', en: 'Have a good day, and stay safe' };
/** Non-traditional, non-statutory festivals that still get an automatic greeting. */
const GREETED = new Set(['妇女节', '儿童节', '教师节', '母亲节', '父亲节']);
/** Festivals for which "快乐" would be wrong. */
const SOLEMN: Record<string, { zh: string; en: string }> = {
  清明节: {
    zh: '清明时节，缅怀先人，出行注意安全',
    en: 'Qingming: remembering our forebears; travel safely',
  },
  中元节: { zh: '中元时节，出行注意安全', en: 'Zhongyuan Festival: travel safely' },
  寒衣节: { zh: '寒衣节，天冷添衣，出行注意安全', en: 'Winter Clothes Day: dress warmly and travel safely' },
};

/**
 * Weather per estate (provider, cache, hand entry at the gate) and the entrance board. Staff
 * operations check capabilities and estate scope; `getBoard` needs only the entrance's token.
 * A provider failure never reaches the caller: the last known forecast is shown, marked stale.
 * The weather part lives in board.weather.ts.
 */
export function createBoardService(deps: BoardDeps) {
  const { db, clock, calendar } = deps;

  async function estateOr404(estateId: string) {
    const e = await repo.findEstate(db, estateId);
    if (!e) throw CommonErrors.make('NOT_FOUND');
    return e;
  }

  async function scoped(actor: Actor, estateId: string, cap: Parameters<typeof requireCap>[1]) {
    requireCap(actor, cap);
    requireEstate(actor, estateId);
    return estateOr404(estateId);
  }

  const weather = createBoardWeather(deps, scoped);
  const { weatherOf } = weather;

  function greetingOf(day: CalendarDay, rows: Awaited<ReturnType<typeof repo.listGreetings>>, date: string) {
    const active = rows.filter((r) => Number(r.active) === 1);
    const festivals = [...day.festivals].sort(festivalRank);
    // The estate's own line for a festival or a solar term (冬至) of the day comes first.
    for (const name of [...festivals.map((f) => f.name), ...(day.solarTerm ? [day.solarTerm] : [])]) {
      const own = active.find((r) => r.festival === name);
      if (own) return { zh: own.text_zh, en: own.text_en ?? own.text_zh, kind: 'festival' as const };
    }
    // Then a greeting of our own only for festivals residents celebrate (not 愚人节 or 建军节).
    const main = festivals.find(
      (f) => SOLEMN[f.name] || f.kind === 'traditional' || f.statutory || GREETED.has(f.name),
    );
    if (main)
      return {
        ...(SOLEMN[main.name] ?? { zh: `${main.name}快乐！`, en: `Happy ${main.nameEn}!` }),
        kind: 'festival' as const,
      };
    const inRange = active.filter(
      (r) => !r.festival && (!r.from_date || r.from_date <= date) && (!r.to_date || r.to_date >= date),
    );
    if (inRange.length) {
      // A different line each day, the same one all day on every board.
      const dayIndex = Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000);
      const g = inRange[dayIndex % inRange.length]!;
      return { zh: g.text_zh, en: g.text_en ?? g.text_zh, kind: 'estate' as const };
    }
    return { ...DEFAULT_GREETING, kind: 'default' as const };
  }

  async function restrictionOf(city: string, date: string) {
    try {
      const { plate: _plate, ...r } = await calendar.restrictionOn(city, date);
      return r;
    } catch {
      return null; // no rule for the estate's city: the board says nothing about restriction
    }
  }

  return {
    /** getBoard (public, by entrance token): everything the entrance screen shows today. */
    async getBoard(token: string): Promise<Board> {
      const e = await repo.findEntranceByToken(db, token);
      if (!e) throw BoardErrors.make('BOARD_NOT_FOUND');
      const tz = e.time_zone || 'Asia/Shanghai';
      const now = clock.now();
      const date = localDate(now, tz);
      const tomorrow = addDays(date, 1);
      const [day, greetings, today, next, rToday, rNext, notices] = await Promise.all([
        calendar.describeDay(date),
        repo.listGreetings(db, e.estate_id),
        weatherOf(e.estate_id, date, tz),
        weatherOf(e.estate_id, tomorrow, tz),
        restrictionOf(e.city, date),
        restrictionOf(e.city, tomorrow),
        repo.noticesFor(db, e.estate_id, e.id, date),
      ]);
      return {
        estate: { name: e.estate_name, nameEn: e.estate_name_en },
        entrance: { name: e.name },
        now: now.toISOString(),
        timeZone: tz,
        date,
        weekday: day.weekday,
        weekdayText: { zh: WEEKDAYS_ZH[day.weekday - 1]!, en: WEEKDAYS_EN[day.weekday - 1]! },
        lunar: { text: day.lunar.text, fullText: day.lunar.fullText, textEn: day.lunar.textEn },
        solarTerm: day.solarTerm ? { zh: day.solarTerm, en: day.solarTermEn ?? day.solarTerm } : null,
        festivals: day.festivals,
        greeting: greetingOf(day, greetings, date),
        weather: { today, tomorrow: next },
        restriction: { today: rToday, tomorrow: rNext },
        notices: notices.map((n) => ({
          id: n.id,
          kind: n.kind === 'warm_tip' ? ('warm_tip' as const) : ('notice' as const),
          textZh: n.text_zh,
          textEn: n.text_en,
        })),
        refreshSeconds: 60,
      };
    },

    getWeather: weather.getWeather,
    enterWeather: weather.enterWeather,
    getWeatherSource: weather.getWeatherSource,
    putWeatherSource: weather.putWeatherSource,
    refreshAll: weather.refreshAll,

    /** listBoardNotices (board.manage); `activeOn` keeps those shown that day. */
    async listNotices(actor: Actor, estateId: string, activeOn?: string) {
      await scoped(actor, estateId, 'board.manage');
      const rows = await repo.listNotices(db, estateId, activeOn);
      return { items: rows.map(toNotice), nextCursor: null };
    },

    /** createBoardNotice (board.manage): a notice or warm tip (C8) for all entrances or one. */
    async createNotice(actor: Actor, estateId: string, body: CreateBoardNoticeBody): Promise<BoardNotice> {
      await scoped(actor, estateId, 'board.manage');
      if (body.entranceId) await entranceOf(estateId, body.entranceId);
      const id = newId();
      const at = clock.now().toISOString();
      await repo.insertNotice(db, {
        estate_id: estateId,
        id,
        kind: body.kind,
        text_zh: body.textZh,
        text_en: body.textEn ?? null,
        from_date: body.fromDate,
        to_date: body.toDate,
        entrance_id: body.entranceId ?? null,
        active: 1,
        created_at: at,
        updated_at: at,
        created_by: actor.id,
      });
      await deps.audit.record({
        actor,
        action: 'board.notice.create',
        estateId,
        targetType: 'board_notice',
        targetId: id,
      });
      return toNotice((await repo.findNotice(db, estateId, id))!);
    },

    /** updateBoardNotice (board.manage): needs the edited version (body or If-Match). */
    async updateNotice(
      actor: Actor,
      estateId: string,
      id: string,
      body: UpdateBoardNoticeBody,
      ifMatch?: number,
    ): Promise<BoardNotice> {
      await scoped(actor, estateId, 'board.manage');
      const row = await repo.findNotice(db, estateId, id);
      if (!row) throw BoardErrors.make('NOTICE_NOT_FOUND');
      const version = body.version ?? ifMatch;
      if (version === undefined) throw CommonErrors.make('VERSION_REQUIRED');
      if (body.entranceId) await entranceOf(estateId, body.entranceId);
      const from = body.fromDate ?? row.from_date;
      const to = body.toDate ?? row.to_date;
      if (from > to) throw BoardErrors.make('NOTICE_DATES');
      const set: Record<string, unknown> = {
        from_date: from,
        to_date: to,
        updated_at: clock.now().toISOString(),
      };
      if (body.kind) set.kind = body.kind;
      if (body.textZh) set.text_zh = body.textZh;
      if (body.textEn !== undefined) set.text_en = body.textEn;
      if (body.entranceId !== undefined) set.entrance_id = body.entranceId;
      if (body.active !== undefined) set.active = body.active ? 1 : 0;
      if (!(await repo.updateNotice(db, estateId, id, version, set)))
        throw CommonErrors.make('VERSION_CONFLICT', { current: Number(row.version) });
      await deps.audit.record({
        actor,
        action: 'board.notice.update',
        estateId,
        targetType: 'board_notice',
        targetId: id,
        details: { fields: Object.keys(body).filter((k) => k !== 'version') },
      });
      return toNotice((await repo.findNotice(db, estateId, id))!);
    },

    /** listBoardGreetings (board.manage). */
    async listGreetings(actor: Actor, estateId: string) {
      await scoped(actor, estateId, 'board.manage');
      return { items: (await repo.listGreetings(db, estateId)).map(toGreeting), nextCursor: null };
    },

    /** upsertBoardGreeting (board.manage): a new line, or a change of one (with its version). */
    async upsertGreeting(
      actor: Actor,
      estateId: string,
      body: UpsertBoardGreetingBody,
      ifMatch?: number,
    ): Promise<BoardGreeting> {
      await scoped(actor, estateId, 'board.manage');
      const at = clock.now().toISOString();
      const fields = {
        text_zh: body.textZh,
        text_en: body.textEn ?? null,
        festival: body.festival ?? null,
        from_date: body.fromDate ?? null,
        to_date: body.toDate ?? null,
        active: body.active ? 1 : 0,
        updated_at: at,
      };
      let id = body.id;
      if (id) {
        const row = await repo.findGreeting(db, estateId, id);
        if (!row) throw BoardErrors.make('GREETING_NOT_FOUND');
        const version = body.version ?? ifMatch;
        if (version === undefined) throw CommonErrors.make('VERSION_REQUIRED');
        if (!(await repo.updateGreeting(db, estateId, id, version, fields)))
          throw CommonErrors.make('VERSION_CONFLICT', { current: Number(row.version) });
      } else {
        id = newId();
        await repo.insertGreeting(db, {
          estate_id: estateId,
          id,
          ...fields,
          created_at: at,
          created_by: actor.id,
        });
      }
      await deps.audit.record({
        actor,
        action: 'board.greeting.upsert',
        estateId,
        targetType: 'board_greeting',
        targetId: id,
      });
      return toGreeting((await repo.findGreeting(db, estateId, id))!);
    },

    /** listBoards (board.manage): each entrance with the address of its board. */
    async listBoards(
      actor: Actor,
      estateId: string,
      origin: string,
    ): Promise<{ items: BoardLink[]; nextCursor: null }> {
      await scoped(actor, estateId, 'board.manage');
      const rows = await repo.listEntrances(db, estateId);
      return {
        items: rows.map((r) => ({
          entranceId: r.id,
          name: r.name,
          kind: r.kind,
          isMain: Number(r.is_main) === 1,
          path: `/board/${r.board_token}`,
          url: `${origin}/board/${r.board_token}`,
        })),
        nextCursor: null,
      };
    },
  };

  async function entranceOf(estateId: string, entranceId: string) {
    const rows = await repo.listEntrances(db, estateId);
    if (!rows.some((r) => r.id === entranceId)) throw BoardErrors.make('ENTRANCE_NOT_FOUND');
  }
}

/** Statutory first, then traditional, public, international. */
function festivalRank(a: Festival, b: Festival): number {
  const rank = (f: Festival) =>
    (f.statutory ? 0 : 10) + (f.kind === 'traditional' ? 0 : f.kind === 'public' ? 1 : 2);
  return rank(a) - rank(b);
}
