// Data for the demo estate generator: what households are like — interests, skills, tags, family
// words, contact hours, notes, Beijing plates, pets — and the demo estates. People's names are in
// demo.names.ts.
import type { Generation, Weighted } from './demo.names.js';

/** Hobbies by generation (爱好), as collected on the butlers' visit form (C3). */
export const HOBBIES: Record<Generation, readonly string[]> = {
  elder: [
    '书法',
    '太极拳',
    '广场舞',
    '钓鱼',
    '园艺',
    '象棋',
    '京剧',
    '养花',
    '唱歌',
    '乒乓球',
    '散步',
    '二胡',
    '剪纸',
    '手工编织',
    '门球',
    '收藏',
    '下围棋',
    '烹饪',
  ],
  middle: [
    '摄影',
    '钓鱼',
    '羽毛球',
    '乒乓球',
    '烹饪',
    '跑步',
    '游泳',
    '旅游',
    '读书',
    '茶艺',
    '登山',
    '骑行',
    '广场舞',
    '唱歌',
    '瑜伽',
    '园艺',
    '象棋',
    '书法',
  ],
  young: [
    '健身',
    '篮球',
    '足球',
    '跑步',
    '摄影',
    '烘焙',
    '瑜伽',
    '游泳',
    '旅游',
    '读书',
    '电子竞技',
    '骑行',
    '吉他',
    '绘画',
    '羽毛球',
    '露营',
    '唱歌',
    '烹饪',
  ],
};

/** Skills (特长) a resident might share with neighbours or the community culture specialist. */
export const SKILLS: Weighted<string> = [
  ['电工', 6],
  ['水暖维修', 4],
  ['中医推拿', 4],
  ['钢琴', 5],
  ['英语', 8],
  ['法律咨询', 4],
  ['会计', 5],
  ['绘画', 5],
  ['书法', 5],
  ['厨艺', 6],
  ['摄影', 4],
  ['心理咨询', 2],
  ['护理', 3],
  ['电脑维修', 4],
  ['教学辅导', 5],
  ['舞蹈', 4],
  ['急救', 2],
  ['木工', 2],
  ['日语', 2],
  ['小提琴', 2],
  ['理发', 2],
  ['园艺', 3],
  ['编程', 4],
];

/** Tags staff put on an archive. */
export const TAGS: Weighted<string> = [
  ['热心业主', 10],
  ['志愿者', 8],
  ['楼门长', 3],
  ['业委会委员', 1],
  ['党员', 6],
  ['退休教师', 3],
  ['退役军人', 2],
  ['老业主', 8],
  ['忠诚客户', 5],
  ['意见领袖', 2],
  ['常出差', 4],
  ['早出晚归', 5],
  ['喜欢参加社区活动', 6],
  ['关注环境卫生', 3],
  ['关注停车', 3],
];

/** Family structures (家庭结构) as staff write them. */
export const FAMILY_STRUCTURES = [
  '三口之家',
  '四口之家',
  '三代同堂',
  '老两口',
  '单身',
  '丁克',
  '小两口',
  '独居老人',
  '单亲家庭',
  '合租',
] as const;
export type FamilyStructure = (typeof FAMILY_STRUCTURES)[number];

/** Relations of a member to the primary member (与户主关系). */
export const RELATIONS = [
  '本人',
  '配偶',
  '儿子',
  '女儿',
  '儿媳',
  '女婿',
  '父亲',
  '母亲',
  '孙子',
  '孙女',
  '租客',
  '房东',
] as const;
export type Relation = (typeof RELATIONS)[number];

/** When residents prefer to be contacted. */
export const PREFERRED_HOURS: Weighted<string> = [
  ['工作日晚上', 20],
  ['周末', 14],
  ['09:00-11:30', 14],
  ['14:00-17:00', 10],
  ['18:30-21:00', 16],
  ['上午', 10],
  ['随时', 8],
  ['中午12点后', 4],
];

/** Short notes a butler might leave on an archive (nothing sensitive). */
export const HOUSEHOLD_NOTES = [
  '白天家中常无人，快递请放前台',
  '习惯晚上8点后联系',
  '对装修噪音较敏感',
  '愿意参加社区志愿活动',
  '喜欢参加社区文化活动',
  '有意向参加业主篮球队',
  '希望增加小区充电桩',
  '建议单元门口加装扶手',
  '家中常有亲友来访',
  '电话联系前请先发微信',
];

/**
 * Beijing plate letters after 京 (B is taxis; I and O are never used). A, N, P, Q, E, F, G, H, J, K, L, M
 * are private cars; Y is the outer districts.
 */
export const PLATE_PREFIXES: Weighted<string> = [
  ['A', 10],
  ['N', 14],
  ['P', 12],
  ['Q', 12],
  ['E', 8],
  ['F', 8],
  ['G', 6],
  ['H', 6],
  ['J', 6],
  ['K', 5],
  ['L', 5],
  ['M', 5],
  ['C', 3],
  ['Y', 2],
];

/** Letters that may appear inside a plate's serial (no I or O). */
export const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** Dog and cat names. */
export const DOG_NAMES = [
  '旺财',
  '豆豆',
  '球球',
  '毛毛',
  '乐乐',
  '小白',
  '大黄',
  '可乐',
  '糖糖',
  '布丁',
  '团团',
  '多多',
  '果果',
  '笨笨',
  '黑子',
  '花花',
  '奶茶',
  '芒果',
  '来福',
  '贝贝',
  'Lucky',
  'Coco',
  'Max',
];
export const CAT_NAMES = [
  '咪咪',
  '小花',
  '橘子',
  '雪球',
  '煤球',
  '年糕',
  '汤圆',
  '咖啡',
  '花卷',
  '胖虎',
  '大橘',
  '妞妞',
  '点点',
  '奥利奥',
  'Kitty',
];
export const OTHER_PETS: readonly (readonly [string, string])[] = [
  ['鹦鹉', '虎皮鹦鹉'],
  ['乌龟', '巴西龟'],
  ['兔子', '垂耳兔'],
  ['仓鼠', '金丝熊'],
];
export const DOG_NOTES = ['已绝育', '性格温顺', '见人会叫', '怕生', '已办犬证', '每天早晚遛狗'];
export const CAT_NOTES = ['已绝育', '室内散养', '怕生'];

/** Estates seeded by the demo, in order; further estates get generic names. */
export const DEMO_ESTATES = [
  {
    code: 'lvyuan',
    name: '绿苑小区',
    nameEn: 'Lvyuan Garden',
    address: '北京市朝阳区望京街道绿苑路18号',
    builtYear: 2008,
  },
  {
    code: 'jinxiu',
    name: '锦绣家园',
    nameEn: 'Jinxiu Homes',
    address: '北京市海淀区西三旗街道锦绣路6号',
    builtYear: 2012,
  },
  {
    code: 'hexiang',
    name: '和祥苑',
    nameEn: 'Hexiang Court',
    address: '北京市丰台区方庄街道和祥南里3号',
    builtYear: 2004,
  },
  {
    code: 'yayuan',
    name: '雅园小区',
    nameEn: 'Yayuan Residence',
    address: '北京市昌平区回龙观街道雅园东路9号',
    builtYear: 2015,
  },
] as const;
