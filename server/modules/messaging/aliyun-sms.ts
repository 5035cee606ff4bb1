import { createHash, createHmac, randomUUID } from 'node:crypto';
import {
  type ChannelClient,
  ChannelError,
  postWithTimeout,
  rfc3986,
  type SendRequest,
  type SendResult,
} from './channel.js';

export const ALIYUN_SMS_ENDPOINT = 'https://dysmsapi.aliyuncs.com';
export const ALIYUN_SMS_VERSION = '2017-05-25';

export interface AliyunSmsConfig {
  accessKeyId: string;
  accessKeySecret: string;
  /** Base URL; default https://dysmsapi.aliyuncs.com (tests point it at a local server). */
  endpoint?: string;
  fetch?: typeof fetch;
  now?: () => Date;
  nonce?: () => string;
  timeoutMs?: number;
}

const sha256Hex = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** Sorted, RFC 3986-encoded query string (the canonical query of ACS3). */
export function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .sort()
    .map((k) => `${rfc3986(k)}=${rfc3986(params[k]!)}`)
    .join('&');
}

/**
 * ACS3-HMAC-SHA256 (Alibaba Cloud V3 signature) for a POST to `/` with the parameters in the
 * query string and an empty body. Returns every header to send (host is set by fetch from the
 * URL and signed here with the same value).
 */
export function signAcs3(input: {
  accessKeyId: string;
  accessKeySecret: string;
  host: string;
  action: string;
  version: string;
  query: Record<string, string>;
  body?: string;
  date: Date;
  nonce: string;
}): { query: string; headers: Record<string, string> } {
  const body = input.body ?? '';
  const hashedPayload = sha256Hex(body);
  const headers: Record<string, string> = {
    host: input.host,
    'x-acs-action': input.action,
    'x-acs-content-sha256': hashedPayload,
    'x-acs-date': input.date.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    'x-acs-signature-nonce': input.nonce,
    'x-acs-version': input.version,
  };
  const names = Object.keys(headers).sort();
  const canonicalHeaders = names.map((k) => `${k}:${headers[k]!.trim()}\n`).join('');
  const signedHeaders = names.join(';');
  const query = canonicalQuery(input.query);
  const canonicalRequest = `POST\n/\n${query}\n${canonicalHeaders}\n${signedHeaders}\n${hashedPayload}`;
  const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`;
  const signature = createHmac('sha256', input.accessKeySecret).update(stringToSign, 'utf8').digest('hex');
  const { host: _host, ...rest } = headers;
  return {
    query,
    headers: {
      ...rest,
      Authorization: `ACS3-HMAC-SHA256 Credential=${input.accessKeyId},SignedHeaders=${signedHeaders},Signature=${signature}`,
    },
  };
}

/** Error codes worth retrying later: throttling and provider-side failures. */
const TRANSIENT =
  /^(Throttling|isp\.SYSTEM_ERROR|isv\.BUSINESS_LIMIT_CONTROL|ServiceUnavailable|InternalError)/;

/** Alibaba Cloud SMS (dysmsapi 2017-05-25, SendSms). The outbox id goes out as OutId. */
export class AliyunSmsClient implements ChannelClient {
  constructor(private readonly cfg: AliyunSmsConfig) {}

  async send(req: SendRequest): Promise<SendResult> {
    const base = new URL(this.cfg.endpoint ?? ALIYUN_SMS_ENDPOINT);
    if (!req.signName) throw new ChannelError('no SignName configured', false, 'NO_SIGN_NAME');
    const params: Record<string, string> = {
      PhoneNumbers: req.to,
      SignName: req.signName,
      TemplateCode: req.templateCode,
      OutId: req.messageId,
    };
    if (req.paramNames.length || Object.keys(req.params).length)
      params.TemplateParam = JSON.stringify(req.params);
    const { query, headers } = signAcs3({
      accessKeyId: this.cfg.accessKeyId,
      accessKeySecret: this.cfg.accessKeySecret,
      host: base.host,
      action: 'SendSms',
      version: ALIYUN_SMS_VERSION,
      query: params,
      date: this.cfg.now?.() ?? new Date(),
      nonce: this.cfg.nonce?.() ?? randomUUID(),
    });
    const { status, text } = await postWithTimeout(
      this.cfg.fetch ?? fetch,
      `${base.origin}/?${query}`,
      { method: 'POST', headers },
      this.cfg.timeoutMs ?? 15_000,
    );
    let body: { Code?: string; Message?: string; BizId?: string };
    try {
      body = JSON.parse(text);
    } catch {
      throw new ChannelError(`HTTP ${status}: not JSON`, status >= 500 || status === 429, `HTTP_${status}`);
    }
    if (status === 200 && body.Code === 'OK' && body.BizId) return { providerMessageId: body.BizId };
    const code = body.Code ?? `HTTP_${status}`;
    throw new ChannelError(
      `${code}: ${body.Message ?? ''}`.trim(),
      status >= 500 || status === 429 || TRANSIENT.test(code),
      code,
    );
  }
}
