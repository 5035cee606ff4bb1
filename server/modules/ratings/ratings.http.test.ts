import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineName } from '../../../test/helpers/test-db.js';
import { buildRatingFixture, type RatingFixture } from './rating.fixture.js';
import { hashToken } from './rating.service.js';

let f: RatingFixture;
beforeAll(async () => {
  f = await buildRatingFixture();
});
afterAll(async () => f?.close());

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const START = new Date('2026-11-27T02:00:00Z').getTime();

const scores = (overall: number, rest = 4) => ({
  punctuality: rest,
  attitude: rest,
  skill: rest,
  tidiness: rest,
  overall,
});
const publicGet = (token: string, ip = '203.0.113.7') =>
  f.call(undefined, { method: 'GET', url: `/api/public/rating-cards/${token}`, remoteAddress: ip });
const publicPost = (token: string, payload: Record<string, unknown>, ip = '203.0.113.7') =>
  f.call(undefined, { method: 'POST', url: `/api/public/rating-cards/${token}`, payload, remoteAddress: ip });
const revisits = async (who: string, query: string) => {
  const r = await f.call(who, { method: 'GET', url: `/api/revisits?estateId=${f.estate.id}&${query}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().items as any[];
};
async function linkOf(requestId: string, who = 'zhang_tech') {
  const r = await f.call(who, { method: 'POST', url: `/api/service-requests/${requestId}/rating-link` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { path: string; url: string; cardId: string; expiresAt: string };
}

describe(`the supervision card story (${engineName})`, () => {
  let requestId: string;
  let token: string;
  let cardId: string;
  let completedAt: number;

  it('a guard logs a request, the technical team accepts and completes it: a card and follow-ups exist', async () => {
    requestId = await f.completedRequest();
    completedAt = f.clock.now().getTime();
    const cards = await f.call('squad', { method: 'GET', url: `/api/rating-cards?estateId=${f.estate.id}` });
    expect(cards.statusCode, cards.body).toBe(200);
    const [card] = cards.json().items;
    expect(card).toMatchObject({
      requestId,
      status: 'pending',
      technicianId: f.ids.zhang_tech,
      serviceName: '更换水龙头',
      scores: null,
      replyState: 'none',
    });
    expect(card.expiresAt).toBe(new Date(completedAt + 14 * DAY).toISOString());
    cardId = card.id;

    // The routine follow-up for the technician, and one for the guard who took it (E15).
    const all = await revisits('squad', '');
    expect(all.map((r) => [r.kind, r.owner?.id, r.dueAt]).sort()).toEqual(
      [
        ['front_line_follow_up', f.ids.guard, new Date(completedAt + 7 * DAY).toISOString()],
        ['routine_30d', f.ids.zhang_tech, new Date(completedAt + 30 * DAY).toISOString()],
      ].sort(),
    );
  });

  it('running the completion hook and the sweep again creates nothing twice', async () => {
    expect(await f.ratings.onRequestCompleted(requestId)).toEqual({ card: false, revisits: 0 });
    const sweep = await f.ratings.ensureCardsForCompleted(f.estate.id);
    expect(sweep.cards + sweep.revisits).toBe(0);
    expect(await revisits('squad', '')).toHaveLength(2);
  });

  it('the printable card is a real A6 PDF in Chinese with the QR code; outsiders get 404', async () => {
    const r = await f.call('zhang_tech', {
      method: 'GET',
      url: `/api/service-requests/${requestId}/rating-card.pdf`,
      headers: { host: 'wuye.example.cn' },
    });
    expect(r.statusCode, r.body.slice(0, 200)).toBe(200);
    expect(r.headers['content-type']).toContain('application/pdf');
    expect(r.headers['x-card-font']).toBe('cjk');
    expect(r.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(r.rawPayload.length).toBeGreaterThan(8_000); // embedded CJK subset + ~1000 QR squares
    expect(r.rawPayload.toString('latin1')).toContain('/MediaBox [0 0 297.64 419.53]'); // A6
    const cleaner = await f.call('cleaner', {
      method: 'GET',
      url: `/api/service-requests/${requestId}/rating-card.pdf`,
    });
    expect(cleaner.statusCode).toBe(404);
    const anon = await f.call(undefined, {
      method: 'GET',
      url: `/api/service-requests/${requestId}/rating-card.pdf`,
    });
    expect(anon.statusCode).toBe(401);
  });

  it('a link for a message: relative path + this host; only the token hash is stored', async () => {
    const link = await linkOf(requestId);
    expect(link.cardId).toBe(cardId);
    expect(link.path).toMatch(/^\/r\/[A-Za-z0-9_-]{43}$/);
    expect(link.url).toBe(`http://localhost:80${link.path}`);
    token = link.path.slice(3);
    const stored = await f.database.db.selectFrom('rating_card_links').selectAll().execute();
    expect(stored.map((s) => s.token_hash)).toContain(hashToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it('the resident opens the card without a session: estate, service, date, technician name, no phone', async () => {
    const r = await publicGet(token);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toEqual({
      estateName: 'lvyuan小区',
      serviceName: '更换水龙头',
      serviceNameEn: 'Replace a faucet',
      serviceDate: '2026-11-27',
      technicianName: 'zhang_tech-name',
      status: 'pending',
      expiresAt: new Date(completedAt + 14 * DAY).toISOString(),
      criteria: ['punctuality', 'attitude', 'skill', 'tidiness', 'overall'],
    });
  });

  it('rates overall 2 with a comment: a low-score revisit for the supervisor, due in 48 h', async () => {
    f.clock.advance(2 * HOUR);
    const ratedAt = f.clock.now().getTime();
    const r = await publicPost(token, { ...scores(2), comment: '师傅迟到了一个小时' });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().status).toBe('submitted');
    const mine = await revisits('squad', 'owner=me&kind=low_score');
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({
      requestId,
      cardId,
      state: 'open',
      analysisRequired: true,
      owner: { id: f.ids.squad },
      dueAt: new Date(ratedAt + 48 * HOUR).toISOString(),
    });
    expect(mine[0].reason).toContain('总体 2');
  });

  it('the card cannot be submitted again, nor opened (409, friendly message)', async () => {
    const again = await publicPost(token, scores(5));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('CARD_ALREADY_SUBMITTED');
    const open = await f.call(undefined, {
      method: 'GET',
      url: `/api/public/rating-cards/${token}`,
      headers: { 'accept-language': 'zh-CN' },
    });
    expect(open.statusCode).toBe(409);
    expect(open.json().error.message).toContain('感谢');
    // A printed card of a used card is refused too.
    const pdf = await f.call('zhang_tech', {
      method: 'GET',
      url: `/api/service-requests/${requestId}/rating-card.pdf`,
    });
    expect(pdf.statusCode).toBe(409);
  });

  it('the low-score revisit is refused without the written analysis (422), closes with it', async () => {
    const [rv] = await revisits('squad', 'owner=me&kind=low_score');
    const url = `/api/revisits/${rv.id}/complete`;
    const none = await f.call('squad', { method: 'POST', url, payload: { outcome: '已上门致歉' } });
    expect(none.statusCode).toBe(422);
    expect(none.json().error.code).toBe('ANALYSIS_REQUIRED');
    expect(none.json().error.details.fields).toEqual(['analysis', 'adjustment']);
    const short = await f.call('squad', {
      method: 'POST',
      url,
      payload: { analysis: '迟到', adjustment: '以后提前出发，预留路上时间', outcome: '已上门致歉' },
    });
    expect(short.statusCode).toBe(422);
    expect(short.json().error.details.fields).toEqual(['analysis']);
    // The technician is not the owner: 403.
    const tech = await f.call('zhang_tech', { method: 'POST', url, payload: { outcome: 'x'.repeat(5) } });
    expect(tech.statusCode).toBe(403);
    f.clock.advance(20 * HOUR);
    const ok = await f.call('squad', {
      method: 'POST',
      url,
      payload: {
        analysis: '派单时未考虑师傅手上已有两单，导致上门迟到一小时',
        adjustment: '派单前查看在手工单，超过一单时改派或提前电话告知住户',
        outcome: '已上门致歉，住户表示理解',
      },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'done', doneOnTime: true, completedBy: { id: f.ids.squad } });
    const twice = await f.call('squad', {
      method: 'POST',
      url,
      payload: { analysis: 'a'.repeat(12), adjustment: 'b'.repeat(12), outcome: '再次' },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.code).toBe('REVISIT_ALREADY_DONE');
  });

  it('the comment gets a reply from the team within 48 h: on time; outsiders may not reply', async () => {
    const url = `/api/rating-cards/${cardId}/reply`;
    const cleaner = await f.call('cleaner', { method: 'POST', url, payload: { text: '收到' } });
    expect(cleaner.statusCode).toBe(403);
    const r = await f.call('zhang_tech', {
      method: 'POST',
      url,
      payload: { text: '非常抱歉，下次一定准时' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ replyState: 'on_time', repliedBy: { id: f.ids.zhang_tech } });
    expect((await f.call('squad', { method: 'POST', url, payload: { text: '再回复' } })).statusCode).toBe(
      409,
    );
    const unreplied = await f.call('squad', {
      method: 'GET',
      url: `/api/rating-cards?estateId=${f.estate.id}&status=comment_unreplied`,
    });
    expect(unreplied.json().items).toEqual([]);
  });

  it('the request page finds its card by requestId; staff outside the team find none', async () => {
    const url = `/api/rating-cards?estateId=${f.estate.id}&requestId=${requestId}`;
    const mine = await f.call('zhang_tech', { method: 'GET', url });
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items).toMatchObject([
      { id: cardId, requestId, status: 'submitted', scores: { overall: 2 }, replyState: 'on_time' },
    ]);
    const other = await f.call('squad', {
      method: 'GET',
      url: `/api/rating-cards?estateId=${f.estate.id}&requestId=nonexistent`,
    });
    expect(other.json().items).toEqual([]);
    const cleaner = await f.call('cleaner', { method: 'GET', url });
    expect(cleaner.statusCode).toBe(200);
    expect(cleaner.json().items).toEqual([]);
  });

  it('figures: average scores, comments replied in time, revisits done on time', async () => {
    const fig = await f.ratings.figures(f.estate.id, new Date(START - DAY), new Date(START + 60 * DAY));
    expect(fig).toMatchObject({
      rated: 1,
      averages: { overall: 2, punctuality: 4 },
      lowScores: 1,
      comments: 1,
      commentsRepliedOnTime: 1,
      replyOnTimeShare: 1,
      revisits: { due: 3, doneOnTime: 1, doneLate: 0, overdue: 0 },
    });
    const other = await f.ratings.figures(f.estate.id, new Date(START - DAY), new Date(START + 60 * DAY), {
      assigneeId: f.ids.squad,
    });
    expect(other.rated).toBe(0);
  });

  it('30 days after completion the routine follow-up is due, then overdue; the guard sees only its own', async () => {
    f.clock.set(new Date(completedAt + 30 * DAY - MIN));
    let routine = (await revisits('zhang_tech', 'owner=me&kind=routine_30d'))[0];
    expect(routine).toMatchObject({ state: 'open', overdue: false });
    expect(await revisits('zhang_tech', 'owner=me&status=overdue')).toEqual([]);
    f.clock.set(new Date(completedAt + 30 * DAY + MIN));
    routine = (await revisits('zhang_tech', 'status=overdue'))[0];
    expect(routine).toMatchObject({ kind: 'routine_30d', state: 'overdue', overdue: true });
    // The guard's front-line follow-up is long overdue by now; the guard sees only its own.
    const guard = await revisits('guard', '');
    expect(guard.map((r) => [r.kind, r.state])).toEqual([['front_line_follow_up', 'overdue']]);
    const spy = await f.call('guard', { method: 'GET', url: `/api/revisits?owner=${f.ids.squad}` });
    expect(spy.statusCode).toBe(403);
    // A routine revisit needs only an outcome.
    const done = await f.call('zhang_tech', {
      method: 'POST',
      url: `/api/revisits/${routine.id}/complete`,
      payload: { outcome: '电话回访：龙头使用正常' },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ state: 'done', doneOnTime: false });
  });
});

describe('tokens cannot be guessed, and cards expire', () => {
  it('a random token is 404; many failures from one address are throttled (429), others are not', async () => {
    const ip = '198.51.100.23';
    const r = await publicGet('not-a-real-token-0000000000000000000000000', ip);
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('CARD_NOT_FOUND');
    for (let i = 1; i < 20; i++) expect((await publicGet(`guess-${i}`, ip)).statusCode).toBe(404);
    const blocked = await publicPost('guess-21', scores(5), ip);
    expect(blocked.statusCode).toBe(429);
    const stored = await f.database.db
      .selectFrom('rating_token_failures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip', '=', ip)
      .executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(20);
    // Another address is unaffected; after the window the address may try again.
    expect((await publicGet('guess-x', '198.51.100.99')).statusCode).toBe(404);
    f.clock.advance(11 * MIN);
    expect((await publicGet('guess-y', ip)).statusCode).toBe(404);
  });

  it('two links of one card submitted at once: exactly one rating counts, the other gets 409', async () => {
    const id = await f.completedRequest('T8.light_fitting');
    const [a, b] = [await linkOf(id), await linkOf(id, 'squad')];
    expect(a.cardId).toBe(b.cardId);
    const results = await Promise.all([
      publicPost(a.path.slice(3), scores(5)),
      publicPost(b.path.slice(3), scores(1)),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const lows = await revisits('mgr', 'kind=low_score');
    const card = await f.database.db
      .selectFrom('rating_cards')
      .selectAll()
      .where('id', '=', a.cardId)
      .executeTakeFirstOrThrow();
    // A low-score revisit exists exactly when the winning rating was the low one.
    expect(lows.filter((r) => r.requestId === id)).toHaveLength(Number(card.overall) === 1 ? 1 : 0);
  });

  it('an expired card is 410 on opening and on submitting', async () => {
    const id = await f.completedRequest('T8.drain');
    const link = await linkOf(id, 'squad');
    const token = link.path.slice(3);
    f.clock.advance(14 * DAY + MIN);
    const open = await publicGet(token);
    expect(open.statusCode).toBe(410);
    expect(open.json().error.code).toBe('CARD_EXPIRED');
    expect((await publicPost(token, scores(5))).statusCode).toBe(410);
    const pending = await f.call('squad', {
      method: 'GET',
      url: `/api/rating-cards?estateId=${f.estate.id}&status=pending`,
    });
    expect(pending.json().items.map((c: any) => [c.requestId, c.status])).toEqual([[id, 'expired']]);
  });

  it('a service without a supervision card has no printable card; an open request has none yet', async () => {
    const helped = await f.completedRequest('E8.elderly_help', 'guard', 'cleaner');
    const pdf = await f.call('squad', {
      method: 'GET',
      url: `/api/service-requests/${helped}/rating-card.pdf`,
    });
    expect(pdf.statusCode).toBe(404);
    expect(pdf.json().error.code).toBe('CARD_NOT_OFFERED');
  });
});

describe('the sweep', () => {
  it('finds a completed request whose completion hook never ran, once', async () => {
    const id = await f.completedRequest('T8.faucet', 'zhang_tech');
    // Undo what the hook made, as if it had never run.
    await f.database.db.deleteFrom('revisits').where('request_id', '=', id).execute();
    await f.database.db.deleteFrom('rating_cards').where('request_id', '=', id).execute();
    const first = await f.ratings.ensureCardsForCompleted(f.estate.id);
    // Taken by the technician of the team: a card and the routine follow-up, no front-line one.
    expect(first).toMatchObject({ cards: 1, revisits: 1 });
    const second = await f.ratings.ensureCardsForCompleted(f.estate.id);
    expect(second).toMatchObject({ cards: 0, revisits: 0 });
    const kinds = await f.database.db
      .selectFrom('revisits')
      .select('kind')
      .where('request_id', '=', id)
      .execute();
    expect(kinds.map((k) => k.kind)).toEqual(['routine_30d']);
  });
});

describe('contract', () => {
  it('the OpenAPI document names every operation; the rating page needs no session', async () => {
    const r = await f.call(undefined, { method: 'GET', url: '/api/openapi.json' });
    expect(r.statusCode).toBe(200);
    const ops = Object.values(r.json().paths as Record<string, Record<string, any>>).flatMap((p) =>
      Object.values(p),
    );
    const byId = new Map(ops.map((o) => [o.operationId, o]));
    for (const op of [
      'getRatingCard',
      'submitRating',
      'getRatingCardPdf',
      'issueRatingLink',
      'listRatingCards',
      'replyToRatingComment',
      'listRevisits',
      'completeRevisit',
    ])
      expect(byId.has(op), op).toBe(true);
    expect(byId.get('getRatingCard').security).toEqual([]);
    expect(byId.get('submitRating').security).toEqual([]);
  });
});
