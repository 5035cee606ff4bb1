import type { Role } from '../../../contract/auth.js';
import type { ActionTime, CommitmentConfig, PlanStageCode } from '../../../contract/plan.js';

/**
 * The default service plan: section 11 (物业创新管理思路) of the tender, the "五步一法" service
 * innovation action plan of the four teams, transcribed from the source document
 * (seed/000_df812b4a378cf6b2.txt, a PDF extraction whose lines are duplicated and out of order).
 *
 * Transcription rules: the measure, purpose and key-point cells are kept as written (the
 * original's typos such as 物质 for 物资 included); the row numbers (1、 2.) and the PDF's
 * duplicated fragments are dropped; ASCII punctuation left by the extraction is restored to
 * full-width Chinese punctuation. Where the technical team's cells are labelled 目的/要点 they
 * fill purpose/keyPoints; elsewhere the single cell is the purpose, and an explicit "实施:" or
 * bracketed instruction becomes the key point. `sourceNote` says where a row had to be
 * reconstructed; the codes follow PLAN.md (stable references used in issues).
 */

export interface DefaultStage {
  code: PlanStageCode;
  order: number;
  name: string;
  nameEn: string;
  description: string;
  descriptionEn: string;
}

/** The six stages of 五步一法, along the customer journey. */
export const PLAN_STAGE_LIST: DefaultStage[] = [
  {
    code: 'know',
    order: 1,
    name: '认识客户',
    nameEn: 'Know the customer',
    description: '认识住在这里的人',
    descriptionEn: 'Get to know who lives here',
  },
  {
    code: 'learn',
    order: 2,
    name: '了解客户',
    nameEn: 'Learn about the customer',
    description: '了解客户的需求、习惯和家庭',
    descriptionEn: 'Learn their needs, habits and family',
  },
  {
    code: 'understand',
    order: 3,
    name: '理解客户',
    nameEn: 'Understand the customer',
    description: '理解客户的难处与矛盾',
    descriptionEn: 'Understand their problems and conflicts',
  },
  {
    code: 'help',
    order: 4,
    name: '帮助客户',
    nameEn: 'Help the customer',
    description: '提供具体的帮助和服务',
    descriptionEn: 'Give concrete help and services',
  },
  {
    code: 'move',
    order: 5,
    name: '感动客户',
    nameEn: 'Move the customer',
    description: '合同之外的关怀',
    descriptionEn: 'Care beyond the contract',
  },
  {
    code: 'fulfil',
    order: 6,
    name: '成就客户',
    nameEn: 'Fulfil the customer',
    description: '忠诚与社区认同',
    descriptionEn: 'Loyalty and pride in the community',
  },
];

/** The four teams of the plan, in the source's order (安全组, 客服组, 环境绿化组, 技术组). */
export const PLAN_TEAM_ORDER = ['security', 'service', 'environment', 'technical', 'management'] as const;
export type PlanTeam = (typeof PLAN_TEAM_ORDER)[number];

export interface DefaultMeasure {
  code: string;
  team: PlanTeam;
  stage: PlanStageCode;
  /** Roles the text names as the ones doing it (managers in C4 and E1, squad leaders in S4 …). */
  roles: Role[];
  textZh: string;
  textEn: string;
  purposeZh: string | null;
  purposeEn: string | null;
  keyPointsZh: string | null;
  keyPointsEn: string | null;
  actionTime: ActionTime;
  /** false: the source says not to promise it publicly (不对外承诺). */
  public: boolean;
  /** How the row was reconstructed where the extraction was not plain. */
  sourceNote?: string;
}

/** Fields a row may leave out: no purpose or key point, no named roles, public, from entry. */
type Defaulted =
  | 'purposeZh'
  | 'purposeEn'
  | 'keyPointsZh'
  | 'keyPointsEn'
  | 'roles'
  | 'public'
  | 'actionTime';
type M = Omit<DefaultMeasure, Defaulted> & Partial<Pick<DefaultMeasure, Defaulted>>;

function m(x: M): DefaultMeasure {
  return {
    roles: [],
    purposeZh: null,
    purposeEn: null,
    keyPointsZh: null,
    keyPointsEn: null,
    actionTime: 'on_entry',
    public: true,
    ...x,
  };
}

const MOVE_PURPOSE_ZH = '换下冷漠，充满热情，感觉温暖';
const MOVE_PURPOSE_EN = 'Replace indifference with warmth, so residents feel cared for';
const E12_NOTE =
  'In the source this line follows E12 in the same 感动客户 row, unnumbered and ended by a semicolon; kept as its own measure as in PLAN.md, sharing E12’s purpose.';

/** Every measure of the source document, team by team. */
export const DEFAULT_MEASURES: DefaultMeasure[] = [
  // 安全组 — security
  m({
    code: 'S1',
    team: 'security',
    stage: 'know',
    textZh: '训练，培训在小区内',
    textEn: 'Hold guard training and drills inside the estate',
    purposeZh: '提高安全员在小区的威慑力，塑造良好形象',
    purposeEn: "Raise the guards' visible deterrence in the estate and build a good image",
  }),
  m({
    code: 'S2',
    team: 'security',
    stage: 'know',
    textZh: '每半年对住户居家报警，天然气使用，铁栏杆，门窗的安全隐患进行检查及讲解',
    textEn:
      "Every half year, check each home's alarm, gas use, iron railings, doors and windows for safety hazards, and explain them to the residents",
    purposeZh: '让业主提高安全防范意识',
    purposeEn: "Raise residents' safety awareness",
  }),
  m({
    code: 'S3',
    team: 'security',
    stage: 'learn',
    roles: ['guard'],
    textZh: '安全员对装修户业主及装修人员讲解装修时安全注意事项',
    textEn: 'Guards brief renovating owners and their workers on the safety precautions of renovation',
    purposeZh: '帮助业主提高对注意事项的了解',
    purposeEn: 'Help owners understand the precautions better',
  }),
  m({
    code: 'S4',
    team: 'security',
    stage: 'learn',
    roles: ['squad_leader'],
    textZh: '班长级人员对业主实行每月一户顾问团走访',
    textEn: 'Squad-leader-level staff make one advisory (顾问团) home visit a month',
    purposeZh: '收集客户的信息',
    purposeEn: 'Collect information about the customers',
  }),
  m({
    code: 'S5',
    team: 'security',
    stage: 'learn',
    roles: ['squad_leader'],
    textZh: '每个班长必须建立10户忠诚客户群体',
    textEn: 'Every squad leader must build a group of 10 loyal households',
    purposeZh: '增强安全员与客户业主之间的忠诚度',
    purposeEn: 'Strengthen loyalty between the guards and the residents',
  }),
  m({
    code: 'S6',
    team: 'security',
    stage: 'understand',
    textZh: '物质搬运放行条在岗位上办理',
    textEn: 'Issue release passes for moving goods out at the gate post itself',
    purposeZh: '减少业主与安全岗位的冲突',
    purposeEn: 'Fewer conflicts between residents and the guard posts',
  }),
  m({
    code: 'S7',
    team: 'security',
    stage: 'understand',
    textZh: '狗在小区必须牵养',
    textEn: 'Dogs must be kept on a leash in the estate',
    purposeZh: '避免狗在小区伤人',
    purposeEn: 'Prevent dogs from hurting people in the estate',
  }),
  m({
    code: 'S8',
    team: 'security',
    stage: 'help',
    roles: ['guard'],
    textZh: '24小时安全员帮业主叫出租车',
    textEn: 'Guards call a taxi for residents, 24 hours a day',
    purposeZh: '为业主提供力所能及的帮助',
    purposeEn: 'Help residents in every way we can',
  }),
  m({
    code: 'S9',
    team: 'security',
    stage: 'help',
    textZh: '项目各主要出入口岗为业主提供便民小推车',
    textEn: 'The posts at every main entrance lend residents convenience trolleys',
    purposeZh: '让业主更方便',
    purposeEn: 'Make life easier for residents',
    sourceNote:
      'The row reads 项目各主要出入口岗为业主提供便民小推车 | 让业主更方便 | 中标进场实施 | 安全组: from entry, not 长年 as PLAN.md says.',
  }),
  m({
    code: 'S10',
    team: 'security',
    stage: 'help',
    roles: ['guard'],
    textZh: '安全员在发现业主拎着重物时提供帮助',
    textEn: 'Guards help residents they see carrying heavy things',
    purposeZh: '为业主提供力所能及的帮助',
    purposeEn: 'Help residents in every way we can',
    actionTime: 'all_year',
    sourceNote:
      'The measure ends a page without its other cells; the next page opens with the orphan cells 为业主提供力所能及的帮助 | 长年 | 安全组, the only 长年 in the document.',
  }),
  m({
    code: 'S11',
    team: 'security',
    stage: 'move',
    textZh: '各主要出入口为业主提供天气预报、车辆限号提醒',
    textEn: 'Weather forecasts and vehicle plate-restriction reminders at every main entrance',
    purposeZh: '让业主第一时间了解出行天气及车辆限号提醒',
    purposeEn: 'Residents know the weather and the day’s plate restriction before they set out',
  }),

  // 客服组 — customer service
  m({
    code: 'C1',
    team: 'service',
    stage: 'know',
    textZh: '提高客户前台服务质量、服务态度专题会，并按计划实施、落实',
    textEn:
      'Hold focused meetings on front-desk service quality and attitude, and carry out and follow through the resulting plan',
    purposeZh: '真正做到“全心全意全为您”',
    purposeEn: 'Truly live up to "wholeheartedly, all for you" (全心全意全为您)',
  }),
  m({
    code: 'C2',
    team: 'service',
    stage: 'know',
    textZh: '将客户九条沟通渠道、物业服务中心的各班组情况介绍制成小宣传单，客户走访时送给业主',
    textEn:
      "Make a small flyer of the customers' nine communication channels and an introduction to the service center's teams, and hand it to residents on visits",
    purposeZh: '让业主充分了解我们',
    purposeEn: 'Residents know us well',
  }),
  m({
    code: 'C3',
    team: 'service',
    stage: 'learn',
    roles: ['butler', 'culture'],
    textZh: '贴心管家、社区文化专员根据客户走访表收集业主爱好、特长等信息',
    textEn:
      "Butlers and the community culture specialist collect residents' hobbies, skills and similar information with the visit form (客户走访表)",
    purposeZh: '全面了解业主',
    purposeEn: 'Know every resident fully',
  }),
  m({
    code: 'C4',
    team: 'service',
    stage: 'learn',
    roles: ['manager'],
    textZh: '每位管理人员与小区的一业主组织、协会保持密切联系',
    textEn: "Each manager keeps close contact with one of the estate's owners' organizations or associations",
    purposeZh: '了解业主的各类组织',
    purposeEn: "Know the residents' organizations",
  }),
  m({
    code: 'C5',
    team: 'service',
    stage: 'understand',
    textZh: '做好投诉处理的及时性、和处理满意度',
    textEn: 'Handle complaints promptly and to the complainant’s satisfaction',
    purposeZh: '让投诉的业主满意',
    purposeEn: 'Residents who complain end up satisfied',
  }),
  m({
    code: 'C6',
    team: 'service',
    stage: 'understand',
    textZh: '做好业主的纠纷案的处理',
    textEn: 'Handle disputes between residents well',
    purposeZh: '不让业主在纠纷中感到无依无靠',
    purposeEn: 'No resident feels alone and unsupported in a dispute',
  }),
  m({
    code: 'C7',
    team: 'service',
    stage: 'help',
    textZh: '关注生活中的点点滴滴，按时季制定计划表格，为业主做力所能及的事',
    textEn:
      'Pay attention to the small things of daily life: draw up a plan table by season and do for residents what we can',
    purposeZh: '从点滴上关心业主',
    purposeEn: 'Care for residents in the details',
  }),
  m({
    code: 'C8',
    team: 'service',
    stage: 'help',
    textZh: '利用“项目贴心管家”在投诉论坛发表各类温馨提示',
    textEn:
      'Post all kinds of warm tips on the complaint forum under the "project butler" (项目贴心管家) account',
    purposeZh: '让关爱无处不在',
    purposeEn: 'Care is everywhere',
  }),
  m({
    code: 'C9',
    team: 'service',
    stage: 'move',
    textZh: '利用短信问候节日中的业主',
    textEn: 'Send residents SMS greetings on festivals',
    purposeZh: '业主在节日中感到物业服务中心的好意',
    purposeEn: "Residents feel the service center's goodwill on festivals",
  }),
  m({
    code: 'C10',
    team: 'service',
    stage: 'move',
    textZh: '利用社会资源，组织开展业主关心的活动',
    textEn: 'Use community resources to organize activities residents care about',
    purposeZh: '让业主在关心的问题上得到帮助',
    purposeEn: 'Residents get help with the things they care about',
  }),

  // 环境绿化组 — environment & greening
  m({
    code: 'E1',
    team: 'environment',
    stage: 'know',
    roles: ['env_supervisor', 'manager'],
    textZh: '主管以上人员每人每周走访2户',
    textEn: 'Supervisors and above each visit 2 households a week',
    purposeZh: '岗位上建立家庭档案',
    purposeEn: 'Build the household archives (家庭档案) at each post',
    sourceNote:
      'The source reads "行以上人员每人每周走访2户": the first characters are lost in the extraction; 主管 (supervisor) restored as PLAN.md reads it.',
  }),
  m({
    code: 'E2',
    team: 'environment',
    stage: 'know',
    textZh: '班员进一步深化BI',
    textEn: 'Team members further deepen the BI (behaviour identity: the standards of staff conduct)',
    purposeZh: '客户接触点具体化',
    purposeEn: 'Make every customer touchpoint concrete',
    sourceNote: 'BI is behaviour identity (行为识别) of a corporate identity system, not only the brand.',
  }),
  m({
    code: 'E3',
    team: 'environment',
    stage: 'learn',
    textZh: '收集信息',
    textEn: 'Collect information',
    purposeZh: '掌握单元、院内入住情况、家庭结构、特殊客户的爱好、特长',
    purposeEn:
      "Know the occupancy of each unit and courtyard, family structures, and special residents' hobbies and skills",
  }),
  m({
    code: 'E4',
    team: 'environment',
    stage: 'understand',
    textZh: '现场工作人员首先无条件接受客户求助、后进一步处理',
    textEn:
      'Any worker on site first accepts a resident’s request for help unconditionally, then takes it further (first-contact responsibility)',
    purposeZh: '换位思考，及时反馈，排忧解难、举一反三',
    purposeEn:
      "See it from the resident's side, report back promptly, solve the problem, and learn from each case for similar ones",
  }),
  m({
    code: 'E5',
    team: 'environment',
    stage: 'understand',
    textZh: '工作“零打扰”或“看得见”',
    textEn: 'Work with "zero disturbance", or "visibly"',
    sourceNote: 'No purpose is given in the source.',
  }),
  m({
    code: 'E6',
    team: 'environment',
    stage: 'help',
    textZh: '绿化顾问帮助',
    textEn: 'Greening advisor help',
    purposeZh: '专业支持，拉近距离',
    purposeEn: 'Professional support that brings us closer to residents',
    keyPointsZh: '根据季节情况和客户室内绿化布置情况，主动询问并帮助',
    keyPointsEn: "By season and by the resident's indoor plants, ask and help without being asked",
  }),
  m({
    code: 'E7',
    team: 'environment',
    stage: 'help',
    textZh: '家庭消杀顾问帮助',
    textEn: 'Household pest-control advisor help',
    sourceNote: 'No purpose of its own in the source.',
  }),
  m({
    code: 'E8',
    team: 'environment',
    stage: 'help',
    textZh: '一线员工提供生活便利帮助',
    textEn: 'Front-line staff make daily life easier',
    purposeZh: '搀扶老人、提东西、出差家里关闭水、电、气得安全提示',
    purposeEn:
      'Support the elderly, carry things, and remind residents leaving on a trip to shut off water, power and gas',
    keyPointsZh: '根据客户出行时间规律，提供相应帮助',
    keyPointsEn: "Give the help that fits each resident's travel pattern",
  }),
  m({
    code: 'E9',
    team: 'environment',
    stage: 'help',
    roles: ['cleaner'],
    textZh: '打门铃提醒客户取奶、报等',
    textEn: 'Ring the doorbell to remind residents to take in their milk, newspapers and the like',
    purposeZh: '细心观察，贴心服务',
    purposeEn: 'Observe carefully, serve thoughtfully',
    keyPointsZh: '按照岗位特点，对楼内保洁提出该工作内容要求',
    keyPointsEn: 'Make this part of the in-building cleaners’ duties, as fits their posts',
  }),
  m({
    code: 'E10',
    team: 'environment',
    stage: 'move',
    textZh: '特殊业主的温馨提示，如风湿病、高血压的易发季节提示',
    textEn: 'Warm reminders for special residents, e.g. when the rheumatism and hypertension seasons come',
    purposeZh: '专业支持，态度友善',
    purposeEn: 'Professional support, friendly manner',
    sourceNote:
      'Numbered 2. after 感动客户 1. (E12) and placed just before 成就客户; 帮助客户 already runs 1.–4. (E6–E9). PLAN.md puts it under 帮助客户.',
  }),
  m({
    code: 'E11',
    team: 'environment',
    stage: 'move',
    textZh: '绿化养护专业知识提示',
    textEn: 'Tips on professional plant care',
    purposeZh: '专业支持，态度友善',
    purposeEn: 'Professional support, friendly manner',
    sourceNote: 'Numbered 3. in the same 感动客户 rows as E10. PLAN.md puts it under 帮助客户.',
  }),
  m({
    code: 'E12',
    team: 'environment',
    stage: 'move',
    textZh: '发动员工在节日对客户“特殊问候”',
    textEn: 'Get every employee to give residents a "special greeting" on festivals',
    purposeZh: MOVE_PURPOSE_ZH,
    purposeEn: MOVE_PURPOSE_EN,
  }),
  m({
    code: 'E13',
    team: 'environment',
    stage: 'move',
    textZh: '风雪、雨天坚持户外作业',
    textEn: 'Keep up outdoor work in wind, snow and rain',
    purposeZh: MOVE_PURPOSE_ZH,
    purposeEn: MOVE_PURPOSE_EN,
    sourceNote: E12_NOTE,
  }),
  m({
    code: 'E14',
    team: 'environment',
    stage: 'move',
    textZh: '根据业主家庭档案掌握住户家庭情况，给予其增值服务',
    textEn: "Know each household's situation from its household archive and give it value-added services",
    purposeZh: MOVE_PURPOSE_ZH,
    purposeEn: MOVE_PURPOSE_EN,
    sourceNote: E12_NOTE,
  }),
  m({
    code: 'E15',
    team: 'environment',
    stage: 'move',
    textZh: '对给予帮助过的客户进行回访追踪',
    textEn: 'Follow up with a revisit every resident we have helped',
    purposeZh: MOVE_PURPOSE_ZH,
    purposeEn: MOVE_PURPOSE_EN,
    sourceNote: E12_NOTE,
  }),
  m({
    code: 'E16',
    team: 'environment',
    stage: 'fulfil',
    textZh: '出门有问候',
    textEn: 'A greeting whenever a resident goes out',
    purposeZh: '感觉项目“满园春色”',
    purposeEn: 'Residents feel the estate is "a garden full of spring" (满园春色)',
  }),
  m({
    code: 'E17',
    team: 'environment',
    stage: 'fulfil',
    textZh: '主动沟通，全员参与',
    textEn: 'Communicate proactively; every employee takes part',
    purposeZh: '赢得客户忠诚',
    purposeEn: "Win the residents' loyalty",
  }),

  // 技术组 — technical / home repair
  m({
    code: 'T1',
    team: 'technical',
    stage: 'know',
    textZh: '装修手续现场办理',
    textEn: "Handle renovation formalities on site, at the resident's home",
    purposeZh: '解决业主装修前对房屋不了解对物业管理的要求不了解以及装修过程中的疑问',
    purposeEn:
      "Resolve what owners do not know about the home and the management's rules before renovating, and their questions during the work",
    keyPointsZh: '一站服务到位，不用业主往返家里和客服前台',
    keyPointsEn: 'One-stop service: owners need not go back and forth between home and the front desk',
  }),
  m({
    code: 'T2',
    team: 'technical',
    stage: 'know',
    textZh: '继续开展设备房开放日',
    textEn: 'Keep holding equipment-room open days',
    purposeZh: '让业主了解技术组的工作，让技术组人员了解客户对技术服务工作的需求',
    purposeEn:
      "Residents see the technical team's work; the technical staff learn what residents need from technical services",
    keyPointsZh: '接待人员要专业',
    keyPointsEn: 'The hosts must be professional',
  }),
  m({
    code: 'T3',
    team: 'technical',
    stage: 'learn',
    roles: ['technician'],
    textZh: '家政维修人员携带服务监督卡',
    textEn: 'Home-repair staff carry a service supervision card (服务监督卡)',
    purposeZh: '通过业主对监督卡上的内容评分了解客户的期望值；通过监督卡上的意见了解客户对家政维修的需求',
    purposeEn:
      "Learn residents' expectations from the scores they give on the card, and their home-repair needs from the comments on it",
    keyPointsZh: '要及时给于提出意见的客户进行反馈',
    keyPointsEn: 'Reply promptly to every resident who left a comment',
  }),
  m({
    code: 'T4',
    team: 'technical',
    stage: 'learn',
    textZh: '家政维修上门回访',
    textEn: 'Home visits after home repairs',
    purposeZh: '对服务评价较低的客户进行上门回访',
    purposeEn: 'Visit at home the residents who rated the service low',
    keyPointsZh: '上门回访前要做好对评分低的分析和可实施的调整措施',
    keyPointsEn: 'Before the visit, analyse the low score and prepare adjustments that can be carried out',
  }),
  m({
    code: 'T5',
    team: 'technical',
    stage: 'understand',
    textZh: '协助处理房屋工程遗留问题',
    textEn: 'Help with construction defects left by the developer',
    purposeZh: '对房屋遗留的工程问题，在工作量小，占用时间少，不需另外费用的情况下帮客户解决和处理完毕',
    purposeEn:
      'Fix leftover construction defects for residents when the work is small, quick and needs no extra cost',
    keyPointsZh: '不要再区分责任单位、保修与否等问题，在可控范围内快速解决',
    keyPointsEn:
      'Do not argue about who is responsible or whether the warranty applies; solve it quickly within what we control',
  }),
  m({
    code: 'T6',
    team: 'technical',
    stage: 'understand',
    textZh: '居家维修更及时，增加跟踪回访时间',
    textEn: 'Faster home repairs, and a later follow-up revisit',
    purposeZh:
      '在居家服务需求高的时段，合理调配维修人员提高服务的及时性，对提供服务的客户在一个月后再次进行一次回访',
    purposeEn:
      'Schedule repair staff to the peak hours of home-service demand to be more timely, and revisit every served resident once more a month later',
    keyPointsZh: '提供服务的记录要完整准确，备用家政维修人员工具配件要齐全',
    keyPointsEn: 'Service records complete and accurate; the standby repair staff’s tools and parts complete',
  }),
  m({
    code: 'T7',
    team: 'technical',
    stage: 'understand',
    textZh: '帮助客户处理日常小问题，预防大问题',
    textEn: 'Help residents with small daily problems to prevent big ones',
    purposeZh: '帮助客户处理日常小问题，预防大问题',
    purposeEn: 'Help residents with small daily problems to prevent big ones',
    keyPointsZh: '要重点关注老人、女业主和特殊电器以及安全隐患大的方面',
    keyPointsEn: 'Focus on the elderly, women owners, special appliances and the points of high safety risk',
    sourceNote: 'The measure cell is missing in the source; the measure is named after its purpose (目的).',
  }),
  m({
    code: 'T8',
    team: 'technical',
    stage: 'help',
    roles: ['technician'],
    textZh: '家政维修增加固定的增值服务',
    textEn: 'Add fixed value-added services to home repair',
    purposeZh: '对原先的家政维修增值服务进行明确化、固定化',
    purposeEn: 'Make the existing value-added home-repair services explicit and fixed',
    keyPointsZh: '家政人员要配置相应的硬件工具并培训',
    keyPointsEn: 'Equip the home-repair staff with the right tools and train them',
  }),
  m({
    code: 'T9',
    team: 'technical',
    stage: 'help',
    public: false,
    textZh: '提供备件供临时代用',
    textEn: 'Lend spare parts for temporary use',
    purposeZh: '为业主免费提供灯泡、接线板、水管等备用物质，供临时紧急使用',
    purposeEn:
      'Give residents bulbs, power strips, water hoses and similar spares free of charge for emergencies',
    keyPointsZh: '要及时，事前要说明清楚，不需要对外承诺',
    keyPointsEn: 'Be quick, explain the terms beforehand; not promised publicly',
  }),
  m({
    code: 'T10',
    team: 'technical',
    stage: 'help',
    textZh: '按季节变化给客户提供水、电、气、家电等使用常识维护常识和技巧的提示',
    textEn: 'Seasonal tips on using and maintaining water, power, gas and home appliances',
    sourceNote:
      'The last line of the document: purpose, action time and team are cut off. Team from the table it is in; action time 中标进场实施 like every other technical row (PLAN.md reads 长年, which only follows this line where the duplicated copy begins).',
  }),
  m({
    code: 'T11',
    team: 'technical',
    stage: 'move',
    public: false,
    textZh: '对部分家政维修内容免费提供',
    textEn: 'Some home repairs free of charge',
    purposeZh:
      '对维修项目非常紧急，对客户生活影响较大，维修成本极小，耗时短的维修实行免费提供。如晚上换灯泡，简单的马桶疏通等',
    purposeEn:
      'Repairs that are very urgent, weigh heavily on daily life, cost very little and take little time are free: e.g. changing a bulb at night, simple toilet unblocking',
    keyPointsZh: '要制定免单的内容明确制定清单，不对外承诺',
    keyPointsEn: 'Keep an explicit internal list of what is free; not promised publicly',
    sourceNote: 'The key point (要点) appears in the extraction next to T5; it names 免单 and belongs here.',
  }),
];

export interface DefaultCommitment {
  /** Stable key per estate (seeding is idempotent on it). */
  code: string;
  measureCode: string;
  config: CommitmentConfig;
  target: number;
}

/**
 * The machine-checked promises of the default plan. Targets are the source's numbers where it
 * gives them (2 a week, 1 a month, 10 households, every half year, a month later); 48 hours and
 * 7 days are our defaults for "promptly" (T4, E15), editable per estate.
 */
export const DEFAULT_COMMITMENTS: DefaultCommitment[] = [
  {
    code: 'E1.visits',
    measureCode: 'E1',
    config: {
      kind: 'quota',
      period: 'week',
      per: 'person',
      roles: ['env_supervisor', 'manager'],
      activity: 'visit',
    },
    target: 2,
  },
  {
    code: 'S4.advisory_visits',
    measureCode: 'S4',
    config: {
      kind: 'quota',
      period: 'month',
      per: 'person',
      roles: ['squad_leader'],
      activity: 'visit',
      visitKinds: ['advisory'],
    },
    target: 1,
  },
  {
    code: 'S2.safety_checks',
    measureCode: 'S2',
    config: {
      kind: 'quota',
      period: 'half_year',
      per: 'household',
      roles: ['guard', 'squad_leader'],
      activity: 'safety_check',
    },
    target: 1,
  },
  {
    code: 'S5.loyal_group',
    measureCode: 'S5',
    config: {
      kind: 'standing',
      per: 'person',
      roles: ['squad_leader'],
      group: 'loyal_households',
      period: 'month',
      contactEvery: 'month',
    },
    target: 10,
  },
  {
    code: 'T4.low_score_revisit',
    measureCode: 'T4',
    config: {
      kind: 'event_followup',
      trigger: 'low_score',
      scoreAtMost: 3,
      timing: 'within',
      unit: 'hours',
      assignTo: 'team',
      roles: ['technician', 'manager'],
      period: 'month',
      channel: 'visit',
    },
    target: 48,
  },
  {
    code: 'T6.revisit',
    measureCode: 'T6',
    config: {
      kind: 'event_followup',
      trigger: 'job_completed',
      timing: 'after',
      unit: 'days',
      graceDays: 7,
      assignTo: 'team',
      roles: ['technician'],
      period: 'month',
    },
    target: 30,
  },
  {
    code: 'E15.followup',
    measureCode: 'E15',
    config: {
      kind: 'event_followup',
      trigger: 'help_given',
      timing: 'within',
      unit: 'days',
      assignTo: 'handler',
      roles: ['cleaner', 'env_supervisor'],
      period: 'month',
    },
    target: 7,
  },
  {
    // Each festival is an event; every household with a greetings consent gets an SMS by the
    // end of the festival day (0 days late). Festival dates come from the calendar module.
    code: 'C9.festival_sms',
    measureCode: 'C9',
    config: {
      kind: 'event_followup',
      trigger: 'festival',
      timing: 'within',
      unit: 'days',
      assignTo: 'team',
      roles: ['butler', 'culture'],
      period: 'month',
      festivals: [
        'new_year',
        'spring_festival',
        'lantern',
        'dragon_boat',
        'mid_autumn',
        'double_ninth',
        'national_day',
      ],
      channel: 'sms',
      consentPurpose: 'greetings',
    },
    target: 0,
  },
];

/**
 * The first version of every default target applies to every period until a manager changes it
 * (the plan is what was promised from the day the site was taken over).
 */
export const BASE_EFFECTIVE_FROM = '2000-01-01';
