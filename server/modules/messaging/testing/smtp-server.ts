import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

// A real SMTP server on loopback for tests of the e-mail channel (nodemailer talks to it as to
// the estate's mail server).

export interface Received {
  user: string;
  from: string;
  to: string[];
  raw: string;
}

/** A local SMTP server that accepts one account only and records what it was given. */
export async function startSmtp(user: string, pass: string) {
  const received: Received[] = [];
  const authFailures: string[] = [];
  let rejectNext = false;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    authMethods: ['PLAIN', 'LOGIN'],
    onAuth(auth, _session, cb) {
      if (auth.username === user && auth.password === pass) return cb(null, { user: auth.username });
      authFailures.push(auth.username ?? '');
      return cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, cb) {
      if (rejectNext) {
        rejectNext = false;
        return cb(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      }
      return cb();
    },
    onData(stream, session, cb) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (d: string) => {
        raw += d;
      });
      stream.on('end', () => {
        received.push({
          user: String(session.user),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    received,
    authFailures,
    rejectNextRecipient: () => {
      rejectNext = true;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
