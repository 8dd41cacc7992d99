/**
 * `@sink(type='email', address='from@x.com', to='{{to}}', subject='...', host='smtp.x.com', port='465', ...)`:
 * sends each message as an email over SMTP (nodemailer). `to`, `cc`, `bcc` and `subject` may hold `{{attr}}`.
 * An unreachable server is a lost connection (handled per `on.error`). nodemailer is imported on the first connect.
 */
import type { Transporter } from 'nodemailer';
import type { ExtensionSpec } from '../../../lang/catalog.js';
import {
  ConnectionUnavailableError,
  type PublishMeta,
  type Sink,
  type SinkContext,
  type SinkFactory,
} from '../../framework/transport.js';

const spec: ExtensionSpec = {
  kind: 'sink',
  namespace: '',
  name: 'email',
  description: 'Sends each message as the body of an email over SMTP.',
  parameters: [],
  options: [
    { name: 'address', type: ['string'], optional: false, description: 'The sender address.' },
    { name: 'to', type: ['string'], optional: false, dynamic: true, description: 'Recipients, comma-separated.' },
    { name: 'subject', type: ['string'], optional: false, dynamic: true, description: 'The subject.' },
    { name: 'cc', type: ['string'], optional: true, dynamic: true, description: 'Copy recipients.' },
    { name: 'bcc', type: ['string'], optional: true, dynamic: true, description: 'Blind copy recipients.' },
    { name: 'username', type: ['string'], optional: true, description: 'SMTP user (authentication when given).' },
    { name: 'password', type: ['string'], optional: true, description: 'SMTP password.' },
    {
      name: 'auth',
      type: ['bool'],
      optional: true,
      defaultValue: 'true',
      description: 'Whether to log in with username and password; false sends without logging in.',
    },
    { name: 'host', type: ['string'], optional: true, defaultValue: 'smtp.gmail.com', description: 'SMTP server.' },
    { name: 'port', type: ['int'], optional: true, defaultValue: '465', description: 'SMTP port.' },
    {
      name: 'ssl.enable',
      type: ['bool'],
      optional: true,
      defaultValue: 'true',
      description: 'Connect with TLS from the start (SMTPS); when false, plain SMTP (STARTTLS if offered).',
    },
    {
      name: 'content.type',
      type: ['string'],
      optional: true,
      defaultValue: 'text/plain',
      description: 'text/plain or text/html.',
    },
  ],
  examples: [
    {
      syntax:
        "@sink(type='email', address='alerts@factory.com', username='alerts', password='***', host='smtp.factory.com', port='465', to='{{manager}}', subject='Low stock: {{name}}', @map(type='text'))\ndefine stream LowStock (name string, amount double, manager string);",
      description: 'Mails the manager of each sweet whose stock runs low.',
    },
  ],
};

const CONNECTION_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'ECONNREFUSED', 'EDNS']);

class EmailSink implements Sink {
  private transporter: Transporter | undefined;
  constructor(private readonly ctx: SinkContext) {}

  get endpoint(): string {
    const o = this.ctx.options;
    return `smtp://${o.getOr('host', 'smtp.gmail.com')}:${o.number('port', 465)}`;
  }

  async connect(): Promise<void> {
    const { default: nodemailer } = await import('nodemailer');
    const o = this.ctx.options;
    const user = o.get('username');
    const pass = o.get('password');
    this.transporter = nodemailer.createTransport({
      host: o.getOr('host', 'smtp.gmail.com'),
      port: o.number('port', 465),
      secure: o.bool('ssl.enable', true),
      ...(user !== undefined && o.bool('auth', true) ? { auth: { user, pass: pass ?? '' } } : {}),
      connectionTimeout: 10000,
    });
  }

  async publish(payload: unknown, meta: PublishMeta): Promise<void> {
    const t = this.transporter;
    if (!t) throw new ConnectionUnavailableError('email sink is not connected');
    const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
    const html = this.ctx.options.getOr('content.type', 'text/plain').toLowerCase().includes('html');
    const cc = meta.option('cc');
    const bcc = meta.option('bcc');
    try {
      await t.sendMail({
        from: this.ctx.options.get('address') ?? '',
        to: meta.option('to') ?? '',
        subject: meta.option('subject') ?? '',
        ...(cc ? { cc } : {}),
        ...(bcc ? { bcc } : {}),
        ...(html ? { html: text } : { text }),
      });
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code !== undefined && CONNECTION_CODES.has(code)) {
        throw new ConnectionUnavailableError(`${this.endpoint}: ${(e as Error).message}`, { cause: e });
      }
      throw e;
    }
  }

  disconnect(): void {
    this.transporter?.close();
    this.transporter = undefined;
  }
}

export const emailSink: SinkFactory = { spec, create: (ctx) => new EmailSink(ctx) };
