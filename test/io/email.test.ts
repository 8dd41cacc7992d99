import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SMTPServer } from 'smtp-server';
import { ioCounters } from '../../src/index.js';
import { freePort, startApp, waitFor } from './helpers.js';

interface Mail {
  from: string;
  to: string[];
  user: string | undefined;
  raw: string;
}

async function smtp(
  port: number,
  more: { authOptional?: boolean } = {},
): Promise<{ server: SMTPServer; mails: Mail[] }> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    ...more,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, cb) {
      if (auth.username === 'alerts' && auth.password === 's3cret') cb(null, { user: auth.username });
      else cb(new Error('bad credentials'));
    },
    onData(stream, session, cb) {
      let raw = '';
      stream.setEncoding('utf8');
      stream.on('data', (c: string) => (raw += c));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw,
        });
        cb();
      });
    },
  });
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', () => r()));
  return { server, mails };
}

function header(raw: string, name: string): string | undefined {
  return new RegExp(`^${name}: (.*)$`, 'mi').exec(raw)?.[1]?.trim();
}

test('email sink: one mail per event to a real SMTP server, dynamic recipients and subject; waits for a server that is down', async () => {
  const port = await freePort();
  const app = await startApp(
    `@App:name('Mail1') define stream In (name string, amount double, manager string);
     @sink(type='email', address='factory@example.com', username='alerts', password='s3cret', host='127.0.0.1', port='${port}', ssl.enable='false',
           to='{{manager}}', subject='Low stock: {{name}}', on.error='WAIT', retry.interval='20', retry.interval.max='50',
           @map(type='text', @payload('Only {{amount}} kg of {{name}} left.')))
     define stream LowStock (name string, amount double, manager string);
     from In[amount < 10.0] select * insert into LowStock;`,
  );
  // The server is not there yet: the mail waits.
  const h = app.runtime.getInputHandler('In');
  h.send(['toffee', 4.5, 'ann@example.com']);
  h.send(['gum', 50.0, 'bob@example.com']);
  await waitFor(() => app.lines.some((l) => /waits for its destination/.test(l.msg)), 'a failed attempt');
  const { server, mails } = await smtp(port);
  try {
    h.send(['mint', 2.0, 'carl@example.com']);
    await waitFor(() => mails.length === 2, 'two mails');
    assert.deepEqual(
      mails.map((m) => [m.from, m.to, m.user, header(m.raw, 'Subject'), m.raw.includes(`left.`)]),
      [
        ['factory@example.com', ['ann@example.com'], 'alerts', 'Low stock: toffee', true],
        ['factory@example.com', ['carl@example.com'], 'alerts', 'Low stock: mint', true],
      ],
    );
    assert.match(mails[0]!.raw, /Only 4\.5 kg of toffee left\./);
    // The server has the mail before the client has its reply: wait for the sink to count it.
    await waitFor(() => ioCounters('Mail1')[0]!.messages === 2, 'the sink to count both');
  } finally {
    await app.stop();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test('email sink: an event sent the moment the app starts is mailed (the sink is connected at start)', async () => {
  const port = await freePort();
  const { server, mails } = await smtp(port);
  const app = await startApp(
    `@App:name('Mail2')
     @sink(type='email', address='factory@example.com', username='alerts', password='s3cret', host='127.0.0.1', port='${port}', ssl.enable='false',
           to='ops@example.com', subject='Started', @map(type='text', @payload('{{name}} is up')))
     define stream Up (name string);`,
  );
  try {
    app.runtime.getInputHandler('Up').send(['line 3']);
    await waitFor(() => mails.length === 1, 'the mail');
    assert.deepEqual(mails[0]!.to, ['ops@example.com']);
    assert.match(mails[0]!.raw, /line 3 is up/);
    assert.equal(app.lines.filter((l) => l.level === 'error').length, 0, JSON.stringify(app.lines));
  } finally {
    await app.stop();
    await new Promise<void>((r) => server.close(() => r()));
  }
});

test("email sink: auth='false' sends without logging in, though a username is given", async () => {
  const port = await freePort();
  const { server, mails } = await smtp(port, { authOptional: true });
  const app = await startApp(
    `@App:name('MailNoAuth') define stream In (name string);
     @sink(type='email', address='factory@example.com', username='alerts', password='wrong', auth='false', host='127.0.0.1', port='${port}', ssl.enable='false',
           to='ann@example.com', subject='{{name}}', @map(type='text'))
     define stream Out (name string);
     from In select * insert into Out;`,
  );
  try {
    app.runtime.getInputHandler('In').send(['toffee']);
    await waitFor(() => mails.length === 1, 'the mail');
    assert.deepEqual(
      mails.map((m) => [m.to, m.user, header(m.raw, 'Subject')]),
      [[['ann@example.com'], undefined, 'toffee']],
    );
  } finally {
    await app.stop();
    await new Promise<void>((r) => server.close(() => r()));
  }
});
