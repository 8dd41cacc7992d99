/** The mqtt client library, imported on the first connect rather than at module load (it takes ~120 ms). */
let mqtt: Promise<typeof import('mqtt')> | undefined;

export function loadMqtt(): Promise<typeof import('mqtt')> {
  return (mqtt ??= import('mqtt'));
}
