/** What every channel client gets to send one message. */
export interface SendRequest {
  /** Outbox id: sent as the provider's OutId / SessionContext so receipts can be matched. */
  messageId: string;
  estateId: string;
  householdId: string | null;
  memberId: string | null;
  purpose: string;
  /** Phone (SMS), e-mail address or household id (portal). */
  to: string;
  signName: string | null;
  /** The provider's template code (SMS) or our template code (other channels). */
  templateCode: string;
  params: Record<string, string>;
  /** Parameter names in template order (Tencent's TemplateParamSet is positional). */
  paramNames: string[];
  textZh: string;
  textEn: string | null;
  /** The template's name: the subject line of an e-mail. */
  subject?: string;
}

export interface SendResult {
  /** Aliyun BizId, Tencent SerialNo, or our own id for local channels. */
  providerMessageId: string;
}

export interface ChannelClient {
  send(req: SendRequest): Promise<SendResult>;
}

/** A failed send: `transient` errors are retried with backoff, the others fail the message. */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly transient: boolean,
    readonly code?: string,
  ) {
    super(message);
  }
}

/** RFC 3986 percent-encoding (unreserved: A–Z a–z 0–9 - _ . ~), as both SMS signatures need. */
export function rfc3986(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A mainland mobile number in E.164 (+86…), as Tencent requires; other forms pass unchanged. */
export function e164(phone: string): string {
  const d = phone.replace(/[\s-]/g, '');
  if (/^1\d{10}$/.test(d)) return `+86${d}`;
  if (/^861\d{10}$/.test(d)) return `+${d}`;
  return d;
}

/** Fills `{name}` placeholders; unknown ones stay as written. */
export function renderText(text: string, params: Record<string, string>): string {
  return text.replace(/\{([A-Za-z][A-Za-z0-9_]*)\}/g, (m, k: string) => params[k] ?? m);
}

/** fetch with a timeout well below the worker's lease, mapping network failures to transient errors. */
export async function postWithTimeout(
  fetchFn: typeof fetch,
  url: string,
  init: RequestInit,
  timeoutMs: number,
): Promise<{ status: number; text: string }> {
  let res: Response;
  try {
    res = await fetchFn(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    throw new ChannelError(`network: ${(e as Error).message}`, true, 'NETWORK');
  }
  return { status: res.status, text: await res.text() };
}
