/**
 * What a message says beyond the template's own words, per channel. Greetings and tips are
 * marketing (营销): an SMS must end with the opt-out the carriers prescribe (reference/
 * integrations.md, compliance rules: "拒收请回复R"; a reply R opts the sender out, see
 * messaging.receipts.ts), and an e-mail must say how to refuse more (广告法 §44). Notices are
 * notifications (通知) and carry neither.
 */
import type { MessageTemplate } from '../../../contract/messaging.js';

export const SMS_OPT_OUT = '拒收请回复R';

/** Purposes the SMS providers class as marketing. Health tips are never sent by SMS at all. */
export const MARKETING_PURPOSES: ReadonlySet<string> = new Set(['greetings', 'tips']);

/**
 * How to stop marketing e-mail. A reply reaches the estate's own mailbox, where staff record the
 * opt-out; it is not automatic.
 */
const EMAIL_OPT_OUT = {
  zh: '如不想再收到此类邮件，请回复本邮件“退订”或告知您的管家。',
  en: 'To stop receiving such e-mails, reply "unsubscribe" to this e-mail or tell your butler.',
};

/** Channels that reach a phone: the SMS providers and the development channel standing in for them. */
export const PHONE_CHANNELS: ReadonlySet<string> = new Set(['dev', 'sms_aliyun', 'sms_tencent']);

/** Purposes that may not go out by SMS (their content would fail the providers' review). */
const NO_SMS_PURPOSES: ReadonlySet<string> = new Set(['health_tips']);

/** The Chinese text as a phone receives it: a marketing text ends with the opt-out, once. */
export function phoneText(purpose: string, text: string): string {
  if (!MARKETING_PURPOSES.has(purpose) || text.trimEnd().endsWith(SMS_OPT_OUT)) return text;
  const t = text.trimEnd();
  // The opt-out is a sentence of its own: after one that ends without punctuation, add a full stop.
  return /[。！？!?.，,；;]$/.test(t) ? `${t}${SMS_OPT_OUT}` : `${t}。${SMS_OPT_OUT}`;
}

/** An e-mail's plain text: Chinese, then English; a marketing one says how to stop, in both. */
export function emailText(purpose: string, textZh: string, textEn: string | null): string {
  const marketing = MARKETING_PURPOSES.has(purpose);
  const zh = marketing ? `${textZh}\n\n${EMAIL_OPT_OUT.zh}` : textZh;
  if (!textEn) return zh;
  return marketing ? `${zh}\n\n${textEn}\n\n${EMAIL_OPT_OUT.en}` : `${zh}\n\n${textEn}`;
}

/** The Chinese text as the channel shows it: on a phone (SMS, development) with the SMS opt-out. */
export function channelTextZh(channel: string, purpose: string, text: string): string {
  return PHONE_CHANNELS.has(channel) ? phoneText(purpose, text) : text;
}

const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/**
 * The parameters an SMS carries: those the Chinese text uses, in the template's parameter order
 * (English-only ones such as {tipEn} stay out: Tencent numbers its parameters, and a count that
 * differs from the approved template's is refused).
 */
export function smsParamNames(textZh: string, paramNames: readonly string[]): string[] {
  const used = new Set([...textZh.matchAll(PLACEHOLDER)].map((m) => m[1]));
  return paramNames.filter((n) => used.has(n));
}

/**
 * The text to submit for review at each SMS provider, in the provider's placeholder syntax:
 * Aliyun names them (`${name}`), Tencent numbers them in parameter order (`{1}`), which is the
 * order the outbox sends Tencent's TemplateParamSet in (smsParamNames). Null for a purpose SMS may not carry.
 */
export function smsReviewTexts(t: {
  purpose: string;
  textZh: string;
  paramNames: readonly string[];
}): MessageTemplate['smsReviewText'] {
  if (NO_SMS_PURPOSES.has(t.purpose)) return null;
  const text = phoneText(t.purpose, t.textZh);
  const order = smsParamNames(t.textZh, t.paramNames);
  return {
    sms_aliyun: text.replace(PLACEHOLDER, (_m, k: string) => `\${${k}}`),
    sms_tencent: text.replace(PLACEHOLDER, (m, k: string) => {
      const i = order.indexOf(k);
      return i < 0 ? m : `{${i + 1}}`;
    }),
  };
}
