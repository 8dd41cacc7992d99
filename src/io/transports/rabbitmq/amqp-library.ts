/** The amqplib client library, imported on the first connect rather than at module load. */
let amqp: Promise<typeof import('amqplib')> | undefined;

export function loadAmqp(): Promise<typeof import('amqplib')> {
  return (amqp ??= import('amqplib'));
}
