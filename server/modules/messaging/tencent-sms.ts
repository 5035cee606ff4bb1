import { createHash, createHmac } from 'node:crypto';
import {
  type ChannelClient,
  ChannelError,
  e164,
  postWithTimeout,
  type SendRequest,
  type SendResult,
} from './channel.js';

export const TENCENT_SMS_ENDPOINT = 'https://sms.tencentcloudapi.com';
export const TENCENT_SMS_VERSION = '2021-01-11';
export const TENCENT_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface TencentSmsConfig {
  secretId: string;
  secretKey: string;
  sdkAppId: string;
  region?: string;
  /** Base URL; default https://sms.tencentcloudapi.com (tests point it at a local server). */
  endpoint?: string;
  fetch?: typeof fetch;
  now?: () => Date;
  timeoutMs?: number;
}

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

/**
 * TC3-HMAC-SHA256 for a JSON POST to `/` of a Tencent Cloud API. Returns the Authorization
 * header value; `timestamp` is in seconds, the scope date is its UTC date.
 */
export function signTc3(input: {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  contentType: string;
  body: string;
  timestamp: number;
}): string {
  const date = new Date(input.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalRequest = `POST\n/\n\ncontent-type:${input.contentType}\nhost:${input.host}\n\ncontent-type;host\n${sha256Hex(input.body)}`;
  const scope = `${date}/${input.service}/tc3_request`;
  const stringToSign = `TC3-HMAC-SHA256\n${input.timestamp}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  const kDate = hmac(`TC3${input.secretKey}`, date);
  const kSvc = hmac(kDate, input.service);
  const kSign = hmac(kSvc, 'tc3_request');
  const signature = createHmac('sha256', kSign).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${input.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

const TRANSIENT = /^(InternalError|RequestLimitExceeded|LimitExceeded|FailedOperation\.ServiceUnavailable)/;

interface TencentResponse {
  Response?: {
    Error?: { Code?: string; Message?: string };
    SendStatusSet?: { SerialNo?: string; PhoneNumber?: string; Code?: string; Message?: string }[];
    RequestId?: string;
  };
}

/** Tencent Cloud SMS (SendSms 2021-01-11). The outbox id goes out as SessionContext. */
export class TencentSmsClient implements ChannelClient {
  constructor(private readonly cfg: TencentSmsConfig) {}

  async send(req: SendRequest): Promise<SendResult> {
    const base = new URL(this.cfg.endpoint ?? TENCENT_SMS_ENDPOINT);
    if (!req.signName) throw new ChannelError('no SignName configured', false, 'NO_SIGN_NAME');
    const body = JSON.stringify({
      PhoneNumberSet: [e164(req.to)],
      SmsSdkAppId: this.cfg.sdkAppId,
      SignName: req.signName,
      TemplateId: req.templateCode,
      TemplateParamSet: req.paramNames.map((n) => req.params[n] ?? ''),
      SessionContext: req.messageId,
    });
    const timestamp = Math.floor((this.cfg.now?.() ?? new Date()).getTime() / 1000);
    const authorization = signTc3({
      secretId: this.cfg.secretId,
      secretKey: this.cfg.secretKey,
      service: 'sms',
      host: base.host,
      contentType: TENCENT_CONTENT_TYPE,
      body,
      timestamp,
    });
    const { status, text } = await postWithTimeout(
      this.cfg.fetch ?? fetch,
      `${base.origin}/`,
      {
        method: 'POST',
        headers: {
          Authorization: authorization,
          'Content-Type': TENCENT_CONTENT_TYPE,
          'X-TC-Action': 'SendSms',
          'X-TC-Timestamp': String(timestamp),
          'X-TC-Version': TENCENT_SMS_VERSION,
          'X-TC-Region': this.cfg.region ?? 'ap-guangzhou',
        },
        body,
      },
      this.cfg.timeoutMs ?? 15_000,
    );
    let parsed: TencentResponse;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ChannelError(`HTTP ${status}: not JSON`, status >= 500 || status === 429, `HTTP_${status}`);
    }
    const r = parsed.Response;
    const err = r?.Error;
    if (status !== 200 || err || !r) {
      const code = err?.Code ?? `HTTP_${status}`;
      throw new ChannelError(
        `${code}: ${err?.Message ?? ''}`.trim(),
        status >= 500 || status === 429 || TRANSIENT.test(code),
        code,
      );
    }
    // One number per request here; the status of each number must still be checked.
    const one = r.SendStatusSet?.[0];
    if (one?.Code === 'Ok' && one.SerialNo) return { providerMessageId: one.SerialNo };
    const code = one?.Code ?? 'NO_SEND_STATUS';
    throw new ChannelError(`${code}: ${one?.Message ?? ''}`.trim(), TRANSIENT.test(code), code);
  }
}
