/** The kafkajs client library, imported on the first connect rather than at module load (it takes ~60 ms). */
let kafkajs: Promise<typeof import('kafkajs')> | undefined;

export function loadKafkajs(): Promise<typeof import('kafkajs')> {
  return (kafkajs ??= import('kafkajs'));
}
