/** The nats client library, imported on the first connect rather than at module load (it takes ~30-45 ms). */
let nats: Promise<typeof import('nats')> | undefined;

export function loadNats(): Promise<typeof import('nats')> {
  return (nats ??= import('nats'));
}
