import type { Container } from '../../container.js';
import { addDays } from '../../lib/dates.js';
import type { Actor } from '../auth/index.js';
import { type ActivityContext, type HouseholdRow, WEEKS } from './demo.activity.timeline.js';
import { HOBBIES } from './demo.vocabulary.js';

// Demo visits (E1 by the environment supervisor and the manager, S4 advisory visits by the squad
// leaders, butlers' routine visits) and the squad leaders' loyal groups (S5) with their contacts.

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

/** Plans the visits and the loyal groups; loyal groups take households nobody else visits. */
export function planVisits(ctx: ActivityContext): void {
  const { container, estateId, rng, today, firstMonday, at, schedule, summary, households } = ctx;
  const { manager, supervisor, butler, squadLeaders, butlers, butlerBuildings } = ctx;
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
}
