import type { Role } from '../../../contract/auth.js';
import type { CompleteBody } from '../../../contract/service-requests.js';
import type { Container } from '../../container.js';
import { FixedClock } from '../../lib/clock.js';
import { localDate } from '../../lib/dates.js';
import type { Actor } from '../auth/index.js';
import { startOfLocalDay } from '../visits/index.js';
import { mulberry32 } from './demo.generator.js';
import { HOBBIES } from './demo.names.js';

// Eight weeks of plausible history for the first demo estate (绿苑小区), made through the real
// services with the container's clock moved back in time: visits (E1, S4, C3), loyal groups (S5),
// service requests with their timelines, ratings and revisits, loans, agenda ticks, and today's
// entrance board. Every history, timeline and audit row is written by the service that owns it.

/** Options of {@link seedDemoActivity}. */
export interface SeedDemoActivityOptions {
  /** "Now" of the demo: history covers the 8 weeks up to it; the clock is left here. */
  now: Date;
  /** PRNG seed (default 20261127). */
  seed?: number;
}

/** What {@link seedDemoActivity} created. */
export interface DemoActivitySummary {
  estateId: string;
  visits: number;
  loyalMembers: number;
  loyalContacts: number;
  requests: number;
  openRequests: number;
  ratings: number;
  lowScores: number;
  replies: number;
  revisitsDone: number;
  loans: number;
  ticks: number;
}

const ESTATE_CODE = 'lvyuan';
const WEEKS = 8;
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const RATING_IP = '127.0.0.1';
/** Demo logins, listed first among the staff. */
const DEMO_FIRST = new Set([
  'manager',
  'butler',
  'culture',
  'guard',
  'squad',
  'tech',
  'cleaner',
  'supervisor',
]);
const BASE_URL = 'http://localhost';

interface StaffRow {
  id: string;
  role: string;
  display_name: string;
  username: string | null;
  team: string | null;
}

interface HouseholdRow {
  id: string;
  building_id: string;
  room_code: string;
  primary_name: string | null;
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
function weekday(date: string): number {
  const d = new Date(`${date}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

const ALL_HOBBIES = [...new Set([...HOBBIES.elder, ...HOBBIES.middle, ...HOBBIES.young])];

const E1_NOTES = [
  '楼道保洁满意，建议增加周末清扫频次',
  '反映单元门口垃圾桶有异味，已安排当日清洗',
  '对绿化修剪表示满意',
  '询问垃圾分类投放时间，已说明',
  '希望楼前草坪增设提示牌',
  '地下车库地面有油渍，已安排清理',
];
const E1_PROBLEMS = ['单元门口垃圾桶异味', '楼道窗台积灰', '草坪有宠物粪便未清理', '电梯轿厢地面污渍'];
const ADVISORY_NOTES = [
  '顾问团走访：听取对门岗服务和车辆管理的意见',
  '顾问团走访：住户建议夜间加强东侧门巡逻',
  '顾问团走访：对快递代收点的位置提出建议',
  '顾问团走访：了解老人出行需求，介绍代叫出租车服务',
];
const BUTLER_NOTES = [
  '例行走访，家中一切正常',
  '介绍了社区文化活动安排，住户有兴趣参加',
  '了解到家中老人身体硬朗，喜欢在小区里活动',
  '住户对管家服务表示满意',
  '提醒冬季用电用气安全',
];
const CONTACT_NOTES = ['电话问候，近况良好', '微信沟通社区活动', '上门拜访，聊家常', '询问对安保服务的意见'];

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

/** Weather by month in Beijing (min, max, condition). */
const WEATHER: [number, number][] = [
  [-9, 2],
  [-6, 6],
  [0, 13],
  [7, 21],
  [13, 27],
  [18, 31],
  [22, 31],
  [21, 30],
  [15, 26],
  [8, 19],
  [0, 10],
  [-6, 3],
];
const CONDITIONS: [string, string][] = [
  ['晴', 'Sunny'],
  ['多云', 'Cloudy'],
  ['晴转多云', 'Sunny, then cloudy'],
  ['阴', 'Overcast'],
];

/**
 * Eight weeks of history for the first demo estate (code `lvyuan`) through the container's
 * services. The container must run on a {@link FixedClock}: it is moved through the past while
 * seeding and left at `opts.now`. Deterministic for a seed (apart from ids and tokens).
 */
export async function seedDemoActivity(
  container: Container,
  opts: SeedDemoActivityOptions,
): Promise<DemoActivitySummary> {
  const { db } = container;
  const clock = container.clock;
  if (!(clock instanceof FixedClock)) throw new Error('seedDemoActivity needs a container with a FixedClock');
  const now = new Date(opts.now.getTime());
  const nowMs = now.getTime();
  const rng = new Rng(opts.seed ?? 20261127);

  const estate = await db
    .selectFrom('estates')
    .select(['id', 'time_zone'])
    .where('code', '=', ESTATE_CODE)
    .executeTakeFirst();
  if (!estate) throw new Error(`Demo estate ${ESTATE_CODE} not found`);
  const estateId = estate.id;
  const tz = estate.time_zone || 'Asia/Shanghai';

  const staffRows: StaffRow[] = await db
    .selectFrom('staff_assignments as s')
    .innerJoin('accounts as a', 'a.id', 's.account_id')
    .leftJoin('teams as t', 't.id', 's.team_id')
    .select(['a.id', 'a.role', 'a.display_name', 'a.username', 't.code as team'])
    .where('s.estate_id', '=', estateId)
    .orderBy('a.id')
    .execute();
  // Demo logins first, then the others by name: a stable order whatever the ids.
  staffRows.sort(
    (x, y) =>
      Number(!DEMO_FIRST.has(x.username ?? '')) - Number(!DEMO_FIRST.has(y.username ?? '')) ||
      x.display_name.localeCompare(y.display_name) ||
      x.id.localeCompare(y.id),
  );
  const actorOf = (s: StaffRow): Actor => ({
    id: s.id,
    role: s.role as Role,
    displayName: s.display_name,
    estateIds: [estateId],
    allEstates: false,
    ip: null,
    lang: 'zh-CN',
  });
  const byRole = (role: string) => staffRows.filter((s) => s.role === role);
  const byUser = (u: string) => {
    const s = staffRows.find((x) => x.username === u);
    if (!s) throw new Error(`Demo account ${u} is not on the staff of ${ESTATE_CODE}`);
    return s;
  };
  const staffById = new Map(staffRows.map((s) => [s.id, s]));
  const manager = actorOf(byUser('manager'));
  const supervisor = actorOf(byUser('supervisor'));
  const guard = actorOf(byUser('guard'));
  const tech = actorOf(byUser('tech'));
  const cleaner = actorOf(byUser('cleaner'));
  const butler = actorOf(byUser('butler'));
  const squadLeaders = byRole('squad_leader').map(actorOf);
  const technicians = byRole('technician').map(actorOf);
  const butlers = byRole('butler').map(actorOf);
  const guards = byRole('guard').map(actorOf);

  const households: HouseholdRow[] = await db
    .selectFrom('households')
    .select(['id', 'building_id', 'room_code', 'primary_name'])
    .where('estate_id', '=', estateId)
    .where('occupancy', 'in', ['owner_occupied', 'rented'])
    .orderBy('room_sort')
    .orderBy('room_code')
    .execute();
  if (!households.length) throw new Error(`Demo estate ${ESTATE_CODE} has no lived-in households`);
  const butlerBuildings = await db
    .selectFrom('butler_buildings')
    .select(['account_id', 'building_id'])
    .where('estate_id', '=', estateId)
    .execute();
  const catalog = new Map(
    (
      await db
        .selectFrom('service_catalog')
        .select(['id', 'code'])
        .where('estate_id', '=', estateId)
        .where('active', '=', 1)
        .execute()
    ).map((c) => [c.code, c.id]),
  );

  // Local calendar of the window: 8 ISO weeks ending with the current one.
  const today = localDate(now, tz);
  const thisMonday = addDays(today, 1 - weekday(today));
  const firstMonday = addDays(thisMonday, -7 * (WEEKS - 1));
  const at = (date: string, hour: number, minute = 0) =>
    startOfLocalDay(date, tz).getTime() + hour * HOUR + minute * MIN;

  // The timeline: every action at its moment, run in time order with the clock set to it.
  type Step = { at: number; seq: number; run: () => Promise<void> };
  const steps: Step[] = [];
  let seq = 0;
  const schedule = (t: number, run: () => Promise<void>) => {
    if (t <= nowMs) steps.push({ at: t, seq: seq++, run });
  };

  const summary: DemoActivitySummary = {
    estateId,
    visits: 0,
    loyalMembers: 0,
    loyalContacts: 0,
    requests: 0,
    openRequests: 0,
    ratings: 0,
    lowScores: 0,
    replies: 0,
    revisitsDone: 0,
    loans: 0,
    ticks: 0,
  };

  // --- Households nobody else uses: loyal groups take theirs first.
  const used = new Set<string>();
  const freshHousehold = (pool: HouseholdRow[] = households): HouseholdRow => {
    for (let i = 0; i < 20; i++) {
      const h = rng.pick(pool);
      if (!used.has(h.id)) return h;
    }
    return rng.pick(pool);
  };

  // --- Visits
  const visit = (
    actor: Actor,
    t: number,
    h: HouseholdRow,
    body: Omit<Parameters<Container['visits']['create']>[1], 'householdId'>,
  ) =>
    schedule(t, async () => {
      await container.visits.create(actor, { householdId: h.id, ...body });
      summary.visits++;
    });

  // E1: the environment supervisor and the manager, 2 a week; some weeks missed on purpose.
  const e1: [Actor, Map<number, number>][] = [
    [
      supervisor,
      new Map([
        [2, 1],
        [5, 0],
      ]),
    ],
    [
      manager,
      new Map([
        [3, 1],
        [6, 1],
      ]),
    ],
  ];
  for (let w = 0; w < WEEKS; w++) {
    const monday = addDays(firstMonday, 7 * w);
    for (const [actor, missed] of e1) {
      const n = missed.get(w) ?? 2;
      // This week the second visit is planned for Friday afternoon: the task is still open.
      const current = w === WEEKS - 1;
      const days = [rng.int(0, 1), current ? 4 : rng.int(2, 4)];
      for (let i = 0; i < n; i++) {
        const h = freshHousehold();
        const problem = rng.chance(0.25) ? [rng.pick(E1_PROBLEMS)] : undefined;
        const hour = current && i === 1 ? 15 : rng.int(9, 15);
        visit(actor, at(addDays(monday, days[i]!), hour, rng.int(0, 59)), h, {
          kind: 'routine',
          metWhom: rng.pick(['本人', '配偶', '家人']),
          notes: rng.pick(E1_NOTES),
          problems: problem,
          satisfaction: rng.chance(0.8) ? 5 : 4,
          flyerGiven: rng.chance(0.5),
        });
      }
    }
  }

  // S4: each squad leader one advisory visit a month (the last one still owes this month's).
  const months = [
    ...new Set(Array.from({ length: WEEKS * 7 }, (_, i) => addDays(firstMonday, i).slice(0, 7))),
  ];
  for (const month of months) {
    const inWindow = Array.from({ length: WEEKS * 7 }, (_, i) => addDays(firstMonday, i)).filter(
      (d) => d.startsWith(month) && d <= today,
    );
    squadLeaders.forEach((leader, i) => {
      if (!inWindow.length) return;
      if (month === today.slice(0, 7) && i === squadLeaders.length - 1 && squadLeaders.length > 1) return;
      const day = inWindow[Math.min(inWindow.length - 1, rng.int(0, Math.min(9, inWindow.length - 1)))]!;
      visit(leader, at(day, rng.int(14, 17), rng.int(0, 59)), freshHousehold(), {
        kind: 'advisory',
        metWhom: '本人',
        notes: rng.pick(ADVISORY_NOTES),
        satisfaction: rng.int(4, 5),
      });
    });
  }

  // Butlers: routine visits in their buildings, hobbies learned and written back to the archive.
  for (const b of butlers) {
    const own = new Set(butlerBuildings.filter((x) => x.account_id === b.id).map((x) => x.building_id));
    const pool = households.filter((h) => own.has(h.building_id));
    if (!pool.length) continue;
    const n = b.id === butler.id ? 8 : rng.int(2, 3);
    for (let i = 0; i < n; i++) {
      const day = addDays(firstMonday, rng.int(0, WEEKS * 7 - 1));
      const h = freshHousehold(pool);
      const learned = [rng.pick(ALL_HOBBIES), ...(rng.chance(0.4) ? [rng.pick(ALL_HOBBIES)] : [])];
      const hobbies = [...new Set(learned)];
      visit(b, at(day, rng.int(9, 18), rng.int(0, 59)), h, {
        kind: 'routine',
        metWhom: rng.pick(['本人', '配偶', '老人']),
        hobbies,
        notes: rng.pick(BUTLER_NOTES),
        satisfaction: rng.chance(0.85) ? 5 : 4,
        writeBack: { hobbies },
      });
    }
  }

  // S5: a loyal group of 4–8 households for each squad leader, with a few contacts.
  for (const leader of squadLeaders) {
    const size = rng.int(4, 8);
    const joinDay = addDays(firstMonday, rng.int(0, 6));
    for (let i = 0; i < size; i++) {
      const h = freshHousehold();
      used.add(h.id);
      const joined = at(joinDay, 10 + i, rng.int(0, 59));
      schedule(joined, async () => {
        await container.loyalGroups.addMember(leader, estateId, leader.id, h.id);
        summary.loyalMembers++;
      });
      const contacts = rng.int(1, 3);
      for (let c = 0; c < contacts; c++) {
        const day = addDays(joinDay, rng.int(2, WEEKS * 7 - 3));
        schedule(at(day, rng.int(9, 19), rng.int(0, 59)), async () => {
          await container.loyalGroups.logContact(leader, estateId, leader.id, {
            householdId: h.id,
            channel: rng.pick(['phone', 'wechat', 'visit'] as const),
            note: rng.pick(CONTACT_NOTES),
          });
          summary.loyalContacts++;
        });
      }
    }
  }

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
  const windowDays = WEEKS * 7;
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

  // Routine and front-line follow-ups: a daily round closes most of those falling due.
  const skipped = new Set<string>();
  const revisitRng = new Rng((opts.seed ?? 20261127) ^ 0x5eed);
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

  // --- Loans (S9, T9): a returned trolley, a returned bulb, an overdue trolley.
  const items = { trolley: '', bulb: '' };
  const loanHouseholds = [rng.pick(households), rng.pick(households), rng.pick(households)];
  const borrower = (h: HouseholdRow) => h.primary_name ?? `${h.room_code}住户`;
  schedule(at(firstMonday, 0, 1), async () => {
    const list = await container.loans.listItems(guard, estateId);
    items.trolley = list.find((i) => i.kind === 'trolley')?.id ?? '';
    items.bulb = list.find((i) => i.kind === 'bulb')?.id ?? '';
  });
  const loan = (
    lentAt: number,
    actor: Actor,
    kind: 'trolley' | 'bulb',
    h: HouseholdRow,
    backAfter?: number,
  ) => {
    const state = { id: '' };
    schedule(lentAt, async () => {
      const l = await container.loans.create(actor, {
        itemId: items[kind],
        householdId: h.id,
        borrowerName: borrower(h),
        note: kind === 'trolley' ? '搬运快递' : '应急借用',
      });
      state.id = l.id;
      summary.loans++;
    });
    if (backAfter !== undefined)
      schedule(lentAt + backAfter, async () => {
        await container.loans.return(actor, state.id, { condition: 'ok' });
      });
  };
  loan(at(addDays(today, -10), 10, 20), guard, 'trolley', loanHouseholds[0]!, 50 * MIN);
  loan(at(addDays(today, -12), 19, 5), tech, 'bulb', loanHouseholds[1]!, 2 * DAY);
  loan(at(addDays(today, -3), 15, 10), guard, 'trolley', loanHouseholds[2]!);

  // --- Agenda: the tick each Monday morning (closing last week, opening this one), then today.
  for (let w = 0; w < WEEKS; w++) {
    const monday = addDays(firstMonday, 7 * w);
    schedule(at(monday, 0, 5), async () => {
      await container.agenda.tick(estateId, monday);
      summary.ticks++;
    });
  }

  steps.sort((a, b) => a.at - b.at || a.seq - b.seq);
  for (const s of steps) {
    clock.set(new Date(s.at));
    await s.run();
  }

  // --- Today: the board (weather by the guard at the gate, a notice and a greeting line).
  clock.set(now);
  const [tMin, tMax] = WEATHER[Number(today.slice(5, 7)) - 1]!;
  for (const [i, date] of [today, addDays(today, 1)].entries()) {
    const [zh, en] = rng.pick(CONDITIONS);
    const min = tMin + rng.int(-2, 2) + i;
    await container.board.enterWeather(guard, estateId, date, {
      conditionZh: zh,
      conditionEn: en,
      tempMin: min,
      tempMax: Math.max(min + 4, tMax + rng.int(-2, 2)),
      precipitationChance: rng.int(0, 20),
      windZh: rng.pick(['北风 2-3级', '西北风 3-4级', '南风 1-2级']),
      windEn: 'Light wind',
    });
  }
  await container.board.createNotice(manager, estateId, {
    kind: 'notice',
    textZh: '明日上午9:00–11:00 2栋停水检修，请提前储水',
    textEn: 'Tomorrow 9:00–11:00: water off in building 2 for maintenance; please store some water',
    fromDate: today,
    toDate: addDays(today, 1),
  });
  await container.board.upsertGreeting(manager, estateId, {
    textZh: '绿苑是我家，管家在身边',
    textEn: 'Lvyuan is home; your butler is close by',
    active: true,
  });
  await container.agenda.tick(estateId, today);
  summary.ticks++;
  clock.set(now);
  return summary;
}
