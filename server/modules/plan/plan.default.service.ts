import { type DefaultMeasure, m } from './plan.default.row.js';

/** 客服组 — customer service: the team's measures as transcribed (see plan.default.ts for the rules). */
export const SERVICE_MEASURES: DefaultMeasure[] = [
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
];
