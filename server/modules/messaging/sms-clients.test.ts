import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AliyunSmsClient, canonicalQuery, signAcs3 } from './aliyun-sms.js';
import { ChannelError, type SendRequest } from './channel.js';
import { signTc3, TencentSmsClient } from './tencent-sms.js';
import { type FakeServer, startFakeAliyun, startFakeTencent } from './testing/fake-sms-servers.js';

const req = (over: Partial<SendRequest> = {}): SendRequest => ({
  messageId: '01JTESTMESSAGE0000000000001',
  estateId: 'e1',
  householdId: 'h1',
  memberId: 'm1',
  purpose: 'greetings',
  to: '13800001234',
  signName: '绿园物业',
  templateCode: 'SMS_153050001',
  params: { name: '张三', festival: '春节' },
  paramNames: ['name', 'festival'],
  textZh: '张三，春节快乐',
  textEn: null,
  ...over,
});

async function rejection(p: Promise<unknown>): Promise<ChannelError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ChannelError);
    return e as ChannelError;
  }
  throw new Error('expected a rejection');
}

describe('Alibaba Cloud SendSms (ACS3-HMAC-SHA256)', () => {
  let fake: FakeServer;
  beforeAll(async () => {
    fake = await startFakeAliyun({ LTAI5tTESTKEYID: 'aliyun-test-secret' });
  });
  afterAll(() => fake.close());

  it('is accepted by a server that re-computes the signature, with the documented parameters', async () => {
    const client = new AliyunSmsClient({
      accessKeyId: 'LTAI5tTESTKEYID',
      accessKeySecret: 'aliyun-test-secret',
      endpoint: fake.url,
    });
    const r = await client.send(req());
    expect(r.providerMessageId).toMatch(/\^0$/);
    expect(fake.rejected).toEqual([]);
    const got = fake.accepted.at(-1)!;
    expect(got.params).toEqual({
      PhoneNumbers: '13800001234',
      SignName: '绿园物业',
      TemplateCode: 'SMS_153050001',
      TemplateParam: JSON.stringify({ name: '张三', festival: '春节' }),
      OutId: '01JTESTMESSAGE0000000000001',
    });
    expect(got.headers['x-acs-version']).toBe('2017-05-25');
    expect(got.headers['x-acs-action']).toBe('SendSms');
    // The body is empty: its hash is SHA-256 of the empty string.
    expect(got.headers['x-acs-content-sha256']).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
  });

  it('is rejected when the secret is wrong (SignatureDoesNotMatch, not retried)', async () => {
    const client = new AliyunSmsClient({
      accessKeyId: 'LTAI5tTESTKEYID',
      accessKeySecret: 'aliyun-test-secreT',
      endpoint: fake.url,
    });
    const before = fake.accepted.length;
    const e = await rejection(client.send(req()));
    expect(e.code).toBe('SignatureDoesNotMatch');
    expect(e.transient).toBe(false);
    expect(fake.accepted.length).toBe(before);
    expect(fake.rejected.at(-1)!.reason).toBe('signature mismatch');
  });

  it('treats throttling and server errors as transient', async () => {
    const client = new AliyunSmsClient({
      accessKeyId: 'LTAI5tTESTKEYID',
      accessKeySecret: 'aliyun-test-secret',
      endpoint: fake.url,
    });
    fake.failNext(1, { status: 200, code: 'isv.BUSINESS_LIMIT_CONTROL' });
    expect((await rejection(client.send(req()))).transient).toBe(true);
    fake.failNext(1, { status: 503, code: 'ServiceUnavailable' });
    expect((await rejection(client.send(req()))).transient).toBe(true);
    fake.failNext(1, { status: 200, code: 'isv.TEMPLATE_MISSING_PARAMETERS' });
    expect((await rejection(client.send(req()))).transient).toBe(false);
  });

  it('encodes the canonical query per RFC 3986 and sorts it', () => {
    expect(canonicalQuery({ b: "a b*~!'()", A: '中' })).toBe('A=%E4%B8%AD&b=a%20b%2A~%21%27%28%29');
  });

  it('signs deterministically: same inputs, same Authorization; any changed header changes it', () => {
    const base = {
      accessKeyId: 'AK',
      accessKeySecret: 'SK',
      host: 'dysmsapi.aliyuncs.com',
      action: 'SendSms',
      version: '2017-05-25',
      query: { PhoneNumbers: '13800001234' },
      date: new Date('2026-05-01T08:00:00.000Z'),
      nonce: 'n-1',
    };
    const a = signAcs3(base);
    expect(a.headers['x-acs-date']).toBe('2026-05-01T08:00:00Z');
    expect(a.headers.Authorization).toMatch(
      /^ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=[0-9a-f]{64}$/,
    );
    expect(signAcs3(base).headers.Authorization).toBe(a.headers.Authorization);
    expect(signAcs3({ ...base, nonce: 'n-2' }).headers.Authorization).not.toBe(a.headers.Authorization);
  });
});

describe('Tencent Cloud SendSms 2021-01-11 (TC3-HMAC-SHA256)', () => {
  let fake: FakeServer;
  beforeAll(async () => {
    fake = await startFakeTencent({ AKIDtestsecretid: 'tencent-test-key' });
  });
  afterAll(() => fake.close());

  const client = (secretKey: string) =>
    new TencentSmsClient({
      secretId: 'AKIDtestsecretid',
      secretKey,
      sdkAppId: '1400006666',
      endpoint: fake.url,
    });

  it('is accepted by a server that re-computes the signature; body and headers as documented', async () => {
    const r = await client('tencent-test-key').send(req({ templateCode: '1110' }));
    expect(r.providerMessageId).toMatch(/^2028:/);
    expect(fake.rejected).toEqual([]);
    const got = fake.accepted.at(-1)!;
    expect(got.params).toEqual({
      PhoneNumberSet: ['+8613800001234'],
      SmsSdkAppId: '1400006666',
      SignName: '绿园物业',
      TemplateId: '1110',
      TemplateParamSet: ['张三', '春节'],
      SessionContext: '01JTESTMESSAGE0000000000001',
    });
    expect(got.headers['x-tc-action']).toBe('SendSms');
    expect(got.headers['x-tc-version']).toBe('2021-01-11');
    expect(got.headers['x-tc-region']).toBe('ap-guangzhou');
    expect(got.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('is rejected when the secret is wrong (AuthFailure.SignatureFailure, not retried)', async () => {
    const before = fake.accepted.length;
    const e = await rejection(client('tencent-test-kez').send(req({ templateCode: '1110' })));
    expect(e.code).toBe('AuthFailure.SignatureFailure');
    expect(e.transient).toBe(false);
    expect(fake.accepted.length).toBe(before);
  });

  it('retries rate limits and internal errors, not invalid parameters', async () => {
    fake.failNext(1, { status: 200, code: 'RequestLimitExceeded' });
    expect((await rejection(client('tencent-test-key').send(req()))).transient).toBe(true);
    fake.failNext(1, { status: 200, code: 'InvalidParameterValue.TemplateParameterFormatError' });
    expect((await rejection(client('tencent-test-key').send(req()))).transient).toBe(false);
  });

  it('scopes the signature by the UTC date of the timestamp', () => {
    const input = {
      secretId: 'id',
      secretKey: 'key',
      service: 'sms',
      host: 'sms.tencentcloudapi.com',
      contentType: 'application/json; charset=utf-8',
      body: '{}',
      // 2026-05-01 23:30 UTC is already 05-02 in Beijing; the scope keeps the UTC date.
      timestamp: Date.parse('2026-05-01T23:30:00Z') / 1000,
    };
    expect(signTc3(input)).toMatch(
      /^TC3-HMAC-SHA256 Credential=id\/2026-05-01\/sms\/tc3_request, SignedHeaders=content-type;host, Signature=[0-9a-f]{64}$/,
    );
    expect(signTc3({ ...input, body: '{ }' })).not.toBe(signTc3(input));
  });

  it('maps an unreachable endpoint to a transient error', async () => {
    const c = new TencentSmsClient({
      secretId: 'x',
      secretKey: 'y',
      sdkAppId: '1',
      endpoint: 'http://127.0.0.1:9',
      timeoutMs: 2000,
    });
    const e = await rejection(c.send(req()));
    expect(e.transient).toBe(true);
    expect(e.code).toBe('NETWORK');
  });
});
