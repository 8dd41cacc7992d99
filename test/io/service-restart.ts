/** Restarts of the local brokers for the durable-delivery tests (each test file restarts a service at most once). */
import { execFile } from 'node:child_process';
import { connect as netConnect } from 'node:net';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Resolves once something accepts TCP connections on the port (bounded). */
export async function waitForPort(port: number, ms = 30000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = netConnect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`port ${port} did not open within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const NATS_START = [
  '--start',
  '--oknodo',
  '--background',
  '--exec',
  '/usr/sbin/nats-server',
  '--',
  '-a',
  '127.0.0.1',
  '-p',
  '4222',
  '-js',
  '-sd',
  '/var/lib/nats-server',
  '-l',
  '/var/log/nats-server.log',
];

export async function stopNats(): Promise<void> {
  await run('start-stop-daemon', ['--stop', '--oknodo', '--exec', '/usr/sbin/nats-server', '--retry', '10']);
}

export async function startNats(): Promise<void> {
  await run('start-stop-daemon', NATS_START);
  await waitForPort(4222);
}

export async function stopRabbit(): Promise<void> {
  await run('rabbitmqctl', ['stop_app']);
}

export async function startRabbit(): Promise<void> {
  await run('rabbitmqctl', ['start_app']);
  await run('rabbitmqctl', ['await_startup']).catch(() => undefined);
  await waitForPort(5672);
}
