import { addDays } from '../../lib/dates.js';
import type { Actor } from '../auth/index.js';
import {
  type ActivityContext,
  DAY,
  HOUR,
  type HouseholdRow,
  MIN,
  Rng,
  WEEKS,
  weekday,
} from './demo.activity.timeline.js';

// The follow-ups of the plan in the demo: residents who rate their supervision card a few days
// late (more often the unhappy ones), the team's replies to their comments, the supervisor's
// low-score revisits (T4: most on time, some late, one or two still open), and the guards' home
// safety checks (S2) round by round. Everything goes through the services at its moment on the
// demo clock; decisions are drawn from a PRNG of its own so the other activities keep theirs.

const RATING_IP = '127.0.0.1';
const BASE_URL = 'http://localhost';

type Scores = { punctuality: number; attitude: number; skill: number; tidiness: number; overall: number };

/** Low scores with the resident's words and what the supervisor found and changed. */
const COMPLAINTS: {
  scores: Scores;
  comment: string;
  analysis: string;
  adjustment: string;
  outcome: string;
}[] = [
  {
    scores: { punctuality: 2, attitude: 4, skill: 4, tidiness: 4, overall: 3 },
    comment: '约好上午来，下午才到，也没提前打电话',
    analysis: '上午临时插入一单紧急漏水，师傅未及时通知后续住户改时间',
    adjustment: '派单员遇插单须逐一电话通知受影响住户并给出新的到达时间',
    outcome: '上门致歉并说明原因，住户表示理解',
  },
  {
    scores: { punctuality: 4, attitude: 4, skill: 2, tidiness: 4, overall: 2 },
    comment: '修完没两天又开始漏水了',
    analysis: '更换阀芯时未检查进水软管，软管老化导致接口再次渗漏',
    adjustment: '维修后增加相邻配件检查项，老化配件当场提示住户更换',
    outcome: '已免费更换进水软管，试水一小时无渗漏，住户满意',
  },
  {
    scores: { punctuality: 4, attitude: 4, skill: 4, tidiness: 2, overall: 3 },
    comment: '干完活地上全是灰，也没收拾',
    analysis: '师傅未携带鞋套和防尘布，打孔后只做了简单清扫',
    adjustment: '工具包补齐鞋套、防尘布和小吸尘器，完工清洁列入验收',
    outcome: '主管上门致歉并协助清理，住户接受',
  },
  {
    scores: { punctuality: 4, attitude: 2, skill: 4, tidiness: 4, overall: 3 },
    comment: '师傅说话有点不耐烦',
    analysis: '师傅连续加班情绪疲惫，解释收费时语气生硬',
    adjustment: '调整排班避免连续加班，班前会重申服务用语',
    outcome: '电话回访后上门致歉，住户表示不再追究',
  },
];
const COMMENTS_GOOD = ['修得很仔细，谢谢师傅', '来得很快，点赞', '师傅还教了我们怎么保养'];
const REPLY_LOW = '非常抱歉给您带来不便，主管会尽快与您联系并上门回访。';
const REPLY_GOOD = '感谢您的认可，有需要随时联系我们！';

const SAFETY_NOTES = [
  '燃气阀门、报警器、门窗、防护栏已检查，无隐患，已讲解燃气安全',
  '已检查燃气报警器并试响，门窗锁具正常',
  '入户检查燃气软管、阳台护栏，讲解冬季用火用电安全',
  '检查门窗、防盗网逃生口，提醒勿在楼道堆放杂物',
];
const SAFETY_FINDINGS = [
  '燃气软管老化发硬，已建议住户尽快更换',
  '燃气报警器电池电量低，已提醒更换',
  '阳台铁栏杆底部锈蚀，已登记报修',
  '厨房插线板过载，已提醒分开使用',
];

/** Plans late ratings, replies, low-score revisits and the guards' safety checks. */
export function planFollowups(ctx: ActivityContext): void {
  const rng = new Rng((ctx.seed ?? 20261127) ^ 0x0f011a);
  planLateRatings(ctx, rng);
  planSafetyChecks(ctx, rng);
}

/**
 * The residents who rate a few days after the job: every evening, the cards of jobs completed
 * three days earlier that are still unrated; most of them rate now, half of those low. The
 * team replies to most comments; the supervisor revisits most low scores in time.
 */
function planLateRatings(ctx: ActivityContext, rng: Rng): void {
  const { container, db, estateId, firstMonday, at, schedule, summary, staffById, actorOf } = ctx;
  const { manager } = ctx;
  const actorFor = (id: string | null): Actor => {
    const s = id ? staffById.get(id) : undefined;
    return s ? actorOf(s) : manager;
  };
  // Work decided when the rating comes in, done by the rounds below at (or after) its time.
  const replies: { cardId: string; at: number; by: string | null; text: string }[] = [];
  const revisits: { requestId: string; at: number; complaint: (typeof COMPLAINTS)[number] }[] = [];
  // Low scores take turns through the complaints and through what became of their revisit:
  // mostly in time, one in four late (past the 48 hours); the newest are still open (the
  // history's most recent low score stays open and overdue on the supervisor's agenda).
  const FATES = ['on_time', 'on_time', 'late', 'on_time'] as const;
  let lows = rng.int(0, COMPLAINTS.length - 1);
  let fates = 0;

  for (let d = 0; d < WEEKS * 7; d++) {
    const day = addDays(firstMonday, d);
    // Evening: the late raters (jobs completed in the 24 hours that ended three days ago).
    const evening = at(day, 20, 30);
    schedule(evening, async () => {
      const cards = await db
        .selectFrom('rating_cards')
        .select(['id', 'request_id', 'technician_id', 'completed_at', 'service_name_zh'])
        .where('estate_id', '=', estateId)
        .where('status', '=', 'pending')
        .where('completed_at', '>=', new Date(evening - 4 * DAY).toISOString())
        .where('completed_at', '<', new Date(evening - 3 * DAY).toISOString())
        .orderBy('completed_at')
        .orderBy('service_name_zh')
        .execute();
      for (const card of cards) {
        if (!rng.chance(0.85)) continue;
        const low = rng.chance(0.5);
        const complaint = COMPLAINTS[lows % COMPLAINTS.length]!;
        if (low) lows++;
        const good = () => (rng.chance(0.6) ? 5 : 4);
        const scores: Scores = low
          ? complaint.scores
          : { punctuality: good(), attitude: good(), skill: good(), tidiness: good(), overall: good() };
        const comment = low ? complaint.comment : rng.chance(0.35) ? rng.pick(COMMENTS_GOOD) : undefined;
        const link = await container.ratings.issueLink(
          actorFor(card.technician_id),
          card.request_id,
          BASE_URL,
        );
        await container.ratings.submit(
          link.path.slice('/r/'.length),
          { ...scores, comment },
          RATING_IP,
          'zh-CN',
        );
        summary.ratings++;
        if (low) summary.lowScores++;
        // Replies: most within the day, a few never (the KPI shows them as missed).
        if (comment && rng.chance(low ? 0.9 : 0.8))
          replies.push({
            cardId: card.id,
            at: evening + rng.int(low ? 1 : 10, low ? 14 : 40) * HOUR,
            by: low ? null : card.technician_id,
            text: low ? REPLY_LOW : REPLY_GOOD,
          });
        if (low) {
          const fate = FATES[fates++ % FATES.length];
          const after = fate === 'on_time' ? rng.int(10, 36) : rng.int(54, 80);
          revisits.push({ requestId: card.request_id, at: evening + after * HOUR, complaint });
        }
      }
    });

    // Rounds of the day: the team's replies and the supervisor's revisits that are due by then.
    for (const [h, m] of [
      [9, 30],
      [14, 0],
      [18, 0],
    ] as const) {
      const t = at(day, h, m);
      schedule(t, async () => {
        for (const x of replies.filter((r) => r.at <= t)) {
          replies.splice(replies.indexOf(x), 1);
          await container.ratings.reply(x.by ? actorFor(x.by) : manager, x.cardId, x.text);
          summary.replies++;
        }
        for (const x of revisits.filter((r) => r.at <= t)) {
          revisits.splice(revisits.indexOf(x), 1);
          const row = await db
            .selectFrom('revisits')
            .select(['id', 'owner_id'])
            .where('estate_id', '=', estateId)
            .where('request_id', '=', x.requestId)
            .where('kind', '=', 'low_score')
            .where('status', '=', 'open')
            .executeTakeFirst();
          if (!row) continue;
          await container.ratings.completeRevisit(actorFor(row.owner_id), row.id, {
            analysis: x.complaint.analysis,
            adjustment: x.complaint.adjustment,
            outcome: x.complaint.outcome,
          });
          summary.revisitsDone++;
        }
      });
    }
  }
}

/**
 * S2: the guards check homes building by building on weekdays (a few households each, morning
 * and afternoon); some residents are out and wait for the next round. Over the eight weeks about
 * a third of the estate's lived-in households are checked, so this half-year's S2 is under way.
 */
function planSafetyChecks(ctx: ActivityContext, rng: Rng): void {
  const { container, firstMonday, at, schedule, summary, households, guards } = ctx;
  if (!guards.length) return;
  // Rounds start at a building the history did not pick: a rotation of the room order.
  const start = rng.int(0, households.length - 1);
  const queue: HouseholdRow[] = [...households.slice(start), ...households.slice(0, start)];
  let next = 0;
  for (let d = 0; d < WEEKS * 7 && next < queue.length; d++) {
    const day = addDays(firstMonday, d);
    if (weekday(day) > 5) continue;
    // Two or three guards of the day shift, each a few households.
    const onShift = guards.filter((_, i) => (i + d) % 4 < 2);
    for (const g of onShift.slice(0, rng.int(2, 3))) {
      const count = rng.int(2, 4);
      let t = at(day, rng.chance(0.5) ? 9 : 14, rng.int(0, 30));
      for (let k = 0; k < count && next < queue.length; k++) {
        const h = queue[next++]!;
        t += rng.int(15, 35) * MIN;
        if (rng.chance(0.15)) continue; // nobody home: next round
        const finding = rng.chance(0.12) ? rng.pick(SAFETY_FINDINGS) : null;
        const notes = rng.pick(SAFETY_NOTES);
        const metWhom = rng.pick(['户主本人', '户主配偶', '家中老人', '租户本人']);
        schedule(t, async () => {
          await container.visits.create(g, {
            householdId: h.id,
            kind: 'safety_check',
            metWhom,
            notes,
            problems: finding ? [finding] : undefined,
          });
          summary.visits++;
        });
      }
    }
  }
}
