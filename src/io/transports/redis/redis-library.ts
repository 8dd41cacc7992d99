/** The redis client library, imported on the first connect rather than at module load (it takes ~120 ms). */
let redis: Promise<typeof import('redis')> | undefined;

export function loadRedis(): Promise<typeof import('redis')> {
  return (redis ??= import('redis'));
}
