import type { Insertable } from 'kysely';
import type { Role } from '../../../contract/auth.js';
import type { TeamCode } from '../../../contract/estates.js';
import type { DB } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import type { SeedState } from './demo.estate.js';

// Demo staff: the demo logins (one per staff role), the roster of an estate's staff, and their
// account rows.

/** A demo login: one per staff role. */
export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
  team: TeamCode;
  position: string;
  skills?: string[];
}

/** The demo accounts, one per staff role; all but admin work in the first estate. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'admin', role: 'admin', displayName: '周立新', team: 'management', position: '系统管理员' },
  { username: 'manager', role: 'manager', displayName: '赵建国', team: 'management', position: '项目经理' },
  { username: 'butler', role: 'butler', displayName: '李晓燕', team: 'service', position: '楼栋管家' },
  { username: 'culture', role: 'culture', displayName: '陈思雨', team: 'service', position: '社区文化专员' },
  { username: 'guard', role: 'guard', displayName: '张磊', team: 'security', position: '安全员' },
  { username: 'squad', role: 'squad_leader', displayName: '刘海军', team: 'security', position: '班长' },
  {
    username: 'tech',
    role: 'technician',
    displayName: '王志刚',
    team: 'technical',
    position: '水电工',
    skills: ['水电', '电工', '管道疏通'],
  },
  { username: 'cleaner', role: 'cleaner', displayName: '孙桂芳', team: 'environment', position: '保洁员' },
  {
    username: 'supervisor',
    role: 'env_supervisor',
    displayName: '马丽娟',
    team: 'environment',
    position: '环境主管',
  },
];

/** Usernames of the demo accounts. */
export const DEMO_USERNAMES: readonly string[] = DEMO_ACCOUNTS.map((a) => a.username);

export interface StaffSlot {
  role: Role;
  team: TeamCode;
  position: string;
  femaleRate: number;
  youngRate: number;
  skills?: string[];
  demo?: string;
}

export function staffRoster(butlers: number): StaffSlot[] {
  const slots: StaffSlot[] = [
    {
      role: 'manager',
      team: 'management',
      position: '项目经理',
      femaleRate: 0.4,
      youngRate: 0.2,
      demo: 'manager',
    },
  ];
  for (let i = 0; i < butlers; i++) {
    slots.push({
      role: 'butler',
      team: 'service',
      position: '楼栋管家',
      femaleRate: 0.65,
      youngRate: 0.7,
      demo: i === 0 ? 'butler' : undefined,
    });
  }
  slots.push({
    role: 'culture',
    team: 'service',
    position: '社区文化专员',
    femaleRate: 0.7,
    youngRate: 0.8,
    demo: 'culture',
  });
  for (let i = 0; i < 3; i++) {
    slots.push({
      role: 'squad_leader',
      team: 'security',
      position: '班长',
      skills: ['便民服务', '助老'],
      femaleRate: 0.05,
      youngRate: 0.5,
      demo: i === 0 ? 'squad' : undefined,
    });
  }
  for (let i = 0; i < 8; i++) {
    slots.push({
      role: 'guard',
      team: 'security',
      position: '安全员',
      skills: ['便民服务'],
      femaleRate: 0.05,
      youngRate: 0.6,
      demo: i === 0 ? 'guard' : undefined,
    });
  }
  for (let i = 0; i < 2; i++) {
    slots.push({
      role: 'guard',
      team: 'security',
      position: '监控员',
      skills: ['监控', '便民服务'],
      femaleRate: 0.2,
      youngRate: 0.6,
    });
  }
  // Skills as staff write them; they match catalog categories through CATALOG_CATEGORIES
  // (水电 → plumbing and electrical, 门窗/木工 → carpentry, 综合维修 → general repair …).
  const techs: [string, string[], string | undefined][] = [
    ['水电工', ['水电', '电工', '管道疏通'], 'tech'],
    ['维修工', ['门窗', '木工', '综合维修'], undefined],
    ['弱电工', ['弱电', '门禁', '监控'], undefined],
    ['暖通工', ['暖通', '水暖', '空调'], undefined],
  ];
  for (const [position, skills, demo] of techs) {
    slots.push({
      role: 'technician',
      team: 'technical',
      position,
      skills,
      femaleRate: 0.03,
      youngRate: 0.4,
      demo,
    });
  }
  slots.push({
    role: 'env_supervisor',
    team: 'environment',
    position: '环境主管',
    skills: ['绿化', '消杀', '助老'],
    femaleRate: 0.5,
    youngRate: 0.3,
    demo: 'supervisor',
  });
  for (let i = 0; i < 5; i++) {
    slots.push({
      role: 'cleaner',
      team: 'environment',
      position: '保洁员',
      skills: ['便民服务', '助老'],
      femaleRate: 0.75,
      youngRate: 0,
      demo: i === 0 ? 'cleaner' : undefined,
    });
  }
  for (let i = 0; i < 2; i++) {
    slots.push({
      role: 'cleaner',
      team: 'environment',
      position: '绿化员',
      skills: ['绿化', '园艺', '消杀'],
      femaleRate: 0.4,
      youngRate: 0.2,
    });
  }
  return slots;
}

export function accountRow(
  state: SeedState,
  a: { username: string | null; phone: string; displayName: string; role: Role; passwordHash: string | null },
): Insertable<DB['accounts']> {
  return {
    id: newId(),
    username: a.username,
    phone: a.phone,
    display_name: a.displayName,
    role: a.role,
    password_hash: a.passwordHash,
    status: 'active',
    failed_logins: 0,
    locked_until: null,
    password_changed_at: a.passwordHash ? state.nowIso : null,
    last_login_at: null,
    version: 1,
    created_at: state.nowIso,
    updated_at: state.nowIso,
    created_by: null,
  };
}

/** A readable username from a name's pinyin (zhangwei, zhangwei2 …). */
export function pinyinUsername(pinyin: string, used: Set<string>): string {
  let name = pinyin;
  for (let i = 2; used.has(name); i++) name = `${pinyin}${i}`;
  used.add(name);
  return name;
}
