import type { CompleteBody } from '../../../contract/service-requests.js';
import { addDays } from '../../lib/dates.js';
import type { Actor } from '../auth/index.js';
import {
  type ActivityContext,
  DAY,
  ESTATE_CODE,
  HOUR,
  type HouseholdRow,
  MIN,
  Rng,
  WEEKS,
} from './demo.activity.timeline.js';

// Demo service requests with their timelines (taken, assigned, accepted, started, completed),
// supervision-card ratings with replies and low-score revisits, and the daily revisit round.

const RATING_IP = '127.0.0.1';
const BASE_URL = 'http://localhost';

interface RequestPlan {
  code: string;
  description: string;
  materials?: CompleteBody['materials'];
  charge?: CompleteBody['charge'];
  notes: string;
  minutes: [number, number];
}

const TECH_JOBS: [RequestPlan, number][] = [
  [
    {
      code: 'T8.faucet',
      description: '厨房水龙头漏水，需要更换',
      materials: [{ name: '水龙头', quantity: 1, costFen: 4500 }],
      notes: '已更换厨房水龙头，试水无渗漏',
      minutes: [30, 50],
    },
    8,
  ],
  [
    {
      code: 'T8.drain',
      description: '卫生间地漏堵塞，排水很慢',
      notes: '已疏通地漏，清理毛发杂物',
      minutes: [25, 60],
    },
    7,
  ],
  [
    {
      code: 'T11.toilet_unblock',
      description: '马桶堵了，请尽快来看看',
      notes: '简单疏通，已恢复正常',
      minutes: [15, 30],
    },
    5,
  ],
  [
    {
      code: 'T8.switch_socket',
      description: '客厅插座松动打火',
      materials: [{ name: '五孔插座', quantity: 1, costFen: 1800 }],
      notes: '已更换插座并检查线路',
      minutes: [20, 40],
    },
    5,
  ],
  [
    {
      code: 'T8.light_fitting',
      description: '新买的吸顶灯需要安装',
      notes: '吸顶灯已安装调试',
      minutes: [40, 70],
    },
    4,
  ],
  [
    {
      code: 'T8.curtain_rail',
      description: '卧室窗帘杆掉了，需要重新安装',
      notes: '已重新打孔安装窗帘杆',
      minutes: [30, 60],
    },
    3,
  ],
  [
    {
      code: 'T5.construction_defect',
      description: '阳台窗户密封条老化漏风',
      notes: '已更换密封条，先修好再说',
      minutes: [40, 90],
    },
    3,
  ],
  [
    {
      code: 'T8.repair_quote',
      description: '门锁不好用，钥匙经常拧不动',
      charge: { kind: 'charged', amountFen: 6000 },
      materials: [{ name: '锁芯', quantity: 1, costFen: 3500 }],
      notes: '现场报价后更换锁芯',
      minutes: [30, 60],
    },
    2,
  ],
];
const NIGHT_BULB: RequestPlan = {
  code: 'T11.night_bulb',
  description: '晚上卫生间灯泡坏了，家里老人起夜不方便',
  materials: [{ name: 'LED灯泡', quantity: 1, costFen: 800 }],
  notes: '夜间更换灯泡，免费',
  minutes: [10, 20],
};
const HELP_JOBS: RequestPlan[] = [
  { code: 'S8.taxi', description: '老人去医院，需要代叫出租车', notes: '已叫车并送上车', minutes: [10, 20] },
  {
    code: 'S9.trolley',
    description: '买了大件家具，需要推车',
    notes: '已提供小推车并协助搬运',
    minutes: [15, 30],
  },
  { code: 'S10.carry', description: '快递很重，帮忙搬上楼', notes: '已帮忙搬到家门口', minutes: [10, 25] },
];
const ENV_JOBS: RequestPlan[] = [
  {
    code: 'E8.elderly_help',
    description: '独居老人需要帮忙取药',
    notes: '已帮忙取药送到家',
    minutes: [20, 40],
  },
  {
    code: 'E9.doorbell',
    description: '住户出差，请每天按门铃提醒家人取奶',
    notes: '已按约定提醒',
    minutes: [5, 10],
  },
];

const COMMENTS_GOOD = ['师傅很专业，速度快！', '服务态度很好，谢谢', '干活利索，走时还把地面打扫干净了'];
const REPLY_TEXT = '感谢您的评价与支持，我们会继续努力！';

/** Plans the service requests, their ratings, replies and low-score revisits. */
export function planRequests(ctx: ActivityContext): void {
  const { container, db, estateId, rng, nowMs, today, firstMonday, at, schedule, summary, households } = ctx;
  const { catalog, staffById, actorOf, manager, supervisor, guard, tech, cleaner, butler } = ctx;
  const { technicians, butlers, guards } = ctx;
  // --- Service requests
  const catalogId = (code: string) => {
    const id = catalog.get(code);
    if (!id) throw new Error(`Catalog entry ${code} missing in ${ESTATE_CODE}`);
    return id;
  };
  const weightedTech = (): RequestPlan => {
    const total = TECH_JOBS.reduce((n, [, w]) => n + w, 0);
    let r = rng.float() * total;
    for (const [p, w] of TECH_JOBS) {
      r -= w;
      if (r < 0) return p;
    }
    return TECH_JOBS[0]![0];
  };
  const takers = [butler, ...butlers.filter((b) => b.id !== butler.id).slice(0, 2), guard, manager];
  // Two low scores: an old one (its revisit done) and a recent one (its revisit still open).
  let rated = 0;
  let recentLow = false;

  interface Job {
    plan: RequestPlan;
    team: 'technical' | 'security' | 'environment';
    created: number;
    taker: Actor;
    worker: Actor;
    priority: 'urgent' | 'high' | 'normal';
    channel: 'phone' | 'front_desk' | 'on_site' | 'wechat' | 'visit';
    household: HouseholdRow;
    /** How far the job gets: open ones stop early. */
    stop: 'new' | 'assigned' | 'accepted' | 'in_progress' | 'completed';
    assign: boolean;
  }

  const jobs: Job[] = [];
  // Days from the first Monday to yesterday: the finished jobs are spread over them.
  const pastDays = Math.max(
    1,
    Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${firstMonday}T00:00:00Z`)) / DAY),
  );
  for (let i = 0; i < 56; i++) {
    const dayIndex = Math.min(pastDays - 1, Math.floor((i / 56) * pastDays) + rng.int(0, 1));
    const day = addDays(firstMonday, dayIndex);
    const kind = rng.float();
    if (kind < 0.72) {
      const night = rng.chance(0.08);
      const plan = night ? NIGHT_BULB : weightedTech();
      const taker = night ? guard : rng.pick(takers);
      jobs.push({
        plan,
        team: 'technical',
        created: night ? at(day, 22, rng.int(0, 50)) : at(day, rng.int(8, 17), rng.int(0, 59)),
        taker,
        worker: rng.chance(0.45) ? tech : rng.pick(technicians),
        priority: night ? 'urgent' : rng.chance(0.2) ? 'high' : 'normal',
        channel: night ? 'phone' : rng.pick(['phone', 'front_desk', 'wechat', 'visit'] as const),
        household: rng.pick(households),
        stop: 'completed',
        assign: !night,
      });
    } else if (kind < 0.9) {
      const g = rng.pick(guards);
      jobs.push({
        plan: rng.pick(HELP_JOBS),
        team: 'security',
        created: at(day, rng.int(8, 19), rng.int(0, 59)),
        taker: g,
        worker: g,
        priority: 'normal',
        channel: 'on_site',
        household: rng.pick(households),
        stop: 'completed',
        assign: false,
      });
    } else {
      jobs.push({
        plan: rng.pick(ENV_JOBS),
        team: 'environment',
        created: at(day, rng.int(8, 16), rng.int(0, 59)),
        taker: butler,
        worker: cleaner,
        priority: 'normal',
        channel: 'phone',
        household: rng.pick(households),
        stop: 'completed',
        assign: false,
      });
    }
  }
  // Open jobs of the last day or two: the technical queue and the demo technician's "my jobs".
  const recent = (hoursAgo: number) => nowMs - hoursAgo * HOUR;
  const open: [Job['stop'], number, Actor][] = [
    ['new', 0.75, butler],
    ['assigned', 3, guard],
    ['assigned', 20, butler],
    ['accepted', 26, manager],
    ['in_progress', 2, butler],
  ];
  for (const [stop, hoursAgo, taker] of open) {
    jobs.push({
      plan: weightedTech(),
      team: 'technical',
      created: recent(hoursAgo),
      taker,
      worker: tech,
      priority: 'normal',
      channel: 'phone',
      household: rng.pick(households),
      stop,
      assign: stop !== 'new',
    });
  }

  const order: Job['stop'][] = ['new', 'assigned', 'accepted', 'in_progress', 'completed'];
  for (const job of jobs) {
    const state = { id: '' };
    const reached = (s: Job['stop']) => order.indexOf(job.stop) >= order.indexOf(s);
    let t = job.created;
    schedule(t, async () => {
      const r = await container.serviceRequests.create(job.taker, {
        estateId,
        householdId: job.household.id,
        catalogId: catalogId(job.plan.code),
        priority: job.priority,
        description: job.plan.description,
        channel: job.channel,
      });
      state.id = r.id;
      summary.requests++;
      if (job.stop !== 'completed') summary.openRequests++;
    });
    if (job.assign && reached('assigned')) {
      t += rng.int(3, 20) * MIN;
      const dispatcher = job.team === 'technical' ? manager : supervisor;
      schedule(t, async () => {
        await container.serviceRequests.assign(dispatcher, state.id, { assigneeId: job.worker.id });
      });
    }
    if (!reached('accepted')) continue;
    t += rng.int(3, 25) * MIN;
    schedule(t, async () => {
      await container.serviceRequests.accept(job.worker, state.id);
    });
    if (!reached('in_progress')) continue;
    t += rng.int(5, 40) * MIN;
    schedule(t, async () => {
      await container.serviceRequests.start(job.worker, state.id);
    });
    if (!reached('completed')) continue;
    const minutes = rng.int(job.plan.minutes[0], job.plan.minutes[1]);
    t += minutes * MIN;
    const doneAt = t;
    schedule(doneAt, async () => {
      await container.serviceRequests.complete(job.worker, state.id, {
        notes: job.plan.notes,
        materials: job.plan.materials ?? [],
        minutesSpent: minutes,
        charge: job.plan.charge,
      });
    });
    // The supervision card (T3): the technician hands it over; most residents rate.
    if (job.team !== 'technical' || !rng.chance(0.7)) continue;
    const ratedAt = doneAt + rng.int(1, 30) * HOUR;
    if (ratedAt > nowMs) continue;
    const n = rated++;
    const recentOne = !recentLow && ratedAt >= nowMs - 6 * DAY;
    if (recentOne) recentLow = true;
    const low = n === 6 || recentOne;
    const score = () => (rng.chance(0.7) ? 5 : 4);
    const scores = low
      ? { punctuality: 2, attitude: 4, skill: 3, tidiness: 3, overall: 2 }
      : { punctuality: score(), attitude: score(), skill: score(), tidiness: score(), overall: score() };
    const comment = low
      ? '师傅迟到了一个多小时，也没提前打电话'
      : rng.chance(0.3)
        ? rng.pick(COMMENTS_GOOD)
        : undefined;
    const card = { token: '' };
    schedule(doneAt + MIN, async () => {
      const link = await container.ratings.issueLink(job.worker, state.id, BASE_URL);
      card.token = link.path.slice('/r/'.length);
    });
    schedule(ratedAt, async () => {
      await container.ratings.submit(card.token, { ...scores, comment }, RATING_IP, 'zh-CN');
      summary.ratings++;
      if (low) summary.lowScores++;
    });
    // Replies to comments: mostly within the day; the newest may still wait.
    const replyAt = ratedAt + rng.int(1, 20) * HOUR;
    if (comment && replyAt <= nowMs - 6 * HOUR)
      schedule(replyAt, async () => {
        const c = await db
          .selectFrom('rating_cards')
          .select('id')
          .where('estate_id', '=', estateId)
          .where('request_id', '=', state.id)
          .executeTakeFirstOrThrow();
        await container.ratings.reply(
          low ? manager : job.worker,
          c.id,
          low ? '非常抱歉给您带来不便，我们已安排主管回访并改进派单时效。' : REPLY_TEXT,
        );
        summary.replies++;
      });
    // A low score: the supervisor's revisit with the written analysis (the recent one stays open).
    if (low && !recentOne && ratedAt + 30 * HOUR <= nowMs)
      schedule(ratedAt + rng.int(4, 30) * HOUR, async () => {
        const r = await db
          .selectFrom('revisits')
          .select(['id', 'owner_id'])
          .where('estate_id', '=', estateId)
          .where('request_id', '=', state.id)
          .where('kind', '=', 'low_score')
          .where('status', '=', 'open')
          .executeTakeFirst();
        if (!r) return;
        const owner = r.owner_id ? staffById.get(r.owner_id) : undefined;
        await container.ratings.completeRevisit(owner ? actorOf(owner) : manager, r.id, {
          analysis: '派单后师傅同时有两单，未及时告知住户到达时间',
          adjustment: '派单时核对师傅在手工单，预计迟到须提前电话告知住户',
          outcome: '已上门致歉，住户表示理解，问题已解决',
        });
        summary.revisitsDone++;
      });
  }
}

/** Plans the daily round that closes most routine and front-line follow-ups falling due. */
export function planRevisitRounds(ctx: ActivityContext): void {
  const { container, db, estateId, nowMs, firstMonday, at, schedule, summary, staffById, actorOf, manager } =
    ctx;
  const windowDays = WEEKS * 7;
  // Routine and front-line follow-ups: a daily round closes most of those falling due.
  const skipped = new Set<string>();
  const revisitRng = new Rng((ctx.seed ?? 20261127) ^ 0x5eed);
  for (let d = 0; d < windowDays; d++) {
    const day = addDays(firstMonday, d);
    const t = at(day, 16, 30);
    if (t > nowMs - HOUR) break;
    schedule(t, async () => {
      const due = await db
        .selectFrom('revisits')
        .select(['id', 'owner_id', 'kind', 'due_at', 'room_code'])
        .where('estate_id', '=', estateId)
        .where('status', '=', 'open')
        .where('kind', '!=', 'low_score')
        .where('due_at', '<=', new Date(t + DAY).toISOString())
        .orderBy('due_at')
        .orderBy('kind')
        .orderBy('room_code')
        .execute();
      for (const r of due) {
        if (skipped.has(r.id)) continue;
        if (!revisitRng.chance(0.85)) {
          skipped.add(r.id);
          continue;
        }
        const owner = r.owner_id ? staffById.get(r.owner_id) : undefined;
        await container.ratings.completeRevisit(owner ? actorOf(owner) : manager, r.id, {
          outcome:
            r.kind === 'front_line_follow_up'
              ? '电话回访：维修已完成，住户满意'
              : '上门回访：使用正常，住户满意',
        });
        summary.revisitsDone++;
      }
    });
  }
}
