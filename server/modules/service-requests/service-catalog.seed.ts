import type { Kysely } from 'kysely';
import type { FreeRules, RevisitPolicy, Targets } from '../../../contract/service-requests.js';
import type { DB } from '../../db/schema.js';
import { toJson } from '../../lib/dates.js';
import { newId } from '../../lib/ids.js';

/** A default catalog entry drawn from the service plan (measure code in `code`). */
export interface DefaultCatalogEntry {
  code: string;
  team: 'security' | 'service' | 'environment' | 'technical';
  category: string;
  nameZh: string;
  nameEn: string;
  descriptionZh?: string;
  descriptionEn?: string;
  visibility: 'residents' | 'internal';
  priceKind: 'free' | 'fixed' | 'quote';
  priceFen?: number;
  freeRules?: FreeRules;
  targets: Targets;
  supervisionCard: boolean;
  revisit: RevisitPolicy;
}

const t = (response: number, completion: number) => ({
  responseMinutes: response,
  completionMinutes: completion,
});
/** Home repair: respond within 15 min when urgent, finish the same day at normal priority. */
const REPAIR: Targets = { urgent: t(15, 120), high: t(30, 240), normal: t(120, 1440), low: t(480, 4320) };
/** Help on the spot (taxi, carrying, the elderly): minutes, not hours. */
const HELP: Targets = { urgent: t(5, 30), high: t(10, 60), normal: t(30, 120), low: t(60, 480) };
/** Advisor visits and reminders: arranged within a day or two. */
const VISIT: Targets = {
  urgent: t(60, 1440),
  high: t(240, 2880),
  normal: t(1440, 4320),
  low: t(2880, 10080),
};

const REPAIR_REVISIT: RevisitPolicy = { afterDays: 30, lowScoreThreshold: 3 };
const HELP_REVISIT: RevisitPolicy = { afterDays: 7, lowScoreThreshold: 3 };
/** T11: urgent, at night, tiny material cost → free, never promised publicly. */
const SMALL_NIGHT_FIX: FreeRules = { urgent: true, night: true, maxMaterialFen: 1000 };

/** The default catalog of a new estate, in display order. */
export const DEFAULT_CATALOG: DefaultCatalogEntry[] = [
  {
    code: 'T11.night_bulb',
    team: 'technical',
    category: 'electrical',
    nameZh: '夜间更换灯泡',
    nameEn: 'Bulb replacement at night',
    descriptionZh: '内部免费清单：夜间紧急更换灯泡，不对外承诺',
    descriptionEn: 'Internal free list: urgent bulb replacement at night; not promised publicly',
    visibility: 'internal',
    priceKind: 'free',
    targets: REPAIR,
    supervisionCard: true,
    revisit: REPAIR_REVISIT,
  },
  {
    code: 'T11.toilet_unblock',
    team: 'technical',
    category: 'plumbing',
    nameZh: '简单马桶疏通',
    nameEn: 'Simple toilet unblocking',
    descriptionZh: '内部免费清单：简单、快速的疏通，不对外承诺',
    descriptionEn: 'Internal free list: a simple, quick unblocking; not promised publicly',
    visibility: 'internal',
    priceKind: 'free',
    targets: REPAIR,
    supervisionCard: true,
    revisit: REPAIR_REVISIT,
  },
  ...(
    [
      ['T8.faucet', 'plumbing', '更换水龙头', 'Replace a faucet', 3000],
      ['T8.drain', 'plumbing', '疏通下水道', 'Unblock a drain', 5000],
      ['T8.light_fitting', 'electrical', '安装灯具', 'Install a light fitting', 4000],
      ['T8.switch_socket', 'electrical', '更换开关插座', 'Replace a switch or socket', 2000],
      ['T8.curtain_rail', 'carpentry', '安装窗帘杆', 'Install a curtain rail', 3000],
    ] as const
  ).map(
    ([code, category, nameZh, nameEn, priceFen]): DefaultCatalogEntry => ({
      code,
      team: 'technical',
      category,
      nameZh,
      nameEn,
      descriptionZh: '固定价格的家政维修增值服务（不含材料费）',
      descriptionEn: 'Fixed-price home repair (materials extra)',
      visibility: 'residents',
      priceKind: 'fixed',
      priceFen,
      freeRules: SMALL_NIGHT_FIX,
      targets: REPAIR,
      supervisionCard: true,
      revisit: REPAIR_REVISIT,
    }),
  ),
  {
    code: 'T8.repair_quote',
    team: 'technical',
    category: 'general',
    nameZh: '其他居家维修（现场报价）',
    nameEn: 'Other home repair (quoted on site)',
    visibility: 'residents',
    priceKind: 'quote',
    freeRules: SMALL_NIGHT_FIX,
    targets: REPAIR,
    supervisionCard: true,
    revisit: REPAIR_REVISIT,
  },
  {
    code: 'T5.construction_defect',
    team: 'technical',
    category: 'general',
    nameZh: '房屋工程遗留问题协助',
    nameEn: 'Help with construction defects',
    descriptionZh: '小、快、免费：先修好，不争论责任归属或是否保修',
    descriptionEn: 'Small, quick, free: fix it first, without arguing about responsibility or warranty',
    visibility: 'residents',
    priceKind: 'free',
    targets: REPAIR,
    supervisionCard: true,
    revisit: REPAIR_REVISIT,
  },
  {
    code: 'T9.spare_part',
    team: 'technical',
    category: 'loan',
    nameZh: '备件临时借用（灯泡、插线板、水管）',
    nameEn: 'Spare part lent for emergency use (bulb, power strip, hose)',
    descriptionZh: '先说明借用规则；不对外承诺',
    descriptionEn: 'Explain the terms first; not promised publicly',
    visibility: 'internal',
    priceKind: 'free',
    targets: HELP,
    supervisionCard: false,
    revisit: { afterDays: null, lowScoreThreshold: 3 },
  },
  ...(
    [
      ['S8.taxi', 'security', 'help', '代叫出租车', 'Call a taxi', HELP],
      ['S9.trolley', 'security', 'loan', '便民小推车', 'Convenience trolley', HELP],
      ['S10.carry', 'security', 'help', '帮助提拿重物', 'Help carrying heavy things', HELP],
      [
        'E6.greening_advisor',
        'environment',
        'greening',
        '绿化顾问上门（室内植物）',
        'Greening advisor visit (indoor plants)',
        VISIT,
      ],
      [
        'E7.pest_advisor',
        'environment',
        'pest_control',
        '家庭消杀顾问',
        'Household pest-control advisor',
        VISIT,
      ],
      ['E8.elderly_help', 'environment', 'help', '帮助老人', 'Help for the elderly', HELP],
      [
        'E8.trip_shutoff',
        'environment',
        'reminder',
        '出行前关闭水电气提醒',
        'Reminder to shut off water, power and gas before a trip',
        VISIT,
      ],
      [
        'E9.doorbell',
        'environment',
        'reminder',
        '按门铃提醒取奶、取报',
        'Doorbell reminder to take in milk and newspapers',
        VISIT,
      ],
    ] as const
  ).map(
    ([code, team, category, nameZh, nameEn, targets]): DefaultCatalogEntry => ({
      code,
      team,
      category,
      nameZh,
      nameEn,
      visibility: 'residents',
      priceKind: 'free',
      targets,
      supervisionCard: false,
      revisit: HELP_REVISIT,
    }),
  ),
];

/**
 * Gives an estate the default service catalog, creating only the entries it lacks (running it
 * twice, or in two processes at once, creates nothing new; edited or retired entries are left
 * alone). Returns how many entries were created. Pass a transaction to seed inside the
 * estate's creation.
 */
export async function seedDefaultCatalog(
  db: Kysely<DB>,
  estateId: string,
  now: Date,
  actorId?: string,
): Promise<number> {
  const at = now.toISOString();
  const rows = await db
    .insertInto('service_catalog')
    .values(
      DEFAULT_CATALOG.map((d, i) => ({
        estate_id: estateId,
        id: newId(),
        code: d.code,
        team_code: d.team,
        category: d.category,
        name_zh: d.nameZh,
        name_en: d.nameEn,
        description_zh: d.descriptionZh ?? null,
        description_en: d.descriptionEn ?? null,
        visibility: d.visibility,
        price_kind: d.priceKind,
        price_fen: d.priceFen ?? null,
        free_rules: d.freeRules ? toJson(d.freeRules) : null,
        targets: toJson(d.targets),
        supervision_card: d.supervisionCard ? 1 : 0,
        revisit_policy: toJson(d.revisit),
        active: 1,
        sort: (i + 1) * 10,
        version: 1,
        created_at: at,
        updated_at: at,
        created_by: actorId ?? null,
        updated_by: actorId ?? null,
      })),
    )
    .onConflict((oc) => oc.columns(['estate_id', 'code']).doNothing())
    .returning(['id'])
    .execute();
  return rows.length;
}
