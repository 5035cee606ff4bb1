import nodemailer from 'nodemailer';
import { type ChannelClient, ChannelError, type SendRequest, type SendResult } from './channel.js';
import { emailText, MARKETING_PURPOSES } from './message-text.js';

/** An estate's SMTP server, opened (the password decrypted) for one dispatch run. */
export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the start (465); false: plain, upgraded with STARTTLS when the server offers it. */
  secure: boolean;
  username: string;
  password: string;
  fromAddress: string;
  fromName: string;
}

/**
 * E-mail over SMTP (nodemailer). One message per outbox row: plain text, Chinese first and the
 * English below; the outbox id is in the Message-ID so a bounce can be traced. A 5xx answer
 * (mailbox unknown, authentication refused) fails the message; network trouble and 4xx retry.
 */
export class SmtpEmailClient implements ChannelClient {
  private readonly transport: ReturnType<typeof nodemailer.createTransport>;

  constructor(
    private readonly cfg: SmtpConfig,
    opts: { timeoutMs?: number } = {},
  ) {
    const timeout = opts.timeoutMs ?? 20_000;
    this.transport = nodemailer.createTransport({
      host: cfg.host,
      port: cfg.port,
      secure: cfg.secure,
      auth: { user: cfg.username, pass: cfg.password },
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    });
  }

  async send(req: SendRequest): Promise<SendResult> {
    const marketing = MARKETING_PURPOSES.has(req.purpose);
    const text = emailText(req.purpose, req.textZh, req.textEn);
    try {
      const info = await this.transport.sendMail({
        from: { name: this.cfg.fromName, address: this.cfg.fromAddress },
        to: req.to,
        subject: req.subject ?? this.cfg.fromName,
        text,
        messageId: `<${req.messageId}@guanjia.local>`,
        headers: { 'X-Guanjia-Purpose': req.purpose },
        // Mail clients offer "unsubscribe" for greetings and tips: a reply to the estate's mailbox.
        ...(marketing
          ? { list: { unsubscribe: { url: `mailto:${this.cfg.fromAddress}`, comment: 'unsubscribe' } } }
          : {}),
      });
      if (info.rejected?.length)
        throw new ChannelError(`rejected: ${info.rejected.join(', ')}`, false, 'REJECTED');
      return { providerMessageId: info.messageId ?? `<${req.messageId}@guanjia.local>` };
    } catch (e) {
      if (e instanceof ChannelError) throw e;
      const err = e as { responseCode?: number; code?: string; message?: string };
      const permanent = typeof err.responseCode === 'number' && err.responseCode >= 500;
      throw new ChannelError(`smtp: ${err.message ?? String(e)}`, !permanent, err.code ?? 'SMTP');
    } finally {
      this.transport.close();
    }
  }
}
