import type { Kysely } from 'kysely';
import type { MessagePurpose } from '../../../contract/messaging.js';
import type { DB } from '../../db/schema.js';
import { toJson } from '../../lib/dates.js';
import { newId } from '../../lib/ids.js';

/** A template every estate starts with. */
export interface DefaultTemplate {
  code: string;
  name: string;
  purpose: MessagePurpose;
  textZh: string;
  textEn: string;
  paramNames: string[];
  /** Offered to the SMS providers (pending their review); health content never is. */
  sms: boolean;
}

/** Codes other modules put messages under. */
export const TEMPLATE_CODES = {
  festival: 'festival_greeting',
  birthday: 'birthday_greeting',
  tip: 'seasonal_tip',
  healthTip: 'health_tip',
  plate: 'plate_restriction_reminder',
  notice: 'service_notice',
} as const;

/**
 * The starter templates (C9, E10, E11, T10, S11): usable at once on the development channel,
 * the portal inbox and e-mail; for SMS each waits for the provider's review (status pending,
 * no provider template code yet) and is not sent until an admin enters the approved code.
 */
export const DEFAULT_TEMPLATES: readonly DefaultTemplate[] = [
  {
    code: TEMPLATE_CODES.festival,
    name: '节日问候',
    purpose: 'greetings',
    textZh: '{name}您好！{estate}物业服务中心祝您节日快乐，阖家安康！',
    textEn: 'Dear {name}, {estate} Property Service Center wishes you a happy holiday and good health!',
    paramNames: ['name', 'estate'],
    sms: true,
  },
  {
    code: TEMPLATE_CODES.birthday,
    name: '生日祝福',
    purpose: 'greetings',
    textZh: '{name}您好！今天是您的生日，{estate}物业服务中心祝您生日快乐，身体健康！',
    textEn: 'Dear {name}, happy birthday from everyone at {estate} Property Service Center!',
    paramNames: ['name', 'estate'],
    sms: true,
  },
  {
    code: TEMPLATE_CODES.tip,
    name: '温馨提示',
    purpose: 'tips',
    textZh: '{name}您好，{estate}温馨提示：{tip}',
    textEn: 'Dear {name}, a tip from {estate}: {tipEn}',
    paramNames: ['name', 'estate', 'tip', 'tipEn'],
    sms: true,
  },
  {
    code: TEMPLATE_CODES.healthTip,
    name: '健康提示',
    purpose: 'health_tips',
    textZh: '{name}您好，{estate}健康提示：{tip}如有不适请及时就医。',
    textEn: 'Dear {name}, a health tip from {estate}: {tipEn} If you feel unwell, please see a doctor.',
    paramNames: ['name', 'estate', 'tip', 'tipEn'],
    sms: false,
  },
  {
    code: TEMPLATE_CODES.plate,
    name: '尾号限行提醒',
    purpose: 'service_notices',
    textZh:
      '{name}您好，明天（{date}）{city}尾号{digits}的机动车限行（{hours}），您的车辆{plate}在限行之列，请合理安排出行。',
    textEn:
      'Dear {name}, tomorrow ({date}) cars with plates ending in {digitsEn} are restricted in {cityEn} ({hours}); your car {plate} is affected. Please plan ahead.',
    paramNames: ['name', 'date', 'city', 'cityEn', 'digits', 'digitsEn', 'hours', 'plate'],
    sms: true,
  },
  {
    code: TEMPLATE_CODES.notice,
    name: '服务通知',
    purpose: 'service_notices',
    textZh: '{name}您好，{estate}物业服务中心通知：{notice}',
    textEn: 'Dear {name}, a notice from {estate} Property Service Center: {noticeEn}',
    paramNames: ['name', 'estate', 'notice', 'noticeEn'],
    sms: true,
  },
];

/**
 * Puts the starter templates in an estate. Idempotent: a template that exists (perhaps edited
 * by the estate, or approved at a provider) is left as it is. Returns how many were added.
 */
export async function seedDefaultTemplates(db: Kysely<DB>, estateId: string, now: Date): Promise<number> {
  const at = now.toISOString();
  const r = await db
    .insertInto('message_templates')
    .values(
      DEFAULT_TEMPLATES.map((t) => ({
        estate_id: estateId,
        code: t.code,
        name: t.name,
        purpose: t.purpose,
        text_zh: t.textZh,
        text_en: t.textEn,
        param_names: toJson(t.paramNames),
        provider_templates: toJson(
          t.sms
            ? { sms_aliyun: { code: '', status: 'pending' }, sms_tencent: { code: '', status: 'pending' } }
            : {},
        ),
        created_at: at,
        updated_at: at,
        created_by: 'system',
      })),
    )
    .onConflict((oc) => oc.columns(['estate_id', 'code']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0);
}

const DEMO_RECORDER = '演示数据';

/**
 * Demo data only: two households in three have opted in to greetings and tips (recorded as
 * staff-entered opt-ins), so a greeting campaign on the development channel reaches someone
 * out of the box. Idempotent: an estate with demo opt-ins already is left as it is.
 */
export async function seedDemoOptIns(db: Kysely<DB>, estateId: string, now: Date): Promise<number> {
  const done = await db
    .selectFrom('message_opt_outs')
    .select('id')
    .where('estate_id', '=', estateId)
    .where('recorded_by', '=', DEMO_RECORDER)
    .limit(1)
    .executeTakeFirst();
  if (done) return 0;
  const households = await db
    .selectFrom('households')
    .select('id')
    .where('estate_id', '=', estateId)
    .orderBy('id')
    .execute();
  const at = now.toISOString();
  const rows = households
    .filter((_, i) => i % 3 !== 2)
    .flatMap((h) =>
      (['greetings', 'tips'] as const).map((purpose) => ({
        estate_id: estateId,
        id: newId(),
        household_id: h.id,
        member_id: null,
        purpose,
        granted: 1,
        channel: null,
        source: 'staff',
        at,
        recorded_by: DEMO_RECORDER,
      })),
    );
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto('message_opt_outs')
      .values(rows.slice(i, i + 400))
      .execute();
  return rows.length;
}
