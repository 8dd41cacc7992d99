/** The redis client library, imported when a redis store first connects rather than at module load (~120 ms). */
let redis: Promise<typeof import('redis')> | undefined;

export function loadRedis(): Promise<typeof import('redis')> {
  return (redis ??= import('redis'));
}
