/**
 * A real SMTP server on loopback (smtp-server) that keeps every message it receives, parsed with
 * mailparser, for tests of the hub's e-mails. It asks for a login (the hub's GARE_SMTP_URL
 * carries it) and offers no STARTTLS, as a small relay on a private network would.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A message as received. */
export interface ReceivedMail {
  /** Envelope recipients. */
  to: string[];
  /** Parsed message (subject, text, html, headers). */
  mail: ParsedMail;
  /** The raw source. */
  raw: string;
}

/** A running test SMTP server. */
export interface TestSmtpServer {
  /** `smtp://gare:secret@127.0.0.1:<port>` */
  url: string;
  /** Every message received so far, in order. */
  messages: ReceivedMail[];
  /** Resolves with the first message (received or to come) matching `test` that was not taken before. */
  next(test?: (m: ReceivedMail) => boolean): Promise<ReceivedMail>;
  /** Messages sent to an address. */
  to(address: string): ReceivedMail[];
  /** Refuses the next `count` messages with a temporary failure (451), as a busy server does. */
  failNext(count: number): void;
  /** Stops the server. */
  close(): Promise<void>;
}

const USER = 'gare';
const PASSWORD = 'secret';

/** Starts the server on a free loopback port. */
export async function startSmtpServer(): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = [];
  let failures = 0;
  const taken = new Set<ReceivedMail>();
  const waiting: { test: (m: ReceivedMail) => boolean; resolve: (m: ReceivedMail) => void }[] = [];
  const offer = (m: ReceivedMail) => {
    const i = waiting.findIndex((w) => w.test(m));
    if (i < 0) return;
    taken.add(m);
    waiting.splice(i, 1)[0]?.resolve(m);
  };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: USER });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (failures > 0) {
          failures -= 1;
          return callback(Object.assign(new Error('Temporary failure, try again later'), { responseCode: 451 }));
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        const to = session.envelope.rcptTo.map((r) => r.address);
        simpleParser(raw).then((mail) => {
          const m = { to, mail, raw };
          messages.push(m);
          offer(m);
          callback();
        }, (error: unknown) => callback(error as Error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `smtp://${USER}:${PASSWORD}@127.0.0.1:${port}`,
    messages,
    next(test = () => true) {
      const found = messages.find((m) => !taken.has(m) && test(m));
      if (found) {
        taken.add(found);
        return Promise.resolve(found);
      }
      return new Promise((resolve) => waiting.push({ test: (m) => !taken.has(m) && test(m), resolve }));
    },
    to: (address) => messages.filter((m) => m.to.includes(address)),
    failNext(count) {
      failures = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
