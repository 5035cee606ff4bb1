import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// Local fake SMS providers for tests. They re-compute the signatures independently of the
// clients, following ../../../../shared/reference/integrations.md §3 step by step, and check
// method, path, headers and body; a wrong signature is rejected the way the provider does.

const sha256Hex = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');
const hmac = (key: string | Buffer, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();
const sameHex = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));

/** RFC 3986: everything but A–Z a–z 0–9 - _ . ~ is percent-encoded (upper-case hex). */
function pct(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) => {
      const c = String.fromCharCode(b);
      return /[A-Za-z0-9\-_.~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
    })
    .join('');
}

export interface FakeRequest {
  headers: IncomingMessage['headers'];
  /** Aliyun: decoded query parameters; Tencent: the parsed JSON body. */
  params: Record<string, unknown>;
}

export interface FakeServer {
  url: string;
  /** Requests that passed every check, in order. */
  accepted: FakeRequest[];
  /** Requests rejected, with the reason. */
  rejected: { reason: string }[];
  /** The next n accepted requests answer with this failure instead of success. */
  failNext(n: number, failure: { status: number; code: string }): void;
  close(): Promise<void>;
}

async function listen(
  handler: (req: IncomingMessage, body: Buffer, res: ServerResponse) => void,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, Buffer.concat(chunks), res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

function json(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * Alibaba Cloud dysmsapi (2017-05-25) SendSms with ACS3-HMAC-SHA256: parameters in the query
 * string, empty body; `secrets` maps AccessKeyId → AccessKeySecret.
 */
export async function startFakeAliyun(secrets: Record<string, string>): Promise<FakeServer> {
  const accepted: FakeRequest[] = [];
  const rejected: { reason: string }[] = [];
  const failures: { status: number; code: string }[] = [];
  const nonces = new Set<string>();
  let seq = 0;
  const { server, url } = await listen((req, body, res) => {
    const reject = (reason: string, code = 'SignatureDoesNotMatch', status = 400) => {
      rejected.push({ reason });
      json(res, status, { Code: code, Message: reason, RequestId: 'fake' });
    };
    const [path, rawQuery = ''] = (req.url ?? '').split('?');
    if (req.method !== 'POST' || path !== '/')
      return reject(`bad request line ${req.method} ${req.url}`, 'InvalidAction');
    const h = req.headers;
    if (h['x-acs-action'] !== 'SendSms') return reject('x-acs-action', 'InvalidAction');
    if (h['x-acs-version'] !== '2017-05-25') return reject('x-acs-version', 'InvalidVersion');
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(String(h['x-acs-date'] ?? '')))
      return reject('x-acs-date');
    const nonce = String(h['x-acs-signature-nonce'] ?? '');
    if (!nonce) return reject('x-acs-signature-nonce missing');
    if (nonces.has(nonce)) return reject('nonce reused', 'SignatureNonceUsed');
    // Step 1: the hash of the (empty) body.
    const hashedPayload = sha256Hex(body);
    if (h['x-acs-content-sha256'] !== hashedPayload) return reject('x-acs-content-sha256');
    const auth = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]+),Signature=([0-9a-f]{64})$/.exec(
      String(h.authorization ?? ''),
    );
    if (!auth) return reject('Authorization format', 'IncompleteSignature');
    const [, akid, signedHeaders, signature] = auth as unknown as [string, string, string, string];
    const secret = secrets[akid];
    if (!secret) return reject('unknown AccessKeyId', 'InvalidAccessKeyId.NotFound', 404);
    const signed = signedHeaders.split(';');
    const mustSign = ['host', ...Object.keys(h).filter((k) => k.startsWith('x-acs-'))];
    if (mustSign.some((k) => !signed.includes(k))) return reject('a header is not signed');
    if ([...signed].sort().join(';') !== signedHeaders) return reject('SignedHeaders not sorted');
    // Step 3: canonical request from what arrived.
    const pairs = rawQuery
      .split('&')
      .filter(Boolean)
      .map((kv) => kv.split('=').map((x) => decodeURIComponent(x)) as [string, string]);
    const sortedQuery = pairs
      .map(([k, v]) => [pct(k), pct(v ?? '')])
      .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0))
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
    const canonicalHeaders = signed.map((k) => `${k}:${String(h[k] ?? '').trim()}\n`).join('');
    const canonicalRequest = `POST\n/\n${sortedQuery}\n${canonicalHeaders}\n${signedHeaders}\n${hashedPayload}`;
    // Step 4.
    const stringToSign = `ACS3-HMAC-SHA256\n${sha256Hex(canonicalRequest)}`;
    const expected = hmac(secret, stringToSign).toString('hex');
    if (!sameHex(expected, signature)) return reject('signature mismatch');
    nonces.add(nonce);
    const params = Object.fromEntries(pairs);
    for (const k of ['PhoneNumbers', 'SignName', 'TemplateCode'])
      if (!params[k]) return reject(`missing ${k}`, 'MissingParameter');
    if (params.TemplateParam) {
      try {
        JSON.parse(params.TemplateParam);
      } catch {
        return reject('TemplateParam is not JSON', 'isv.INVALID_JSON_PARAM');
      }
    }
    const failure = failures.shift();
    if (failure)
      return json(res, failure.status, { Code: failure.code, Message: 'fake failure', RequestId: 'fake' });
    accepted.push({ headers: h, params });
    seq += 1;
    json(res, 200, { Code: 'OK', Message: 'OK', BizId: `70000${seq}^0`, RequestId: `req-${seq}` });
  });
  return {
    url,
    accepted,
    rejected,
    failNext: (n, f) => {
      for (let i = 0; i < n; i++) failures.push(f);
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/**
 * Tencent Cloud SMS SendSms (2021-01-11) with TC3-HMAC-SHA256; `secrets` maps SecretId →
 * SecretKey. Answers as Tencent does: HTTP 200 with Response.Error on failure.
 */
export async function startFakeTencent(secrets: Record<string, string>): Promise<FakeServer> {
  const accepted: FakeRequest[] = [];
  const rejected: { reason: string }[] = [];
  const failures: { status: number; code: string }[] = [];
  let seq = 0;
  const { server, url } = await listen((req, body, res) => {
    const reject = (reason: string, code = 'AuthFailure.SignatureFailure') => {
      rejected.push({ reason });
      json(res, 200, { Response: { Error: { Code: code, Message: reason }, RequestId: 'fake' } });
    };
    if (req.method !== 'POST' || req.url !== '/')
      return reject(`bad request line ${req.method} ${req.url}`, 'InvalidAction');
    const h = req.headers;
    if (h['x-tc-action'] !== 'SendSms') return reject('X-TC-Action', 'InvalidAction');
    if (h['x-tc-version'] !== '2021-01-11') return reject('X-TC-Version', 'InvalidParameterValue');
    if (!h['x-tc-region']) return reject('X-TC-Region', 'MissingParameter');
    const ts = String(h['x-tc-timestamp'] ?? '');
    if (!/^\d{10}$/.test(ts)) return reject('X-TC-Timestamp');
    const contentType = String(h['content-type'] ?? '');
    if (!contentType.startsWith('application/json')) return reject('Content-Type');
    const auth =
      /^TC3-HMAC-SHA256 Credential=([^/]+)\/(\d{4}-\d{2}-\d{2})\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=([0-9a-f]{64})$/.exec(
        String(h.authorization ?? ''),
      );
    if (!auth) return reject('Authorization format');
    const [, secretId, date, signature] = auth as unknown as [string, string, string, string];
    const secretKey = secrets[secretId];
    if (!secretKey) return reject('unknown SecretId', 'AuthFailure.SecretIdNotFound');
    // Step 2: the scope date is the UTC date of the timestamp.
    if (new Date(Number(ts) * 1000).toISOString().slice(0, 10) !== date) return reject('scope date');
    // Step 1.
    const canonicalRequest = `POST\n/\n\ncontent-type:${contentType}\nhost:${h.host}\n\ncontent-type;host\n${sha256Hex(body)}`;
    // Steps 3–4.
    const scope = `${date}/sms/tc3_request`;
    const stringToSign = `TC3-HMAC-SHA256\n${ts}\n${scope}\n${sha256Hex(canonicalRequest)}`;
    const kDate = hmac(`TC3${secretKey}`, date);
    const kSvc = hmac(kDate, 'sms');
    const kSign = hmac(kSvc, 'tc3_request');
    if (!sameHex(hmac(kSign, stringToSign).toString('hex'), signature)) return reject('signature mismatch');
    let params: Record<string, unknown>;
    try {
      params = JSON.parse(body.toString('utf8'));
    } catch {
      return reject('body is not JSON', 'InvalidParameter');
    }
    const phones = params.PhoneNumberSet;
    if (!Array.isArray(phones) || !phones.length || phones.length > 200)
      return reject('PhoneNumberSet', 'InvalidParameter');
    for (const k of ['SmsSdkAppId', 'SignName', 'TemplateId'])
      if (typeof params[k] !== 'string' || !params[k]) return reject(`missing ${k}`, 'MissingParameter');
    const failure = failures.shift();
    if (failure) {
      res.writeHead(failure.status, { 'content-type': 'application/json' });
      return res.end(
        JSON.stringify({ Response: { Error: { Code: failure.code, Message: 'fake' }, RequestId: 'f' } }),
      );
    }
    accepted.push({ headers: h, params });
    json(res, 200, {
      Response: {
        SendStatusSet: (phones as string[]).map((p) => {
          seq += 1;
          return {
            SerialNo: `2028:${seq}`,
            PhoneNumber: p,
            Fee: 1,
            Code: 'Ok',
            Message: 'send success',
            IsoCode: 'CN',
          };
        }),
        RequestId: `req-${seq}`,
      },
    });
  });
  return {
    url,
    accepted,
    rejected,
    failNext: (n, f) => {
      for (let i = 0; i < n; i++) failures.push(f);
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
}
