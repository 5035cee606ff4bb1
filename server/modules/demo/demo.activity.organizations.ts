import type { CareAudience, OrganizationKind, OrgContactChannel } from '../../../contract/organizations.js';
import { addDays } from '../../lib/dates.js';
import type { Actor } from '../auth/index.js';
import { quarterOf, quarterSpan, shiftQuarter } from '../organizations/index.js';
import { type ActivityContext, Rng } from './demo.activity.timeline.js';

// Owners' organizations (C4) with members and a contact log over the eight weeks, and the
// seasonal care plan (C7): last quarter's table, copied into this quarter with one more item,
// partly done. Everything goes through the organizations module's services.

interface OrgPlan {
  name: string;
  kind: OrganizationKind;
  description: string;
  keeper: 'manager' | 'culture';
  place: string;
  time: string;
  members: number;
  roles: string[];
  contacts: {
    week: number;
    weekday: number;
    channel: OrgContactChannel;
    summary: string;
    followUp?: string;
  }[];
}

const ORGS: OrgPlan[] = [
  {
    name: '业主委员会',
    kind: 'owners_committee',
    description: '第三届业主委员会，每月与物业服务中心例会一次。',
    keeper: 'manager',
    place: '物业服务中心会议室',
    time: '每月第一个周二 19:00',
    members: 7,
    roles: ['主任', '副主任'],
    contacts: [
      { week: 0, weekday: 2, channel: 'meeting', summary: '月度例会：通报秋季绿化修剪计划和电梯年检安排。' },
      {
        week: 4,
        weekday: 2,
        channel: 'meeting',
        summary: '月度例会：业委会关心冬季供暖，提出 5 号楼楼道灯不亮。',
        followUp: '本周内修复 5 号楼楼道灯并回复业委会',
      },
      { week: 6, weekday: 4, channel: 'wechat', summary: '微信群里向主任发送 11 月服务月报。' },
    ],
  },
  {
    name: '老年协会',
    kind: 'elderly_association',
    description: '组织老人健步走、健康讲座，互相照应独居老人。',
    keeper: 'culture',
    place: '会所一楼活动室',
    time: '每周三 09:30',
    members: 12,
    roles: ['会长'],
    contacts: [
      { week: 1, weekday: 3, channel: 'event', summary: '重阳节茶话会，协会 30 余位老人参加。' },
      {
        week: 5,
        weekday: 3,
        channel: 'visit',
        summary: '拜访会长，了解到两位独居老人冬季取暖有困难。',
        followUp: '安排管家上门检查取暖设备',
      },
    ],
  },
  {
    name: '晨曦舞蹈队',
    kind: 'dance_team',
    description: '广场舞爱好者，傍晚在中心广场活动。',
    keeper: 'culture',
    place: '中心广场',
    time: '每天 19:00–20:30',
    members: 9,
    roles: ['队长'],
    contacts: [
      {
        week: 2,
        weekday: 5,
        channel: 'phone',
        summary: '与队长商量音响音量和结束时间，避免影响 3 号楼住户休息。',
      },
    ],
  },
  {
    name: '翰墨书画社',
    kind: 'calligraphy_painting',
    description: '书法、国画爱好者，春节前为邻里写春联。',
    keeper: 'manager',
    place: '会所二楼书画室',
    time: '每周六 14:00',
    members: 6,
    roles: ['社长'],
    contacts: [
      { week: 3, weekday: 6, channel: 'visit', summary: '参观书画社活动，商定春节写春联活动场地。' },
    ],
  },
];

interface CareSeed {
  title: string;
  audience: CareAudience;
  note?: string;
  owner: 'manager' | 'butler' | 'culture';
  /** Month of the quarter (0–2) and day. */
  month: number;
  day: number;
}

/** Last quarter's table; copied into this one, where the first ones get done. */
const CARE: CareSeed[] = [
  { title: '为独居老人检查取暖或降温设备', audience: 'elderly_alone', owner: 'butler', month: 0, day: 20 },
  { title: '高龄老人季度电话问候', audience: 'elderly', owner: 'culture', month: 1, day: 10 },
  { title: '为有幼儿的家庭检查插座防护', audience: 'small_children', owner: 'butler', month: 1, day: 25 },
  { title: '楼道扶手、防滑条检查', audience: 'all', owner: 'manager', month: 2, day: 15 },
];
const EXTRA: CareSeed = {
  title: '冬至为关怀住户送饺子',
  audience: 'care_flag',
  note: '独居老人、残障住户优先',
  owner: 'culture',
  month: 2,
  day: 21,
};

/** Plans the organizations, their members and contacts, and the care plans of two quarters. */
export function planOrganizations(ctx: ActivityContext): void {
  const { container, estateId, today, firstMonday, at, schedule, households, manager, butler } = ctx;
  const rng = new Rng((ctx.seed ?? 20261127) + 14);
  const cultureRow = [...ctx.staffById.values()].find((s) => s.username === 'culture');
  const culture: Actor = cultureRow ? ctx.actorOf(cultureRow) : manager;
  const who = { manager, culture, butler };

  // Members: distinct households per organization, drawn once at planning time (deterministic).
  const pool = [...households];
  const draw = (n: number) =>
    Array.from({ length: Math.min(n, pool.length) }, () => pool.splice(rng.int(0, pool.length - 1), 1)[0]!);

  ORGS.forEach((o, i) => {
    const members = draw(o.members);
    const org = { id: '' };
    schedule(at(firstMonday, 8, 30 + i), async () => {
      const created = await container.organizations.create(manager, estateId, {
        name: o.name,
        kind: o.kind,
        description: o.description,
        managerId: who[o.keeper].id,
        meetingPlace: o.place,
        meetingTime: o.time,
      });
      org.id = created.id;
      for (const [k, h] of members.entries())
        await container.organizations.addMember(who[o.keeper], org.id, {
          householdId: h.id,
          role: o.roles[k],
        });
    });
    for (const c of o.contacts) {
      const date = addDays(firstMonday, c.week * 7 + c.weekday - 1);
      if (date > today) continue;
      const state = { id: '', version: 1 };
      schedule(at(date, 10 + rng.int(0, 6), rng.int(0, 59)), async () => {
        const logged = await container.organizations.logContact(who[o.keeper], org.id, {
          channel: c.channel,
          summary: c.summary,
          followUp: c.followUp,
        });
        state.id = logged.id;
        state.version = logged.version;
      });
      // The committee's follow-up is done three days later; the association's is still open.
      const doneOn = addDays(date, 3);
      if (c.followUp && o.kind === 'owners_committee' && doneOn <= today)
        schedule(at(doneOn, 16), async () => {
          await container.organizations.updateContact(who[o.keeper], state.id, {
            version: state.version,
            followUpDone: true,
          });
        });
    }
  });

  // --- Care plan (C7): last quarter's table, then this quarter copied from it plus one item.
  const quarter = quarterOf(today);
  const previous = shiftQuarter(quarter, -1);
  const dateIn = (q: string, s: CareSeed) => {
    const start = quarterSpan(q).start;
    const month = Number(start.slice(5, 7)) + s.month;
    return `${start.slice(0, 4)}-${String(month).padStart(2, '0')}-${String(s.day).padStart(2, '0')}`;
  };
  const item = (q: string, s: CareSeed) => ({
    quarter: q,
    title: s.title,
    audience: s.audience,
    audienceNote: s.note,
    ownerId: who[s.owner].id,
    dueDate: dateIn(q, s),
  });
  schedule(at(firstMonday, 9), async () => {
    const last = await Promise.all(
      CARE.map((s) => container.carePlan.create(manager, estateId, item(previous, s))),
    );
    // Last quarter's items were all done by their due date.
    for (const [k, it] of last.entries())
      await container.carePlan.update(who[CARE[k]!.owner], it.id, {
        version: it.version,
        done: true,
        doneOn: [it.dueDate, today].sort()[0]!,
      });
    await container.carePlan.copy(manager, estateId, { from: previous, to: quarter });
    await container.carePlan.create(manager, estateId, item(quarter, EXTRA));
  });
  // This quarter: items due before today are done on their due day (when the window reaches it).
  for (const s of CARE) {
    const due = dateIn(quarter, s);
    if (due >= today || due < firstMonday) continue;
    schedule(at(due, 15, rng.int(0, 59)), async () => {
      const plan = await container.carePlan.get(manager, estateId, quarter);
      const it = plan.items.find((x) => x.title === s.title && !x.done);
      if (it) await container.carePlan.update(who[s.owner], it.id, { version: it.version, done: true });
    });
  }
}
